/// The YAML front matter of a notebook: the block between `---` lines at the top.
///
/// It is re-emitted exactly as written (jupytext, kernelspec and any other keys kept);
/// the render reads these keys:
///
///     ---
///     title: Adaptive sampling of a peak
///     seed: 1                 # math.randomseed(1) before the first cell (default 0)
///     plain-fences: true      # run plain ```lua fences too (also accepted under execute:)
///     execute:
///       error: true           # errors are shown and the render goes on
///       echo: false           # defaults for every cell: echo, eval, output, include
///     ---
public struct FrontMatter: Sendable, Equatable {
    /// The lines as written, delimiters included (empty when there is no front matter).
    public var lines: [String]
    /// All keys, parsed.
    public var values: YAMLValue
    public var title: String?
    /// The seed of `math.randomseed` for the whole render.
    public var seed: Int
    /// `execute: {error: true}`: every cell may fail.
    public var allowsErrors: Bool
    /// `plain-fences: true`: plain ```` ```lua ```` fences are cells.
    public var runsPlainFences: Bool
    /// Defaults for every cell (`execute:` keys echo, eval, output, include, error).
    public var cellDefaults: CellOptions

    /// No front matter.
    public init() {
        lines = []
        values = .map([])
        title = nil
        seed = 0
        allowsErrors = false
        runsPlainFences = false
        cellDefaults = CellOptions()
    }

    /// `execute:` keys that are accepted and have no effect (yet).
    static let ignoredExecuteKeys: Set<String> = ["freeze", "cache", "enabled", "daemon", "warning"]

    /// Reads the front matter at the top of `lines`, if there is one. Returns it and the
    /// index of the first line after it. `warn` receives (line, message) of ignored keys.
    static func parse(_ lines: [String], warn: (Int, String) -> Void) throws(YAMLError) -> (FrontMatter, Int) {
        var result = FrontMatter()
        guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else { return (result, 0) }
        guard let end = lines.indices.dropFirst().first(where: {
            let line = lines[$0].trimmingTrailingSpaces()
            return line == "---" || line == "..."
        }) else {
            throw YAMLError(line: 1, message: "the front matter opened here is never closed (expected a line '---')")
        }
        result.lines = Array(lines[0...end])
        result.values = try YAMLSubset.parse(Array(lines[1..<end]), firstLine: 2)
        guard case .map(let entries) = result.values else {
            throw YAMLError(line: 2, message: "the front matter must be 'key: value' lines")
        }
        for entry in entries {
            switch entry.key {
            case "title": result.title = entry.value.string
            case "seed":
                guard let seed = entry.value.int else {
                    throw YAMLError(line: entry.line, message: "seed must be an integer, got \(entry.value.flowText)")
                }
                result.seed = seed
            case "plain-fences":
                result.runsPlainFences = try flag(entry)
            case "execute":
                try result.readExecute(entry, warn: warn)
            default: break   // jupytext, kernelspec, author, ...: kept as written
            }
        }
        return (result, end + 1)
    }

    private static func flag(_ entry: YAMLEntry) throws(YAMLError) -> Bool {
        guard let value = entry.value.bool else {
            throw YAMLError(line: entry.line, message: "'\(entry.key)' must be true or false, got \(entry.value.flowText)")
        }
        return value
    }

    private mutating func readExecute(_ execute: YAMLEntry, warn: (Int, String) -> Void) throws(YAMLError) {
        guard case .map(let entries) = execute.value else {
            throw YAMLError(line: execute.line, message: "'execute' must be a map such as {error: true}")
        }
        for entry in entries {
            switch entry.key {
            case "plain-fences": runsPlainFences = try FrontMatter.flag(entry)
            case "include", "echo", "output", "eval", "error":
                do {
                    _ = try cellDefaults.apply(key: entry.key, value: entry.value)
                } catch {
                    throw YAMLError(line: entry.line, message: "execute: " + error.message)
                }
                if entry.key == "error" { allowsErrors = cellDefaults.allowsError }
            case let key where FrontMatter.ignoredExecuteKeys.contains(key):
                if key != "warning" { warn(entry.line, "execute: '\(key)' is not supported and is ignored (every render runs all cells)") }
            default:
                warn(entry.line, "unknown execute option '\(entry.key)' (ignored)")
            }
        }
    }
}
