import CEditLine
import CLuaSupport
import Foundation

/// Where the shell's lines come from: a terminal (with editing and history) or a pipe.
public protocol LineReader {
    /// The next line without its newline, or nil at end of input.
    func readLine(prompt: String) -> String?
    /// Records a complete chunk (possibly several lines) in the history.
    func remember(_ chunk: String)
}

/// Lines from standard input when it is not a terminal: no prompts, no history.
public struct PipeLineReader: LineReader {
    public init() {}
    public func readLine(prompt: String) -> String? { Swift.readLine(strippingNewline: true) }
    public func remember(_ chunk: String) {}
}

/// Lines from a terminal through libedit: editing keys, history, Ctrl-C clears the line.
public final class EditLineReader: LineReader {
    public init() {
        setlocale(LC_ALL, "")   // without it libedit drops multibyte input
        cedit_set_name(strdup("adaptive"))
        stifle_history(1000)
    }

    public func readLine(prompt: String) -> String? {
        while true {
            let interruptsBefore = clua_sigint_count()
            guard let line = readline(prompt) else {
                if clua_sigint_count() != interruptsBefore {   // Ctrl-C at the prompt: drop the line
                    FileHandle.standardOutput.write(Data("^C\n".utf8))
                    continue
                }
                FileHandle.standardOutput.write(Data("\n".utf8))   // Ctrl-D: end the prompt's line
                return nil
            }
            defer { free(line) }
            return String(cString: line)
        }
    }

    public func remember(_ chunk: String) {
        if !chunk.allSatisfy(\.isWhitespace) { _ = add_history(chunk) }
    }
}
