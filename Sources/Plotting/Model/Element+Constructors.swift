/// Validating constructors: mismatched lengths or malformed data throw a ``PlotError``
/// naming the element and the sizes given, never a crash at render time.
extension Element {
    /// A line through `(xs[i], ys[i])` in order; NaN/inf break the line.
    public static func curve(_ xs: [Double], _ ys: [Double], label: String? = nil) throws -> Element {
        try sameLength("curve", ("xs", xs), ("ys", ys))
        return Element(.curve(xs: xs, ys: ys), label: label)
    }

    /// Round markers at `(xs[i], ys[i])`.
    public static func scatter(_ xs: [Double], _ ys: [Double], label: String? = nil) throws -> Element {
        try sameLength("scatter", ("xs", xs), ("ys", ys))
        return Element(.scatter(xs: xs, ys: ys), label: label)
    }

    /// A polyline; NaN separates sub-paths.
    public static func path(_ xs: [Double], _ ys: [Double], label: String? = nil) throws -> Element {
        try sameLength("path", ("xs", xs), ("ys", ys))
        return Element(.path(xs: xs, ys: ys), label: label)
    }

    /// The area between `ys` and a constant `base` (0 by default).
    public static func area(_ xs: [Double], _ ys: [Double], base: Double = 0, label: String? = nil) throws -> Element {
        try sameLength("area", ("xs", xs), ("ys", ys))
        return Element(.area(xs: xs, lower: Array(repeating: base, count: xs.count), upper: ys), label: label)
    }

    /// The band between `lower` and `upper`.
    public static func band(_ xs: [Double], lower: [Double], upper: [Double], label: String? = nil) throws -> Element {
        try sameLength("band", ("xs", xs), ("lower", lower), ("upper", upper))
        return Element(.area(xs: xs, lower: lower, upper: upper), label: label)
    }

    /// Bars over bins: `edges` has one more entry than `counts` and increases.
    public static func histogram(edges: [Double], counts: [Double], label: String? = nil) throws -> Element {
        guard edges.count == counts.count + 1 else {
            throw PlotError("histogram: expected \(counts.count + 1) edges for \(counts.count) counts, got \(edges.count)")
        }
        if let bad = edges.first(where: { !$0.isFinite }) {
            throw PlotError("histogram: edges must be finite, got \(bad)")
        }
        for i in 1..<edges.count where !(edges[i] > edges[i - 1]) {
            throw PlotError("histogram: edges must increase, got \(edges[i - 1]) then \(edges[i])")
        }
        return Element(.histogram(edges: edges, counts: counts), label: label)
    }

    /// Counts finite `values` in `bins` equal bins over their range (or over `range`).
    public static func histogram(values: [Double], bins: Int = 20, range: ClosedRange<Double>? = nil,
                                 label: String? = nil) throws -> Element {
        guard bins > 0 else { throw PlotError("histogram: bins must be positive, got \(bins)") }
        let finite = values.filter(\.isFinite)
        var lo = range?.lowerBound ?? finite.min() ?? 0
        var hi = range?.upperBound ?? finite.max() ?? 1
        guard lo.isFinite, hi.isFinite else { throw PlotError("histogram: range must be finite, got \(lo)...\(hi)") }
        if !(hi > lo) { (lo, hi) = (lo - 0.5, hi + 0.5) }
        let width = (hi - lo) / Double(bins)
        let edges = (0...bins).map { $0 == bins ? hi : lo + Double($0) * width }
        var counts = Array(repeating: 0.0, count: bins)
        for v in finite where v >= lo && v <= hi {
            counts[min(bins - 1, Int((v - lo) / width))] += 1
        }
        return Element(.histogram(edges: edges, counts: counts), label: label)
    }

    /// A heat map: `values[j * nx + i]`, row `j = 0` at the bottom (`y.lowerBound`).
    public static func image(_ values: [Double], nx: Int, ny: Int, x: ClosedRange<Double> = 0...1,
                             y: ClosedRange<Double> = 0...1, label: String? = nil) throws -> Element {
        Element(.image(try ImageData(nx: nx, ny: ny, values: values, x: x, y: y)), label: label)
    }

    /// Triangle edges over vertices; `triangles` holds 0-based vertex indices, three per triangle.
    public static func triangles(_ xs: [Double], _ ys: [Double], triangles: [Int], label: String? = nil) throws -> Element {
        try sameLength("triangles", ("xs", xs), ("ys", ys))
        guard triangles.count % 3 == 0 else {
            throw PlotError("triangles: expected three vertex indices per triangle, got \(triangles.count) indices")
        }
        if let bad = triangles.first(where: { $0 < 0 || $0 >= xs.count }) {
            throw PlotError("triangles: vertex index \(bad) out of range 0..<\(xs.count)")
        }
        return Element(.triangles(xs: xs, ys: ys, triangles: triangles), label: label)
    }

    /// Error bars from `ys[i] - lower[i]` to `ys[i] + upper[i]`.
    public static func errorBars(_ xs: [Double], _ ys: [Double], lower: [Double], upper: [Double],
                                 label: String? = nil) throws -> Element {
        try sameLength("errorbars", ("xs", xs), ("ys", ys), ("lower", lower), ("upper", upper))
        return Element(.errorBars(xs: xs, ys: ys, lower: lower, upper: upper), label: label)
    }

    /// Symmetric error bars `ys[i] ± errors[i]`.
    public static func errorBars(_ xs: [Double], _ ys: [Double], errors: [Double], label: String? = nil) throws -> Element {
        try errorBars(xs, ys, lower: errors, upper: errors, label: label)
    }

    /// A text label at `(x, y)` in data coordinates.
    public static func text(_ x: Double, _ y: Double, _ text: String, anchor: TextAnchor = .middle,
                            size: Double? = nil) -> Element {
        Element(.text(x: x, y: y, text: text), style: Style(size: size, anchor: anchor))
    }

    private static func sameLength(_ kind: String, _ arrays: (String, [Double])...) throws {
        guard let first = arrays.first else { return }
        for (name, array) in arrays.dropFirst() where array.count != first.1.count {
            throw PlotError("\(kind): \(first.0) and \(name) must have the same length, got \(first.1.count) and \(array.count)")
        }
    }
}
