import Foundation

/// The shell's persistent history: one entry per line in a text file (`~/.adaptive_history`,
/// or `$ADAPTIVE_HISTORY`), a multi-line chunk stored as one entry with its newlines
/// written `\n` (and backslashes `\\`). Entries are appended as they are entered, so a
/// crash loses nothing; the file is cut to the newest `limit` entries when loaded.
public final class HistoryFile {
    public let path: String
    public let limit: Int
    private var last: String?

    public init(path: String, limit: Int = 1000) {
        self.path = path
        self.limit = limit
    }

    /// `$ADAPTIVE_HISTORY` when set (empty: no history), else `$HOME/.adaptive_history`.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> HistoryFile? {
        if let path = environment["ADAPTIVE_HISTORY"] {
            return path.isEmpty ? nil : HistoryFile(path: path)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return HistoryFile(path: (home as NSString).appendingPathComponent(".adaptive_history"))
    }

    /// The stored entries, oldest first (at most `limit`; the file is rewritten when longer).
    public func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var entries = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            .map { HistoryFile.decode(String($0)) }
        if entries.count > limit {
            entries.removeFirst(entries.count - limit)
            let text = entries.map { HistoryFile.encode($0) + "\n" }.joined()
            try? Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        last = entries.last
        return entries
    }

    /// Appends an entry (not a repeat of the previous one, not a blank one).
    public func append(_ entry: String) {
        guard !entry.allSatisfy(\.isWhitespace), entry != last else { return }
        last = entry
        let line = Data((HistoryFile.encode(entry) + "\n").utf8)
        if let handle = FileHandle(forWritingAtPath: path) {
            defer { try? handle.close() }
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: line)
        } else {
            _ = FileManager.default.createFile(atPath: path, contents: line, attributes: [.posixPermissions: 0o600])
        }
    }

    static func encode(_ entry: String) -> String {
        entry.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\r")
    }

    static func decode(_ line: String) -> String {
        var out = ""
        var escaped = false
        for c in line {
            if escaped {
                switch c {
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
