extension CellParser {
    /// Walks the lines after the front matter, collecting markdown runs and cells.
    struct Scanner {
        let lines: [String]
        let path: String
        let frontMatter: FrontMatter
        var index = 0
        var blocks: [NotebookDocument.Block] = []
        var warnings: [Diagnostic] = []
        private var markdown: [String] = []
        /// Figure stems taken so far, with the line of their cell.
        private var stems: [String: Int] = [:]
        private var cellCount = 0

        init(lines: [String], path: String, frontMatter: FrontMatter) {
            self.lines = lines
            self.path = path
            self.frontMatter = frontMatter
        }

        mutating func warn(_ line: Int, _ message: String) {
            warnings.append(Diagnostic(path: path, line: line, message: message))
        }

        func invalid(_ line: Int, _ message: String) -> RenderError {
            .invalidNotebook(path: path, line: line, message: message)
        }

        mutating func scan() throws(RenderError) {
            while index < lines.count {
                let line = lines[index]
                guard let fence = openingFence(line) else {
                    if !isCellBreak(line) { markdown.append(line) }
                    index += 1
                    continue
                }
                guard let close = lines.indices.dropFirst(index + 1).first(where: { closes(lines[$0], fence) }) else {
                    let mark = String(repeating: fence.character, count: fence.length)
                    throw invalid(index + 1, "the \(mark)\(fence.info.isEmpty ? "" : " " + fence.info) fence opened here "
                        + "is never closed (expected a line of at least \(fence.length) '\(fence.character)')")
                }
                if let cell = try cell(fence: fence, close: close) {
                    flushMarkdown()
                    blocks.append(.cell(cell))
                } else {
                    markdown.append(contentsOf: lines[index...close])
                }
                index = close + 1
            }
            flushMarkdown()
        }

        /// `+++` (optionally followed by metadata): MyST's break between markdown cells.
        private func isCellBreak(_ line: String) -> Bool {
            line == "+++" || line.hasPrefix("+++ ") || line == "+++\r"
        }

        private mutating func flushMarkdown() {
            if !markdown.isEmpty { blocks.append(.markdown(markdown)) }
            markdown = []
        }

        /// The cell of the fence at `index`, or nil when the fenced block is not a Lua cell.
        private mutating func cell(fence: Fence, close: Int) throws(RenderError) -> Cell? {
            let fenceLine = index + 1
            guard let header = header(fence.info) else { return nil }
            var body = lines[(index + 1)..<close].map { line -> String in
                let line = line.hasSuffix("\r") ? String(line.dropLast()) : line
                let indent = min(fence.indent, line.prefix { $0 == " " }.count)
                return String(line.dropFirst(indent))
            }
            var options = CellOptions()
            var consumed = 0   // option lines at the top of the body
            let syntax: CellSyntax
            switch header {
            case .myst(let language):
                guard language == "lua" else {
                    warn(fenceLine, "a {code-cell} in '\(language)' is not run (only lua cells are); it is shown as written")
                    return nil
                }
                syntax = .myst
                consumed = try mystOptions(body, fenceLine: fenceLine, into: &options)
            case .quarto(let attributes):
                syntax = .quarto
                try readAttributes(attributes, line: fenceLine, bareWordIsLabel: true, into: &options)
                consumed = try commentOptions(body, fenceLine: fenceLine, into: &options)
            case .plain(let attributes):
                guard frontMatter.runsPlainFences else { return nil }
                syntax = .plain
                try readAttributes(attributes, line: fenceLine, bareWordIsLabel: false, into: &options)
                consumed = try commentOptions(body, fenceLine: fenceLine, into: &options)
            }
            body.removeFirst(consumed)
            cellCount += 1
            let number = cellCount
            let cell = Cell(number: number, syntax: syntax, source: body.joined(separator: "\n"),
                            options: options.merged(over: frontMatter.cellDefaults),
                            fenceLine: fenceLine, codeLine: fenceLine + 1 + consumed)
            if let earlier = stems[cell.figureStem] {
                throw invalid(fenceLine, "cell[\(number)] names its figures '\(cell.figureStem)' like the cell at line \(earlier); "
                    + "labels must be unique")
            }
            stems[cell.figureStem] = fenceLine
            return cell
        }

        /// MyST options: a `---` YAML block, or `:key: value` lines. Returns the lines used.
        private mutating func mystOptions(_ body: [String], fenceLine: Int, into options: inout CellOptions) throws(RenderError) -> Int {
            if body.first?.trimmingTrailingSpaces() == "---" {
                guard let end = body.indices.dropFirst().first(where: { body[$0].trimmingTrailingSpaces() == "---" }) else {
                    throw invalid(fenceLine + 1, "the cell's option block opened here is never closed (expected a line '---')")
                }
                try apply(yaml: Array(body[1..<end]), firstLine: fenceLine + 2, to: &options)
                return end + 1
            }
            var count = 0
            for line in body {
                guard line.hasPrefix(":"), let colon = line.dropFirst().firstIndex(of: ":") else { break }
                let key = String(line[line.index(after: line.startIndex)..<colon])
                guard !key.isEmpty, !key.contains(" ") else { break }
                let lineNumber = fenceLine + 1 + count
                let value: YAMLValue
                do {
                    value = try YAMLSubset.parseInline(String(line[line.index(after: colon)...]), line: lineNumber)
                } catch {
                    throw invalid(error.line, "cell option: " + error.message)
                }
                try apply(key: key, value: value, line: lineNumber, to: &options)
                count += 1
            }
            return count
        }

        /// Quarto options: leading `--| key: value` lines, YAML once the prefix is removed.
        private mutating func commentOptions(_ body: [String], fenceLine: Int, into options: inout CellOptions) throws(RenderError) -> Int {
            var yaml: [String] = []
            for line in body {
                let trimmed = line.drop { $0 == " " || $0 == "\t" }
                guard trimmed.hasPrefix("--|") else { break }
                let rest = trimmed.dropFirst(3)
                yaml.append(String(rest.hasPrefix(" ") ? rest.dropFirst() : rest))
            }
            try apply(yaml: yaml, firstLine: fenceLine + 1, to: &options)
            return yaml.count
        }

        private mutating func apply(yaml: [String], firstLine: Int, to options: inout CellOptions) throws(RenderError) {
            guard !yaml.isEmpty else { return }
            let value: YAMLValue
            do { value = try YAMLSubset.parse(yaml, firstLine: firstLine) } catch {
                throw invalid(error.line, "cell options: " + error.message)
            }
            guard case .map(let entries) = value else { throw invalid(firstLine, "cell options must be 'key: value' lines") }
            for entry in entries { try apply(key: entry.key, value: entry.value, line: entry.line, to: &options) }
        }

        private mutating func apply(key: String, value: YAMLValue, line: Int, to options: inout CellOptions) throws(RenderError) {
            do {
                guard let unknownTags = try options.apply(key: key, value: value) else {
                    return warn(line, "unknown cell option '\(key)' (ignored)")
                }
                for tag in unknownTags {
                    warn(line, "unknown tag '\(tag)' (ignored); known tags: "
                        + CellOptions.knownTags.sorted().joined(separator: ", "))
                }
            } catch {
                throw invalid(line, "cell option: " + error.message)
            }
        }

        /// Attributes in a fence's info string: `label, echo=false` (Quarto braces) or
        /// `.noeval key=value` (jupytext's plain markdown).
        private mutating func readAttributes(_ text: String, line: Int, bareWordIsLabel: Bool,
                                             into options: inout CellOptions) throws(RenderError) {
            let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
            for (i, word) in words.enumerated() {
                if word == ".noeval" {
                    options.eval = false
                } else if word.hasPrefix("#") && word.count > 1 {
                    options.label = String(word.dropFirst())
                } else if let equals = word.firstIndex(of: "=") {
                    let key = String(word[..<equals])
                    var raw = String(word[word.index(after: equals)...])
                    if raw.count >= 2, raw.first == raw.last, raw.first == "\"" || raw.first == "'" { raw = String(raw.dropFirst().dropLast()) }
                    let value: YAMLValue
                    do { value = try YAMLSubset.parseInline(raw, line: line) } catch {
                        throw invalid(line, "cell attribute: " + error.message)
                    }
                    try apply(key: key, value: value, line: line, to: &options)
                } else if i == 0 && bareWordIsLabel {
                    options.label = word
                } else if !word.hasPrefix(".") {
                    warn(line, "unknown cell attribute '\(word)' (ignored)")
                }
            }
        }
    }
}
