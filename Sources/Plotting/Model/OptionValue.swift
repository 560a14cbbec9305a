/// A simple value for setting an option by name (what a Lua table field can hold).
public enum OptionValue: Sendable, Equatable, CustomStringConvertible,
    ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
    case string(String)
    case number(Double)
    case bool(Bool)
    case numbers([Double])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Double...) { self = .numbers(elements) }

    /// How error messages show a value: `the string "big"`, `the number 3`, `a list of 3 numbers`.
    public var description: String {
        switch self {
        case .string(let s): "the string " + quoted(s)
        case .number(let v): "the number " + NumberFormat.compact(v)
        case .bool(let b): b ? "true" : "false"
        case .numbers(let v): v.count == 1 ? "a list of 1 number" : "a list of \(v.count) numbers"
        }
    }
}

/// One parsed option: a change to panel options, to every element's style, or the title
/// (which layouts and grids keep for themselves instead of passing it to their panels).
enum OptionSetting {
    case title(String)
    case panel(@Sendable (inout Options) -> Void)
    case element(@Sendable (inout Element) -> Void)
}

/// The table of options settable by name: each parses an ``OptionValue`` or throws a
/// message saying what the option expects and what it was given.
enum OptionTable {
    typealias Parser = @Sendable (String, OptionValue) throws -> OptionSetting

    static let parsers: [String: Parser] = [
        "title": { n, v in .title(try string(n, v)) },
        "xlabel": { n, v in let s = try string(n, v); return .panel { $0.xlabel = s } },
        "ylabel": { n, v in let s = try string(n, v); return .panel { $0.ylabel = s } },
        "clabel": { n, v in let s = try string(n, v); return .panel { $0.clabel = s } },
        "xlim": { n, v in let r = try range(n, v); return .panel { $0.xlim = r } },
        "ylim": { n, v in let r = try range(n, v); return .panel { $0.ylim = r } },
        "clim": { n, v in let r = try range(n, v); return .panel { $0.clim = r } },
        "logx": { n, v in let b = try bool(n, v); return .panel { $0.logx = b } },
        "logy": { n, v in let b = try bool(n, v); return .panel { $0.logy = b } },
        "logz": { n, v in let b = try bool(n, v); return .panel { $0.logz = b } },
        "show_legend": { n, v in let b = try bool(n, v); return .panel { $0.showLegend = b } },
        "legend_position": { n, v in
            let p = try choice(n, v, LegendPosition.self); return .panel { $0.legendPosition = p }
        },
        "width": { n, v in let x = try positive(n, v); return .panel { $0.width = x } },
        "height": { n, v in let x = try positive(n, v); return .panel { $0.height = x } },
        "show_grid": { n, v in let b = try bool(n, v); return .panel { $0.showGrid = b } },
        "cmap": { n, v in
            let map = try wrapping(n) { try ColorMap(named: try string(n, v)) }
            return .panel { $0.cmap = map }
        },
        "colorbar": { n, v in let b = try bool(n, v); return .panel { $0.colorbar = b } },
        "fontsize": { n, v in let x = try positive(n, v); return .panel { $0.fontSize = x } },
        "xticks": { n, v in let t = try ticks(n, v); return .panel { $0.xticks = t } },
        "yticks": { n, v in let t = try ticks(n, v); return .panel { $0.yticks = t } },
        "color": { n, v in
            let c = try wrapping(n) { try Color(parsing: try string(n, v)) }
            return .element { $0.style.color = c }
        },
        "alpha": { n, v in
            let a = try number(n, v, expecting: "a number from 0 to 1") { $0 >= 0 && $0 <= 1 }
            return .element { $0.style.alpha = a }
        },
        "line_width": { n, v in let x = try positive(n, v); return .element { $0.style.lineWidth = x } },
        "size": { n, v in let x = try positive(n, v); return .element { $0.style.size = x } },
        "line_dash": { n, v in let d = try choice(n, v, LineDash.self); return .element { $0.style.dash = d } },
        "label": { n, v in let s = try string(n, v); return .element { $0.label = s } },
    ]

    static let names: [String] = parsers.keys.sorted()

    static func parse(_ name: String, _ value: OptionValue) throws -> OptionSetting {
        guard let parser = parsers[name] else {
            throw PlotError("unknown option '\(name)'; options are: " + names.joined(separator: ", "))
        }
        return try parser(name, value)
    }

    private static func mismatch(_ name: String, _ expected: String, _ value: OptionValue) -> PlotError {
        PlotError("option '\(name)' expects \(expected), got \(value)")
    }

    private static func wrapping<T>(_ name: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as PlotError where !error.message.hasPrefix("option '") {
            throw PlotError("option '\(name)': \(error.message)")
        }
    }

    private static func string(_ name: String, _ value: OptionValue) throws -> String {
        guard case .string(let s) = value else { throw mismatch(name, "a string", value) }
        return s
    }

    private static func bool(_ name: String, _ value: OptionValue) throws -> Bool {
        guard case .bool(let b) = value else { throw mismatch(name, "a boolean", value) }
        return b
    }

    private static func number(_ name: String, _ value: OptionValue, expecting: String,
                               _ valid: (Double) -> Bool) throws -> Double {
        guard case .number(let x) = value, x.isFinite, valid(x) else { throw mismatch(name, expecting, value) }
        return x
    }

    private static func positive(_ name: String, _ value: OptionValue) throws -> Double {
        try number(name, value, expecting: "a positive number") { $0 > 0 }
    }

    private static func range(_ name: String, _ value: OptionValue) throws -> ClosedRange<Double> {
        let expected = "a list of two finite numbers {lo, hi} with lo < hi"
        guard case .numbers(let v) = value, v.count == 2, v[0].isFinite, v[1].isFinite, v[0] < v[1] else {
            if case .numbers(let v) = value, v.count == 2 {
                throw PlotError("option '\(name)' expects \(expected), got {\(NumberFormat.compact(v[0])), \(NumberFormat.compact(v[1]))}")
            }
            throw mismatch(name, expected, value)
        }
        return v[0]...v[1]
    }

    private static func ticks(_ name: String, _ value: OptionValue) throws -> TickSpec {
        switch value {
        case .number(let x) where x >= 0 && x <= 100 && x == x.rounded(): return .count(Int(x))
        case .numbers(let v) where v.allSatisfy(\.isFinite): return .positions(v)
        default: throw mismatch(name, "a tick count (0 to 100) or a list of finite tick positions", value)
        }
    }

    private static func choice<E: RawRepresentable & CaseIterable>(_ name: String, _ value: OptionValue,
                                                                 _ type: E.Type) throws -> E where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue)
        let expected = "one of " + allowed.map { "'\($0)'" }.joined(separator: ", ")
        guard case .string(let s) = value else { throw mismatch(name, expected, value) }
        guard let e = E(rawValue: s) else { throw mismatch(name, expected, value) }
        return e
    }
}
