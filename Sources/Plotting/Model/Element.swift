/// One thing drawn on a panel's axes: a curve, markers, a filled band, an image...
///
/// Elements hold their data in plain arrays (`xs[i]`, `ys[i]` are one point). A non-finite
/// coordinate (NaN, ±inf) is a gap: curves and paths break there, markers are left out.
/// Build them with the validating constructors (``Element/curve(_:_:label:)`` etc.).
public struct Element: Sendable, Equatable {
    /// What is drawn and its data.
    public enum Kind: Sendable, Equatable {
        /// A line through the points in the given order (a function's graph).
        case curve(xs: [Double], ys: [Double])
        /// One round marker per point.
        case scatter(xs: [Double], ys: [Double])
        /// Like a curve, for arbitrary outlines; NaN separates sub-paths.
        case path(xs: [Double], ys: [Double])
        /// The region between `lower[i]` and `upper[i]` at `xs[i]` (a band, or an area to 0).
        case area(xs: [Double], lower: [Double], upper: [Double])
        /// Bars: bin `i` spans `edges[i]...edges[i + 1]` with height `counts[i]`.
        case histogram(edges: [Double], counts: [Double])
        /// A heat map on a regular grid, coloured by a ``ColorMap``.
        case image(ImageData)
        /// The edges of triangles `(triangles[3k], [3k + 1], [3k + 2])` over vertices `xs, ys`.
        case triangles(xs: [Double], ys: [Double], triangles: [Int])
        /// Vertical bars from `ys[i] - lower[i]` to `ys[i] + upper[i]` at `xs[i]`, with caps.
        case errorBars(xs: [Double], ys: [Double], lower: [Double], upper: [Double])
        /// A text label anchored at a data point.
        case text(x: Double, y: Double, text: String)
        /// Filled triangles coloured by value, shaded, drawn in order (``ShadedTriangles``).
        case shadedTriangles(ShadedTriangles)
    }

    public var kind: Kind
    /// The legend entry; elements without a label are not listed.
    public var label: String?
    public var style: Style

    public init(_ kind: Kind, label: String? = nil, style: Style = Style()) {
        self.kind = kind
        self.label = label
        self.style = style
    }

    /// The kind's short name, as used by descriptions: `curve`, `scatter`, `image`...
    public var kindName: String {
        switch kind {
        case .curve: "curve"
        case .scatter: "scatter"
        case .path: "path"
        case .area: "area"
        case .histogram: "histogram"
        case .image: "image"
        case .triangles: "triangles"
        case .errorBars: "errorbars"
        case .text: "text"
        case .shadedTriangles: "shadedtriangles"
        }
    }

    /// Whether the element takes the next ``Palette`` colour when it sets none.
    var usesSeriesColor: Bool {
        switch kind {
        case .curve, .scatter, .path, .area, .histogram: true
        case .image, .triangles, .errorBars, .text, .shadedTriangles: false
        }
    }

    /// `curve(120 points)`, `image(40×30)`, `text("peak")`.
    var summary: String {
        switch kind {
        case .curve(let xs, _), .scatter(let xs, _), .path(let xs, _), .area(let xs, _, _),
            .errorBars(let xs, _, _, _):
            return "\(kindName)(\(xs.count) point\(xs.count == 1 ? "" : "s"))"
        case .histogram(_, let counts): return "histogram(\(counts.count) bin\(counts.count == 1 ? "" : "s"))"
        case .image(let image): return "image(\(image.nx)×\(image.ny))"
        case .triangles(_, _, let t): return "triangles(\(t.count / 3))"
        case .text(_, _, let text): return "text(\(quoted(text)))"
        case .shadedTriangles(let t): return "shadedtriangles(\(t.triangles.count / 3))"
        }
    }
}

/// Values on a regular `nx` × `ny` grid spanning `x` × `y` (cell edges at the bounds).
///
/// `values[j * nx + i]` is the cell at column `i` (x ascending) and row `j` (**y ascending**:
/// row 0 is at the bottom, unlike raster images). NaN cells are transparent.
public struct ImageData: Sendable, Equatable {
    public var nx: Int
    public var ny: Int
    public var values: [Double]
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>

    public init(nx: Int, ny: Int, values: [Double], x: ClosedRange<Double>, y: ClosedRange<Double>) throws {
        guard nx > 0, ny > 0 else { throw PlotError("image: nx and ny must be positive, got \(nx) and \(ny)") }
        guard values.count == nx * ny else {
            throw PlotError("image: expected nx * ny = \(nx * ny) values, got \(values.count)")
        }
        guard x.lowerBound.isFinite, x.upperBound.isFinite, y.lowerBound.isFinite, y.upperBound.isFinite,
            x.upperBound > x.lowerBound, y.upperBound > y.lowerBound
        else { throw PlotError("image: bounds must be finite with lo < hi, got x \(x) and y \(y)") }
        self.nx = nx
        self.ny = ny
        self.values = values
        self.x = x
        self.y = y
    }

    public subscript(i: Int, j: Int) -> Double { values[j * nx + i] }
}

/// `"text"` with quotes and backslashes escaped, for descriptions.
func quoted(_ s: String) -> String {
    "\"" + s.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
}
