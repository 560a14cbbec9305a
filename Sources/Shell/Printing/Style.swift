import Foundation

/// How the shell writes to the terminal: colours only when standard output is a
/// terminal, `NO_COLOR` is unset (or empty) and `TERM` is not `dumb`.
public struct Style: Sendable {
    public var color: Bool

    public init(color: Bool) { self.color = color }

    /// Colours for a terminal on standard output, unless the environment opts out.
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> Style {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        return Style(color: isatty(STDOUT_FILENO) != 0 && !noColor && !dumb)
    }

    func paint(_ code: String, _ text: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
    /// Error messages.
    func error(_ text: String) -> String { paint("31", text) }
    /// Tracebacks, timings, hints.
    func dim(_ text: String) -> String { paint("2", text) }
    /// Headings in help and tables.
    func bold(_ text: String) -> String { paint("1", text) }
    /// Job notices.
    func notice(_ text: String) -> String { paint("33", text) }
}
