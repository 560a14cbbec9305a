/// Splits notebook text into front matter, markdown and Lua cells.
///
/// Cells are fenced blocks (3 or more backticks or tildes, indented at most 3 spaces,
/// closed by a fence of the same character at least as long) whose info string is:
///
/// * `{code-cell} lua` (or `{code-cell}` alone): MyST. Options follow the fence as
///   `:key: value` lines (`:tags: [remove-input]`) or a YAML block between `---` lines.
/// * `{lua}`: Quarto. Options are leading `--| key: value` lines (YAML); attributes
///   in the braces are also read: `{lua label, echo=false}`.
/// * `lua`: a plain fence, shown as written unless the front matter sets
///   `plain-fences: true`; then it is a cell (`--|` options, `.noeval`, `key=value`).
///
/// Everything else, including other fenced blocks and their contents, is markdown passed
/// through unchanged, except MyST's `+++` cell-break lines, which are dropped.
public enum CellParser {
    /// Parses `text`, read from `path` (messages name it).
    public static func parse(_ text: String, path: String) throws(RenderError) -> NotebookDocument {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text   // a byte-order mark
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { lines.removeLast() }
        var warnings: [Diagnostic] = []
        let (frontMatter, bodyStart): (FrontMatter, Int)
        do {
            (frontMatter, bodyStart) = try FrontMatter.parse(lines) { line, message in
                warnings.append(Diagnostic(path: path, line: line, message: message))
            }
        } catch {
            throw .invalidNotebook(path: path, line: error.line, message: "front matter: " + error.message)
        }
        var scanner = Scanner(lines: lines, path: path, frontMatter: frontMatter)
        scanner.index = bodyStart
        scanner.warnings = warnings
        try scanner.scan()
        return NotebookDocument(path: path, frontMatter: frontMatter, blocks: scanner.blocks, warnings: scanner.warnings)
    }

    /// An opening code fence.
    struct Fence: Equatable {
        var indent: Int
        var character: Character
        var length: Int
        var info: String
    }

    /// The fence `line` opens, if it opens one.
    static func openingFence(_ line: String) -> Fence? {
        let line = line.hasSuffix("\r") ? String(line.dropLast()) : line
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let character = rest.first, character == "`" || character == "~" else { return nil }
        let length = rest.prefix { $0 == character }.count
        guard length >= 3 else { return nil }
        let info = String(rest.dropFirst(length)).trimmingCharacters(in: " \t")
        if character == "`" && info.contains("`") { return nil }   // CommonMark: not a fence
        return Fence(indent: indent, character: character, length: length, info: info)
    }

    /// True when `line` closes `fence`.
    static func closes(_ line: String, _ fence: Fence) -> Bool {
        let line = line.hasSuffix("\r") ? String(line.dropLast()) : line
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return false }
        let rest = line.dropFirst(indent)
        let length = rest.prefix { $0 == fence.character }.count
        return length >= fence.length && rest.dropFirst(length).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// How a fence's info string makes it a cell.
    enum Header: Equatable {
        case myst(language: String)
        case quarto(attributes: String)
        case plain(attributes: String)
    }

    static func header(_ info: String) -> Header? {
        if info.hasPrefix("{code-cell}") {
            let language = info.dropFirst("{code-cell}".count).split(separator: " ").first.map(String.init)
            return .myst(language: language ?? "lua")
        }
        if info.hasPrefix("{lua"), info.hasSuffix("}") {
            let inside = info.dropFirst(4).dropLast()
            if inside.isEmpty || inside.first == " " || inside.first == "," {
                return .quarto(attributes: String(inside))
            }
        }
        if info == "lua" || info.hasPrefix("lua ") { return .plain(attributes: String(info.dropFirst(3))) }
        return nil
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let c = s.first, chars.contains(c) { s = s.dropFirst() }
        while let c = s.last, chars.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
