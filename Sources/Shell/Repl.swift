import AdaptiveLua
import CLuaSupport
import Foundation
import LuaKit

/// The read-eval-print loop: reads chunks (continuing while they are incomplete),
/// runs them in the kernel, prints values and errors, and survives both.
public final class Repl {
    let kernel: Kernel
    let reader: LineReader
    let interactive: Bool
    /// Prompts (empty when input is not a terminal).
    let prompt: String, continuation: String

    public init(kernel: Kernel, reader: LineReader, interactive: Bool) {
        self.kernel = kernel
        self.reader = reader
        self.interactive = interactive
        prompt = interactive ? "> " : ""
        continuation = interactive ? ">> " : ""
    }

    /// A REPL on standard input: libedit for a terminal, plain lines for a pipe.
    public static func standard(kernel: Kernel) -> Repl {
        let terminal = isatty(STDIN_FILENO) != 0
        return Repl(kernel: kernel, reader: terminal ? EditLineReader() : PipeLineReader(), interactive: terminal)
    }

    /// Runs until end of input. Returns the exit status: 1 when input was not a
    /// terminal and some chunk failed, else 0.
    public func run() -> Int32 {
        clua_install_sigint_handler()
        if interactive {
            print("adaptive \(Kernel.version) (Lua 5.4). Ctrl-D exits.")
        }
        var anyFailed = false
        while let chunk = readChunk() {
            reader.remember(chunk)
            kernel.lua.setSignalTarget(true)
            let status = kernel.runInteractive(chunk, report: report)
            kernel.lua.setSignalTarget(false)
            if status == .ran(failed: true) { anyFailed = true }
        }
        return (!interactive && anyFailed) ? 1 : 0
    }

    /// Reads lines until they form a complete chunk (or a syntax error); nil at end of input.
    /// A blank line on the continuation prompt abandons the chunk.
    func readChunk() -> String? {
        guard var chunk = reader.readLine(prompt: prompt) else { return nil }
        if chunk.hasPrefix("=") { chunk = "return " + chunk.dropFirst() }   // Lua 5.1 style
        while kernel.isIncomplete(chunk) {
            guard let line = reader.readLine(prompt: continuation) else { return chunk }
            if interactive && line.allSatisfy(\.isWhitespace) { return "" }
            chunk += "\n" + line
        }
        return chunk
    }

    func report(_ error: LuaError) {
        var text = error.message
        if let traceback = Kernel.userTraceback(error) { text += "\n" + traceback }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
