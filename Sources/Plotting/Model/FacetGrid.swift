/// Small multiples: one panel per combination of named dimension values, on shared axes,
/// like holoviews' GridSpace. The first dimension runs along the columns, the others down
/// the rows; strips on top and at the right show `name = value`.
///
/// ```swift
/// let grid = try Figure.grid([
///     (["n": 1, "alpha": 0.5], figA), (["n": 2, "alpha": 0.5], figB),
/// ], dimensions: ["n", "alpha"])
/// ```
public struct FacetGrid: Sendable, Equatable {
    /// Dimension names, in order: the first is the column dimension.
    public var dimensions: [String]
    /// The panels, each with one value per dimension.
    public var facets: [Facet]
    /// Options of every facet (they win over the facets' own); `title` is the grid's title,
    /// `width`/`height` the size of the whole grid.
    public var options: Options

    public init(dimensions: [String], facets: [Facet], options: Options = Options()) {
        self.dimensions = dimensions
        self.facets = facets
        self.options = options
    }
}

/// One panel of a ``FacetGrid``: its key (a value per dimension, in dimension order).
public struct Facet: Sendable, Equatable {
    public var key: [FacetValue]
    public var overlay: Overlay

    public init(key: [FacetValue], overlay: Overlay) {
        self.key = key
        self.overlay = overlay
    }
}

/// A facet key value: a number or a string. Numbers print compactly (`1`, `0.5`, `1e-06`).
public enum FacetValue: Sendable, Hashable, Comparable, CustomStringConvertible,
    ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral
{
    case number(Double)
    case string(String)

    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(stringLiteral value: String) { self = .string(value) }

    public var description: String {
        switch self {
        case .number(let v): NumberFormat.compact(v)
        case .string(let s): s
        }
    }

    /// Numbers before strings; numbers ascending, strings in code-point order.
    public static func < (a: FacetValue, b: FacetValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): x < y
        case (.number, .string): true
        case (.string, .number): false
        case (.string(let x), .string(let y)): x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        }
    }
}
