/// How `Learner2D` scores a triangle: the next point goes into the triangle with the
/// largest loss.
///
///     let learner = try Learner2D(bounds: ((-1, 1), (-1, 1)), loss: .uniform)
///
/// Losses see the triangulation in *scaled* coordinates: the bounds map to the unit
/// square [-0.5, 0.5]², and values are divided by the observed value range (the
/// largest per-component range; 1 while it is 0). The built-ins follow
/// python-adaptive 1.5.2's `learner2D.py` (spec §2.3).
public struct Loss2D: Sendable, CustomStringConvertible {
    /// A custom loss of one triangle. May throw: the triangle then gets loss +inf and
    /// the error is rethrown by the learner call that computed it.
    public typealias Function = @Sendable (_ triangle: Learner2D.Triangle) throws -> Double

    enum Kind: Sendable {
        case deviation
        case uniform
        case minimizeTriangleSurface
        case resolution(minDistance: Double, maxDistance: Double)
        case thresholded(lower: Double?, upper: Double?, priorityFactor: Double)
        case custom(Function)
    }

    let kind: Kind

    /// A short name: `default`, `uniform`, ... or the custom name.
    public let name: String

    public var description: String { "Loss2D.\(name)" }

    /// Whether the loss reads the triangles' `deviation` (which needs vertex gradients).
    var needsGradients: Bool {
        switch kind {
        case .uniform, .minimizeTriangleSurface: false
        default: true
        }
    }

    /// The default: `deviation · √area + 0.3 · area`. The deviation measures how far
    /// linear extrapolation along the estimated vertex gradients misses the other
    /// vertices, so curved regions are refined; the area term keeps sampling everywhere.
    public static let `default` = Loss2D(kind: .deviation, name: "default")

    /// `√area`: samples the domain uniformly.
    public static let uniform = Loss2D(kind: .uniform, name: "uniform")

    /// The area of the triangle lifted onto the graph of the (scaled) function: refines
    /// where the surface is large. Scalar outputs only.
    public static let minimizeTriangleSurface = Loss2D(kind: .minimizeTriangleSurface, name: "minimizeTriangleSurface")

    /// `default`, but 0 for triangles with area below `minDistance²` and +inf above
    /// `maxDistance²` (distances as fractions of the domain).
    public static func resolution(minDistance: Double = 0, maxDistance: Double = 1) -> Loss2D {
        Loss2D(kind: .resolution(minDistance: minDistance, maxDistance: maxDistance), name: "resolution")
    }

    /// `default`, multiplied by `priorityFactor` for triangles whose vertex values (all
    /// components, raw units) are all below `lower` or all above `upper`.
    public static func thresholded(lower: Double? = nil, upper: Double? = nil, priorityFactor: Double = 0.1) -> Loss2D {
        Loss2D(kind: .thresholded(lower: lower, upper: upper, priorityFactor: priorityFactor), name: "thresholded")
    }

    /// Your own loss, evaluated per triangle; see ``Learner2D/Triangle``.
    public static func custom(name: String = "custom", _ function: @escaping Function) -> Loss2D {
        Loss2D(kind: .custom(function), name: name)
    }
}

extension Learner2D {
    /// One triangle as a loss sees it (read-only).
    public struct Triangle: Sendable {
        /// The vertices in scaled coordinates (the bounds map to [-0.5, 0.5]²),
        /// counter-clockwise.
        public var vertices: [SIMD2<Double>]
        /// The raw values at the vertices, `vdim` per vertex, vertex after vertex.
        public var values: [Double]
        /// Components per value.
        public var vdim: Int
        /// The value scale: the largest per-component range of all values (1 if 0).
        public var valueScale: Double
        /// The area in scaled coordinates.
        public var area: Double
        /// The gradient deviation (python's `deviations`, summed over components) in
        /// scaled values: 0 where the function is linear.
        public var deviation: Double
        /// The gradient deviation of each component (scaled values); they sum to `deviation`.
        public var deviations: [Double]

        public init(
            vertices: [SIMD2<Double>], values: [Double], vdim: Int, valueScale: Double, area: Double,
            deviation: Double, deviations: [Double]
        ) {
            self.vertices = vertices
            self.values = values
            self.vdim = vdim
            self.valueScale = valueScale
            self.area = area
            self.deviation = deviation
            self.deviations = deviations
        }

        /// The value of component `component` at vertex `vertex` (0, 1, 2), raw units.
        public func value(_ vertex: Int, _ component: Int = 0) -> Double {
            values[vertex * vdim + component]
        }
    }
}

extension Loss2D {
    /// The loss of one triangle: what the learner computes for its triangles, callable
    /// on a ``Learner2D/Triangle`` so that custom losses can build on the built-ins.
    public func callAsFunction(_ t: Learner2D.Triangle) throws -> Double {
        switch kind {
        case .deviation:
            return Self.deviationLoss(t.deviation, t.area)
        case .uniform:
            return t.area.squareRoot()
        case .minimizeTriangleSurface:
            let s = t.valueScale
            return Self.surface(t.vertices[0], t.vertices[1], t.vertices[2], t.value(0) / s, t.value(1) / s, t.value(2) / s)
        case .resolution(let minDistance, let maxDistance):
            return Self.resolution(Self.deviationLoss(t.deviation, t.area), t.area, minDistance, maxDistance)
        case .thresholded(let lower, let upper, let factor):
            return Self.thresholded(Self.deviationLoss(t.deviation, t.area), t.values, lower, upper, factor)
        case .custom(let function):
            return try function(t)
        }
    }

    /// python's `default_loss` of one triangle: `deviation · √area + 0.3 · area`.
    @inline(__always)
    static func deviationLoss(_ deviation: Double, _ area: Double) -> Double {
        deviation * area.squareRoot() + 0.3 * area
    }

    /// The area of the triangle lifted to (x, y, v).
    @inline(__always)
    static func surface(
        _ p0: SIMD2<Double>, _ p1: SIMD2<Double>, _ p2: SIMD2<Double>, _ v0: Double, _ v1: Double, _ v2: Double
    ) -> Double {
        let ax = p0.x - p2.x, ay = p0.y - p2.y, az = v0 - v2
        let bx = p1.x - p2.x, by = p1.y - p2.y, bz = v1 - v2
        let cx = ay * bz - az * by, cy = az * bx - ax * bz, cz = ax * by - ay * bx
        return (cx * cx + cy * cy + cz * cz).squareRoot() / 2
    }

    /// 0 below `minDistance²` of area, +inf above `maxDistance²`, else `loss`.
    @inline(__always)
    static func resolution(_ loss: Double, _ area: Double, _ minDistance: Double, _ maxDistance: Double) -> Double {
        var l = loss
        if area < minDistance * minDistance { l = 0 }
        if area > maxDistance * maxDistance { l = .infinity }
        return l
    }

    /// `loss` times `factor` when all `values` are below `lower` (and again when all are
    /// above `upper`).
    static func thresholded(
        _ loss: Double, _ values: some Collection<Double>, _ lower: Double?, _ upper: Double?, _ factor: Double
    ) -> Double {
        var l = loss
        if let lower, values.allSatisfy({ $0 < lower }) { l *= factor }
        if let upper, values.allSatisfy({ $0 > upper }) { l *= factor }
        return l
    }
}
