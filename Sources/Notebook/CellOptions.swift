/// What a cell shows and whether it runs: the common model of MyST tags
/// (`:tags: [remove-input]`), Quarto options (`--| echo: false`) and front-matter
/// defaults (`execute: {echo: false}`).
///
/// Every field is optional: `nil` means "not set here", so cell options can be laid
/// over the document's defaults with ``merged(over:)``.
///
/// | tag                                   | option           | effect                                  |
/// |---------------------------------------|------------------|-----------------------------------------|
/// | `remove-cell`, `hide-cell`            | `include: false` | runs; nothing of the cell is written    |
/// | `remove-input`, `hide-input`          | `echo: false`    | runs; outputs and figures without code  |
/// | `remove-output`, `hide-output`        | `output: false`  | runs; code without outputs or figures   |
/// | `raises-exception`                    | `error: true`    | an error is shown and rendering goes on |
/// | `skip-execution`                      | `eval: false`    | code shown, never run                   |
/// |                                       | `output: asis`   | printed text is written as markdown     |
/// |                                       | `label: NAME`    | figure files are `NAME-k.svg`           |
/// |                                       | `fig-cap: TEXT`  | the figures' caption (or a list of them) |
public struct CellOptions: Equatable, Sendable {
    /// How printed output is written.
    public enum OutputMode: Equatable, Sendable {
        /// In a ```` ```text ```` block, with the cell's value and figures.
        case shown
        /// Not at all (nor the value, figures or an expected error).
        case hidden
        /// Printed text as raw markdown (Quarto `output: asis`); the value in a text block.
        case asis
    }

    public var include: Bool?
    public var echo: Bool?
    public var output: OutputMode?
    public var eval: Bool?
    public var error: Bool?
    public var label: String?
    public var figureCaptions: [String]?
    /// The tags as written, in order.
    public var tags: [String] = []

    public init() {}

    /// The tags this model understands (`show-*` tags are accepted and change nothing).
    public static let knownTags: Set<String> = [
        "remove-cell", "hide-cell", "remove-input", "hide-input", "remove-output", "hide-output",
        "raises-exception", "skip-execution", "show-input", "show-output",
    ]

    /// The option keys this model understands.
    public static let knownKeys: Set<String> = [
        "include", "echo", "output", "eval", "error", "label", "fig-cap", "fig.cap", "tags", "warning",
    ]

    /// Applies a tag; returns false (changing nothing) when the tag is unknown.
    @discardableResult
    public mutating func apply(tag: String) -> Bool {
        tags.append(tag)
        switch tag {
        case "remove-cell", "hide-cell": include = false
        case "remove-input", "hide-input": echo = false
        case "remove-output", "hide-output": output = .hidden
        case "raises-exception": error = true
        case "skip-execution": eval = false
        case "show-input", "show-output": break
        default: return false
        }
        return true
    }

    /// Applies `key: value`. Returns the unknown tags it met (for `tags:`); throws a
    /// message when the value does not fit the key; returns nil for an unknown key.
    public mutating func apply(key: String, value: YAMLValue) throws(OptionError) -> [String]? {
        func flag() throws(OptionError) -> Bool {
            guard let b = value.bool else { throw OptionError("'\(key)' must be true or false, got \(value.flowText)") }
            return b
        }
        switch key {
        case "include": include = try flag()
        case "echo":
            if value.string == "fenced" { echo = true } else { echo = try flag() }
        case "output":
            if value.string == "asis" { output = .asis } else { output = try flag() ? .shown : .hidden }
        case "eval": eval = try flag()
        case "error": error = try flag()
        case "warning": break   // Lua has no warnings to filter
        case "label":
            guard let text = value.string, !text.isEmpty else { throw OptionError("'label' must be a name, got \(value.flowText)") }
            label = text
        case "fig-cap", "fig.cap":
            guard let captions = value.strings else {
                throw OptionError("'\(key)' must be a caption or a list of captions, got \(value.flowText)")
            }
            figureCaptions = captions
        case "tags":
            guard let list = value.strings else { throw OptionError("'tags' must be a list of tags, got \(value.flowText)") }
            return list.filter { !apply(tag: $0) }
        default: return nil
        }
        return []
    }

    /// These options with the unset ones taken from `defaults`.
    public func merged(over defaults: CellOptions) -> CellOptions {
        var result = self
        result.include = include ?? defaults.include
        result.echo = echo ?? defaults.echo
        result.output = output ?? defaults.output
        result.eval = eval ?? defaults.eval
        result.error = error ?? defaults.error
        result.label = label ?? defaults.label
        result.figureCaptions = figureCaptions ?? defaults.figureCaptions
        return result
    }

    // MARK: - Resolved (unset = the default)

    /// The cell is run (`eval`, default true).
    public var runs: Bool { eval ?? true }
    /// Anything of the cell is written (`include`, default true).
    public var isIncluded: Bool { include ?? true }
    /// The code is written.
    public var showsInput: Bool { isIncluded && (echo ?? true) }
    /// Outputs, values, figures and expected errors are written.
    public var showsOutput: Bool { isIncluded && (output ?? .shown) != .hidden }
    /// An error in this cell is expected: shown inline, rendering goes on.
    public var allowsError: Bool { error ?? false }
}

/// A cell option whose value does not fit its key.
public struct OptionError: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
