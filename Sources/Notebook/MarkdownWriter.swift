import Plotting

/// Which image files a render writes for each figure.
public enum FigureFormat: String, CaseIterable, Sendable {
    /// SVG only (linked).
    case svg
    /// PNG only (linked).
    case png
    /// SVG and PNG; the markdown links the SVG.
    case both

    /// The extensions written.
    public var extensions: [String] {
        switch self {
        case .svg: return ["svg"]
        case .png: return ["png"]
        case .both: return ["svg", "png"]
        }
    }

    /// The extension the markdown links.
    public var linkedExtension: String { self == .png ? "png" : "svg" }
}

/// A rendered notebook in memory: the markdown and the figures it links.
public struct RenderedNotebook: Sendable {
    public var markdown: String
    /// Figures by file stem (`peak-learner-1`, `cell-3-2`), in document order.
    public var figures: [(stem: String, figure: Figure)]
}

/// Writes a notebook and its cells' results as plain GitHub markdown.
///
/// For a cell, in order (each part only when there is something to show):
///
/// ````markdown
/// ```lua
/// the code (option lines removed)
/// ```
///
/// ```text
/// printed output
/// the value of the last expression
/// ```
///
/// ```text
/// cell[3]:2: the error message, when the cell was allowed to fail
/// stack traceback: ...
/// ```
///
/// ![caption](NB_files/<label or cell-N>-1.svg)
/// ````
///
/// Markdown outside cells and the front matter are written as they were.
public struct MarkdownWriter: Sendable {
    /// The folder figures are linked in, relative to the markdown (`NB_files`).
    public var filesDirectory: String
    public var format: FigureFormat

    public init(filesDirectory: String, format: FigureFormat = .both) {
        self.filesDirectory = filesDirectory
        self.format = format
    }

    /// The markdown of `document` with `results` (by cell number; missing = not run).
    public func render(_ document: NotebookDocument, results: [CellResult]) -> RenderedNotebook {
        let byCell = Dictionary(results.map { ($0.cell, $0) }, uniquingKeysWith: { _, last in last })
        var lines = document.frontMatter.lines
        var figures: [(stem: String, figure: Figure)] = []
        var droppedCell = false
        for block in document.blocks {
            switch block {
            case .markdown(var text):
                // After a cell that wrote nothing, avoid a double blank line.
                if droppedCell, lines.last?.isEmpty == true, text.first?.isEmpty == true { text.removeFirst() }
                lines.append(contentsOf: text)
                droppedCell = false
            case .cell(let cell):
                let parts = self.parts(of: cell, result: byCell[cell.number], figures: &figures)
                droppedCell = parts.isEmpty
                if !parts.isEmpty { lines.append(parts.joined(separator: "\n\n")) }
            }
        }
        return RenderedNotebook(markdown: lines.joined(separator: "\n") + "\n", figures: figures)
    }

    private func parts(of cell: Cell, result: CellResult?, figures: inout [(stem: String, figure: Figure)]) -> [String] {
        let options = cell.options
        var parts: [String] = []
        if options.showsInput {
            var code = cell.source.split(separator: "\n", omittingEmptySubsequences: false)
            while code.last?.allSatisfy({ $0 == " " || $0 == "\t" }) == true { code.removeLast() }
            if !code.isEmpty { parts.append(MarkdownWriter.fenced(code.joined(separator: "\n"), language: "lua")) }
        }
        guard options.showsOutput, let result, result.ran else { return parts }
        var printed = result.output
        if options.output == .asis {
            var raw = Substring(printed)
            while raw.last == "\n" { raw = raw.dropLast() }
            if !raw.isEmpty { parts.append(String(raw)) }
            printed = ""
        }
        var text: [String] = []
        if !printed.isEmpty { text.append(printed.hasSuffix("\n") ? String(printed.dropLast()) : printed) }
        if let value = result.value { text.append(value) }
        if !text.isEmpty { parts.append(MarkdownWriter.fenced(text.joined(separator: "\n"), language: "text")) }
        if let error = result.error {
            parts.append(MarkdownWriter.fenced(error.message + (error.traceback.map { "\n" + $0 } ?? ""), language: "text"))
        }
        for (k, figure) in result.figures.enumerated() {
            let stem = "\(cell.figureStem)-\(k + 1)"
            figures.append((stem, figure))
            let caption = MarkdownWriter.caption(options.figureCaptions, index: k) ?? stem
            parts.append("![\(MarkdownWriter.escaped(caption))](\(MarkdownWriter.linkPath(filesDirectory + "/" + stem + "." + format.linkedExtension)))")
        }
        return parts
    }

    /// The caption of figure `index`: one caption for all, or one per figure.
    static func caption(_ captions: [String]?, index: Int) -> String? {
        guard let captions, !captions.isEmpty else { return nil }
        if captions.count == 1 { return captions[0] }
        return index < captions.count ? captions[index] : nil
    }

    /// `text` in a fenced block whose fence is longer than any backtick run inside.
    static func fenced(_ text: String, language: String) -> String {
        var longest = 0
        var run = 0
        for c in text {
            if c == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + language + "\n" + text + "\n" + fence
    }

    /// Alt text with the characters that would end it escaped.
    static func escaped(_ text: String) -> String {
        var result = ""
        for c in text {
            if c == "[" || c == "]" || c == "\\" { result.append("\\") }
            result.append(c == "\n" ? " " : c)
        }
        return result
    }

    /// A relative path as a markdown link target: spaces, parentheses and `%` percent-encoded.
    static func linkPath(_ path: String) -> String {
        var result = ""
        for c in path {
            switch c {
            case " ": result += "%20"
            case "(": result += "%28"
            case ")": result += "%29"
            case "%": result += "%25"
            case "<": result += "%3C"
            case ">": result += "%3E"
            default: result.append(c)
            }
        }
        return result
    }
}
