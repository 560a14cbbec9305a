/// A parsed notebook: its front matter, then markdown and Lua cells in order.
///
///     let document = try NotebookDocument(parsing: text, path: "peak.md")
///     for case .cell(let cell) in document.blocks { print(cell.number, cell.source) }
public struct NotebookDocument: Sendable {
    /// The path the notebook was read from (messages name it).
    public var path: String
    public var frontMatter: FrontMatter
    public var blocks: [Block]
    /// Problems that do not stop a render (unknown tags, ignored options).
    public var warnings: [Diagnostic]

    /// A run of markdown lines passed through as they are, or a code cell.
    public enum Block: Sendable, Equatable {
        case markdown([String])
        case cell(Cell)
    }

    public init(path: String, frontMatter: FrontMatter, blocks: [Block], warnings: [Diagnostic]) {
        self.path = path
        self.frontMatter = frontMatter
        self.blocks = blocks
        self.warnings = warnings
    }

    /// Parses notebook text (see ``CellParser`` for the syntax).
    public init(parsing text: String, path: String) throws(RenderError) {
        self = try CellParser.parse(text, path: path)
    }

    /// The code cells, in order (cell `n` is `cells[n - 1]`).
    public var cells: [Cell] {
        blocks.compactMap { if case .cell(let cell) = $0 { cell } else { nil } }
    }
}

/// How a cell was written in the notebook.
public enum CellSyntax: String, Sendable, Equatable {
    /// ```` ```{code-cell} lua ```` (MyST / jupytext), with `:tags:` or a `---` option block.
    case myst
    /// ```` ```{lua} ```` (Quarto), with `--| key: value` option lines.
    case quarto
    /// ```` ```lua ````, run only when the front matter sets `plain-fences: true`.
    case plain
}

/// One Lua code cell.
public struct Cell: Sendable, Equatable {
    /// 1-based position among the notebook's cells; the chunk name is `cell[number]`.
    public var number: Int
    public var syntax: CellSyntax
    /// The code, without option lines: line 1 of the cell is the first line after them.
    public var source: String
    /// The cell's own options merged over the front matter's `execute:` defaults.
    public var options: CellOptions
    /// Line of the opening fence in the notebook file (1-based).
    public var fenceLine: Int
    /// Line of the code's first line in the notebook file: cell line L is file line `codeLine + L - 1`.
    public var codeLine: Int

    public init(number: Int, syntax: CellSyntax, source: String, options: CellOptions, fenceLine: Int, codeLine: Int) {
        self.number = number
        self.syntax = syntax
        self.source = source
        self.options = options
        self.fenceLine = fenceLine
        self.codeLine = codeLine
    }

    /// The Lua chunk name: errors read `cell[3]:2: ...`.
    public var chunkName: String { "=cell[\(number)]" }

    /// The stem of the cell's figure files: its label made safe for a file name, or `cell-N`.
    public var figureStem: String {
        guard let label = options.label else { return "cell-\(number)" }
        return Cell.fileStem(label)
    }

    /// `label` with every character but letters, digits, `-`, `_` and `.` made `-`.
    static func fileStem(_ label: String) -> String {
        let safe = String(label.unicodeScalars.map { scalar -> Character in
            let ok = (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) && scalar.isASCII
            return ok || scalar == "-" || scalar == "_" || scalar == "." ? Character(scalar) : "-"
        })
        return safe.hasPrefix(".") ? "-" + safe.dropFirst() : safe
    }
}

/// A warning about the notebook at a line: `peak.md:12: warning: unknown tag 'hide-all'`.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { "\(path):\(line): warning: \(message)" }
}
