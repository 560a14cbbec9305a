import Foundation

/// What reading one line gave.
public enum LineInput: Equatable, Sendable {
    /// A line, without its newline (a line recalled from history may hold several).
    case line(String)
    /// Ctrl-C at the prompt: the line being typed was dropped.
    case interrupt
    /// Ctrl-D on an empty line, or the end of the input.
    case end
}

/// Where the shell's lines come from: a terminal (with editing and history), a pipe, or
/// a script of lines in tests.
public protocol LineReader: AnyObject {
    /// Shows `prompt` and reads the next line.
    func readLine(prompt: String) -> LineInput
    /// Records a complete chunk (possibly several lines) in the history.
    func remember(_ chunk: String)
}

/// Lines from standard input when it is not a terminal: no prompts, no history.
public final class PipeLineReader: LineReader {
    public init() {}
    public func readLine(prompt: String) -> LineInput {
        guard let line = Swift.readLine(strippingNewline: true) else { return .end }
        return .line(line)
    }
    public func remember(_ chunk: String) {}
}

/// Lines given in advance, for tests: `.line`, `.interrupt` and `.end` items are
/// returned in order (then `.end` forever); `onRead` runs before each one is returned
/// (a test can wait there for a runner). Prompts and history are recorded.
public final class ScriptedLineReader: LineReader {
    public private(set) var script: [LineInput]
    public private(set) var prompts: [String] = []
    public private(set) var history: [String] = []
    public var onRead: ((Int) -> Void)?
    private var index = 0

    public init(_ script: [LineInput]) { self.script = script }

    /// Each string is one line.
    public convenience init(lines: [String]) { self.init(lines.map { .line($0) }) }

    public func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        onRead?(index)
        guard index < script.count else { return .end }
        defer { index += 1 }
        return script[index]
    }

    public func remember(_ chunk: String) { history.append(chunk) }
}
