/// Filled triangles coloured by value, drawn in the order given (back to front for a
/// projected surface: the painter's algorithm).
///
/// Triangle `k` has vertices `triangles[3k], [3k + 1], [3k + 2]` (indices into `xs, ys`),
/// the colour of `values[k]` on the panel's colour map (like an image; a colour bar is
/// shown) and a brightness `shades[k]` from 0 (black) to 1 (the map's colour), for
/// lighting. A NaN value leaves the triangle out.
public struct ShadedTriangles: Sendable, Equatable {
    public var xs: [Double]
    public var ys: [Double]
    public var triangles: [Int]
    public var values: [Double]
    public var shades: [Double]

    public init(xs: [Double], ys: [Double], triangles: [Int], values: [Double], shades: [Double]? = nil) throws {
        guard xs.count == ys.count else {
            throw PlotError("shadedTriangles: xs and ys must have the same length, got \(xs.count) and \(ys.count)")
        }
        guard triangles.count % 3 == 0 else {
            throw PlotError("shadedTriangles: expected three vertex indices per triangle, got \(triangles.count) indices")
        }
        if let bad = triangles.first(where: { $0 < 0 || $0 >= xs.count }) {
            throw PlotError("shadedTriangles: vertex index \(bad) out of range 0..<\(xs.count)")
        }
        let count = triangles.count / 3
        guard values.count == count else {
            throw PlotError("shadedTriangles: expected one value per triangle (\(count)), got \(values.count)")
        }
        let shades = shades ?? Array(repeating: 1, count: count)
        guard shades.count == count, shades.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
            throw PlotError("shadedTriangles: expected one shade from 0 to 1 per triangle (\(count))")
        }
        self.xs = xs
        self.ys = ys
        self.triangles = triangles
        self.values = values
        self.shades = shades
    }
}

extension Element {
    /// Filled triangles coloured by value and shaded; see ``ShadedTriangles``.
    public static func shadedTriangles(
        _ xs: [Double], _ ys: [Double], triangles: [Int], values: [Double], shades: [Double]? = nil, label: String? = nil
    ) throws -> Element {
        Element(.shadedTriangles(try ShadedTriangles(xs: xs, ys: ys, triangles: triangles, values: values, shades: shades)),
                label: label)
    }
}

extension Figure {
    /// A figure of shaded triangles; see ``ShadedTriangles``.
    public static func shadedTriangles(
        _ xs: [Double], _ ys: [Double], triangles: [Int], values: [Double], shades: [Double]? = nil
    ) throws -> Figure {
        Figure(try Element.shadedTriangles(xs, ys, triangles: triangles, values: values, shades: shades))
    }
}
