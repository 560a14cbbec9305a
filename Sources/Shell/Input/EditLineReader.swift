import CEditLine
import CLuaSupport
import Foundation

/// Lines from a terminal through libedit: editing keys, history (kept in a ``HistoryFile``),
/// Tab completion (by a ``Completer``), and Ctrl-C that drops the line being typed.
public final class EditLineReader: LineReader {
    let history: HistoryFile?

    public init(history: HistoryFile? = HistoryFile.standard(), completer: Completer? = nil) {
        self.history = history
        setlocale(LC_ALL, "")   // without it libedit drops multibyte input
        cedit_set_name(strdup("adaptive"))
        stifle_history(Int32(history?.limit ?? 1000))
        for entry in history?.load() ?? [] { _ = add_history(entry) }
        if let completer {
            CompletionHook.install(completer)
        }
    }

    public func readLine(prompt: String) -> LineInput {
        let interruptsBefore = clua_sigint_count()
        guard let line = readline(prompt) else {
            if clua_sigint_count() != interruptsBefore {   // Ctrl-C at the prompt: drop the line
                FileHandle.standardOutput.write(Data("^C\n".utf8))
                return .interrupt
            }
            FileHandle.standardOutput.write(Data("\n".utf8))   // Ctrl-D: end the prompt's line
            return .end
        }
        defer { free(line) }
        return .line(String(cString: line))
    }

    public func remember(_ chunk: String) {
        guard !chunk.allSatisfy(\.isWhitespace) else { return }
        _ = add_history(chunk)
        history?.append(chunk)
    }

    /// The terminal's width in columns (80 when unknown).
    public static var screenWidth: Int {
        var rows: Int32 = 0, columns: Int32 = 0
        rl_get_screen_size(&rows, &columns)
        return columns > 10 ? Int(columns) : 80
    }
}
