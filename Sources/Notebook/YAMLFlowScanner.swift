/// Inline YAML: keys, flow lists `[a, b]`, flow maps `{k: v}` and scalars on one line.
struct FlowScanner {
    let text: [Unicode.Scalar]
    var position = 0
    let line: Int

    init(text: [Unicode.Scalar], line: Int) {
        self.text = text
        self.line = line
    }

    private var current: Unicode.Scalar? { position < text.count ? text[position] : nil }

    private func error(_ message: String) -> YAMLError { YAMLError(line: line, message: message) }

    private mutating func skipSpaces() {
        while let c = current, c == " " || c == "\t" { position += 1 }
    }

    /// True at the end of the line or at a ` # comment`.
    private var atEnd: Bool {
        guard let c = current else { return true }
        return c == "#" && (position == 0 || text[position - 1] == " " || text[position - 1] == "\t")
    }

    /// A whole inline value: nothing but a comment may follow it.
    mutating func inlineValue() throws(YAMLError) -> YAMLValue {
        skipSpaces()
        if atEnd { return .null }
        let value = try self.value(inFlow: false)
        skipSpaces()
        guard atEnd else {
            throw error("unexpected '\(String(String.UnicodeScalarView(text[position...])))' after a value")
        }
        return value
    }

    /// A map key: quoted, or plain text up to `:` followed by a space or the end.
    mutating func key() throws(YAMLError) -> String {
        skipSpaces()
        if let c = current, c == "\"" || c == "'" { return try quoted() }
        let start = position
        while let c = current {
            if c == ":" && (position + 1 == text.count || text[position + 1] == " " || text[position + 1] == "\t") { break }
            if c == "," || c == "}" || c == "]" { break }
            position += 1
        }
        let key = String(String.UnicodeScalarView(text[start..<position])).trimmingTrailingSpaces()
        guard !key.isEmpty else { throw error("a key is missing before ':'") }
        return key
    }

    /// Consumes `:` after a key.
    mutating func consumeColon() -> Bool {
        skipSpaces()
        guard current == ":" else { return false }
        position += 1
        return true
    }

    private mutating func value(inFlow: Bool) throws(YAMLError) -> YAMLValue {
        skipSpaces()
        switch current {
        case "[": return try list()
        case "{": return try map()
        case "\"", "'":
            return .scalar(try quoted(), quoted: true)
        default: return .scalar(plain(inFlow: inFlow), quoted: false)
        }
    }

    private mutating func plain(inFlow: Bool) -> String {
        let start = position
        while let c = current {
            if inFlow && (c == "," || c == "]" || c == "}") { break }
            if atEnd { break }
            position += 1
        }
        return String(String.UnicodeScalarView(text[start..<position])).trimmingTrailingSpaces()
    }

    private mutating func quoted() throws(YAMLError) -> String {
        let quote = current!
        position += 1
        var result = String.UnicodeScalarView()
        while let c = current {
            position += 1
            if c == quote {
                if quote == "'" && current == "'" {   // '' is a quote inside single quotes
                    result.append("'")
                    position += 1
                    continue
                }
                return String(result)
            }
            if c == "\\" && quote == "\"", let next = current {
                position += 1
                switch next {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(next)
                }
                continue
            }
            result.append(c)
        }
        throw error("a quoted string is not closed")
    }

    private mutating func list() throws(YAMLError) -> YAMLValue {
        position += 1   // [
        var items: [YAMLValue] = []
        skipSpaces()
        if current == "]" { position += 1; return .list([]) }
        while true {
            items.append(try value(inFlow: true))
            skipSpaces()
            switch current {
            case ",": position += 1
            case "]": position += 1; return .list(items)
            default: throw error("expected ',' or ']' in a flow list")
            }
        }
    }

    private mutating func map() throws(YAMLError) -> YAMLValue {
        position += 1   // {
        var entries: [YAMLEntry] = []
        skipSpaces()
        if current == "}" { position += 1; return .map([]) }
        while true {
            let key = try self.key()
            let value: YAMLValue = consumeColon() ? try self.value(inFlow: true) : .null
            entries.append(YAMLEntry(key: key, value: value, line: line))
            skipSpaces()
            switch current {
            case ",": position += 1
            case "}": position += 1; return .map(entries)
            default: throw error("expected ',' or '}' in a flow map")
            }
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
