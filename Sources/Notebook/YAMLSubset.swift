/// A value of the small YAML subset that notebook front matter and cell options use.
///
/// Supported: block maps (nested by indentation), block lists (`- item`), flow lists
/// `[a, b]` and maps `{k: v}`, plain, `'single'` and `"double"` quoted scalars, block
/// scalars (`|`, `>`) and `#` comments. Anchors, tags and multi-document streams are not.
/// Scalars stay text; the typed accessors interpret them (`true`/`false`, integers).
public indirect enum YAMLValue: Equatable, Sendable {
    /// A scalar: its text without quotes; `quoted` when it was written in quotes.
    case scalar(String, quoted: Bool)
    case list([YAMLValue])
    case map([YAMLEntry])

    /// The empty value (`key:` with nothing after it).
    public static let null = YAMLValue.scalar("", quoted: false)

    /// The value under `key` of a map.
    public subscript(key: String) -> YAMLValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.last { $0.key == key }?.value
    }

    /// The text of a scalar.
    public var string: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    /// `true`/`false` (also `yes`/`no`, any case) of an unquoted scalar.
    public var bool: Bool? {
        guard case .scalar(let text, false) = self else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// An integer scalar.
    public var int: Int? {
        guard case .scalar(let text, false) = self else { return nil }
        return Int(text)
    }

    /// A list of scalars, or one scalar as a list of one.
    public var strings: [String]? {
        switch self {
        case .scalar(let text, _): return text.isEmpty ? [] : [text]
        case .list(let items):
            var result: [String] = []
            for item in items {
                guard let text = item.string else { return nil }
                result.append(text)
            }
            return result
        case .map: return nil
        }
    }

    /// The value as YAML flow text, for messages.
    public var flowText: String {
        switch self {
        case .scalar(let text, let quoted): return quoted ? "'\(text)'" : text
        case .list(let items): return "[" + items.map(\.flowText).joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.map { "\($0.key): \($0.value.flowText)" }.joined(separator: ", ") + "}"
        }
    }
}

/// One `key: value` of a YAML map, with the line it was written on (1-based, in the file).
public struct YAMLEntry: Equatable, Sendable {
    public var key: String
    public var value: YAMLValue
    public var line: Int
    public init(key: String, value: YAMLValue, line: Int) {
        self.key = key
        self.value = value
        self.line = line
    }
}

/// A YAML syntax error at a line of the file.
public struct YAMLError: Error, Equatable, Sendable {
    public var line: Int
    public var message: String
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}

/// Parses the YAML subset of `YAMLValue`.
public enum YAMLSubset {
    /// Parses block-style YAML `lines`, the first of which is line `firstLine` of the file.
    /// Returns a map (empty when there is nothing but blank lines and comments).
    public static func parse(_ lines: [String], firstLine: Int = 1) throws(YAMLError) -> YAMLValue {
        var parser = BlockParser(lines: lines.enumerated().map { (text: $0.element, line: firstLine + $0.offset) })
        parser.skipBlank()
        guard parser.index < parser.lines.count else { return .map([]) }
        let value = try parser.block(indent: parser.indent(of: parser.lines[parser.index].text))
        parser.skipBlank()
        if parser.index < parser.lines.count {
            throw YAMLError(line: parser.lines[parser.index].line, message: "unexpected indentation")
        }
        return value
    }

    /// Parses one inline value: a flow list or map, or a scalar (a trailing `# comment` is dropped).
    public static func parseInline(_ text: String, line: Int = 1) throws(YAMLError) -> YAMLValue {
        var scanner = FlowScanner(text: Array(text.unicodeScalars), line: line)
        return try scanner.inlineValue()
    }
}

/// Block structure: maps and lists by indentation.
private struct BlockParser {
    let lines: [(text: String, line: Int)]
    var index = 0

    init(lines: [(text: String, line: Int)]) { self.lines = lines }

    func indent(of text: String) -> Int { text.prefix { $0 == " " }.count }

    static func isBlank(_ text: String) -> Bool {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    mutating func skipBlank() {
        while index < lines.count && BlockParser.isBlank(lines[index].text) { index += 1 }
    }

    /// The block (map or list) whose lines start at `indent`.
    mutating func block(indent: Int) throws(YAMLError) -> YAMLValue {
        let first = lines[index]
        if first.text.hasPrefix("\t") || first.text.dropFirst(indent).hasPrefix("\t") {
            throw YAMLError(line: first.line, message: "tabs cannot indent YAML; use spaces")
        }
        let body = first.text.dropFirst(indent)
        return body == "-" || body.hasPrefix("- ") ? try list(indent: indent) : try map(indent: indent)
    }

    /// The value after `key:` or `-`: inline text, a block scalar, or a nested block.
    mutating func value(after rest: Substring, parentIndent: Int, line: Int, inMap: Bool) throws(YAMLError) -> YAMLValue {
        let rest = rest.drop { $0 == " " }
        if rest.isEmpty || rest.hasPrefix("#") {
            skipBlank()
            guard index < lines.count else { return .null }
            let next = lines[index].text
            let n = indent(of: next)
            let isItem = next.dropFirst(n) == "-" || next.dropFirst(n).hasPrefix("- ")
            // A nested block is indented further; a list may also sit at the key's own indent.
            guard n > parentIndent || (inMap && n == parentIndent && isItem) else { return .null }
            return try block(indent: n)
        }
        if rest.hasPrefix("|") || rest.hasPrefix(">") {
            var collected: [String] = []
            var blockIndent: Int?
            while index < lines.count {
                let text = lines[index].text
                if text.allSatisfy({ $0 == " " }) { collected.append(""); index += 1; continue }
                let n = indent(of: text)
                guard n > parentIndent else { break }
                blockIndent = blockIndent ?? n
                collected.append(String(text.dropFirst(min(n, blockIndent!))))
                index += 1
            }
            while collected.last == "" { collected.removeLast() }
            return .scalar(collected.joined(separator: rest.hasPrefix("|") ? "\n" : " "), quoted: true)
        }
        var scanner = FlowScanner(text: Array(rest.unicodeScalars), line: line)
        return try scanner.inlineValue()
    }

    /// The next non-blank line, its number and its indentation, or nil where the block
    /// indented by `indent` ends (the end of the text or a shallower line). Tabs are errors.
    mutating func nextLine(within indent: Int) throws(YAMLError) -> (text: String, line: Int, indent: Int)? {
        skipBlank()
        guard index < lines.count else { return nil }
        let (text, line) = lines[index]
        let n = self.indent(of: text)
        if text.dropFirst(n).hasPrefix("\t") { throw YAMLError(line: line, message: "tabs cannot indent YAML; use spaces") }
        return n < indent ? nil : (text, line, n)
    }

    mutating func map(indent: Int) throws(YAMLError) -> YAMLValue {
        var entries: [YAMLEntry] = []
        while true {
            guard let (text, line, n) = try nextLine(within: indent) else { break }
            if n > indent { throw YAMLError(line: line, message: "unexpected indentation") }
            let body = text.dropFirst(indent)
            if body == "-" || body.hasPrefix("- ") {
                throw YAMLError(line: line, message: "a list item where a 'key: value' was expected")
            }
            var scanner = FlowScanner(text: Array(body.unicodeScalars), line: line)
            let key = try scanner.key()
            guard scanner.consumeColon() else {
                throw YAMLError(line: line, message: "expected 'key: value', got '\(body)'")
            }
            index += 1
            let rest = String(String.UnicodeScalarView(scanner.text[scanner.position...]))
            entries.append(YAMLEntry(key: key, value: try value(after: Substring(rest), parentIndent: indent, line: line, inMap: true), line: line))
        }
        return .map(entries)
    }

    mutating func list(indent: Int) throws(YAMLError) -> YAMLValue {
        var items: [YAMLValue] = []
        while true {
            guard let (text, line, n) = try nextLine(within: indent) else { break }
            let body = text.dropFirst(indent)
            guard n == indent else { throw YAMLError(line: line, message: "expected a list item '- value'") }
            guard body == "-" || body.hasPrefix("- ") else { break }   // the next key of the map above
            index += 1
            items.append(try value(after: body.dropFirst(), parentIndent: indent, line: line, inMap: false))
        }
        return .list(items)
    }
}
