/// Why a notebook could not be rendered. Each case says where (file, line, cell) and
/// what to do; ``description`` is the message the command prints.
public enum RenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The notebook file could not be read.
    case cannotRead(path: String, reason: String)
    /// The notebook's text is malformed (an unterminated fence, bad front matter, a bad option).
    case invalidNotebook(path: String, line: Int, message: String)
    /// A cell raised an error it was not expected to raise.
    case cellFailed(CellFailure)
    /// An output file could not be written.
    case cannotWrite(path: String, reason: String)
    /// The render options make no sense (two notebooks with one output name, ...).
    case invalidOptions(String)

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): return "cannot read notebook \(path) (\(reason))"
        case .invalidNotebook(let path, let line, let message): return "\(path):\(line): \(message)"
        case .cellFailed(let failure): return failure.description
        case .cannotWrite(let path, let reason): return "cannot write \(path) (\(reason))"
        case .invalidOptions(let message): return message
        }
    }
}

/// An unexpected error in a cell: where it happened and what Lua said.
public struct CellFailure: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// The cell that was running.
    public var cell: Int
    /// The line of the notebook file where the error happened (or the cell's fence).
    public var line: Int
    /// The error as Lua gave it: `cell[3]:2: attempt to call a nil value (global 'f')`.
    public var message: String
    /// The short traceback of the user's frames, if there is more than the cell itself.
    public var traceback: String?

    public init(path: String, cell: Int, line: Int, message: String, traceback: String?) {
        self.path = path
        self.cell = cell
        self.line = line
        self.message = message
        self.traceback = traceback
    }

    public var description: String {
        var text = "\(path):\(line): error in cell[\(cell)]: \(message)"
        if let traceback { text += "\n" + traceback }
        text += "\n(to render past this error, tag the cell raises-exception or give it `--| error: true`, "
            + "set `execute: {error: true}` in the front matter, or pass --allow-errors)"
        return text
    }
}
