/// How `Learner1D` scores an interval: the learner puts the next point into the
/// interval with the largest loss.
///
/// A loss is a value: the built-ins below, or your own function made with
/// ``custom(nthNeighbors:name:_:)``.
///
///     let learner = try Learner1D(bounds: (-1, 1), loss: .curvature())
///
/// **What a loss receives.** `xs` and `ys` of length `2 + 2·nthNeighbors`, in
/// ascending x order; the interval being scored is the middle pair
/// (`xs[nthNeighbors]`, `xs[nthNeighbors + 1]`), the others are its neighbours and are
/// `nil` where the data ends. Values are *scaled*: x divided by the width of the bounds
/// (not shifted), y divided by the observed y-range (the largest per-component range
/// for vector outputs; 1 while that range is 0). Each y is an array of the output's
/// components, so a scalar output arrives as 1-element arrays.
///
/// The built-ins follow python-adaptive 1.5.2's `learner1D.py` formula for formula, so
/// that a learner picks the same points (see the spec's Appendix A.1).
public struct Loss1D: Sendable, CustomStringConvertible {
    /// A custom loss: scaled `xs` and `ys` of one interval and its neighbours, in
    /// ascending x order, `nil` for missing neighbours. May throw; see
    /// ``Learner1D/tell(_:_:)`` for what the learner does then.
    public typealias Function = @Sendable (_ xs: [Double?], _ ys: [[Double]?]) throws -> Double

    enum Kind: Sendable {
        case euclidean
        case uniform
        case absMinLog
        case triangle
        case curvature(area: Double, euclid: Double, horizontal: Double)
        case resolution(minLength: Double, maxLength: Double)
        case custom(Function)
    }

    let kind: Kind

    /// How many neighbouring intervals on each side the loss looks at. When a point is
    /// told, the learner recomputes every interval within this many intervals of it.
    public let nthNeighbors: Int

    /// A short name: `default`, `uniform`, `curvature`, ... or the custom name.
    public let name: String

    public var description: String { "Loss1D.\(name)" }

    /// Whether this is one of the built-in losses (which the learner evaluates
    /// without allocating for scalar outputs).
    public var isBuiltIn: Bool {
        if case .custom = kind { return false }
        return true
    }

    /// The default: the length of the interval's segment in the scaled (x, y) plane,
    /// `hypot(dx, dy)`; for vector outputs the largest over the components.
    public static let `default` = Loss1D(kind: .euclidean, nthNeighbors: 0, name: "default")

    /// The scaled interval length `dx`: samples the domain uniformly.
    public static let uniform = Loss1D(kind: .uniform, nthNeighbors: 0, name: "uniform")

    /// `default` on `log(min_k |y_k|)`: refines where |f| is smallest, for functions
    /// whose absolute value spans decades.
    public static let absMinLog = Loss1D(kind: .absMinLog, nthNeighbors: 0, name: "absMinLog")

    /// The mean area of the (at most two) triangles formed by the interval and each
    /// neighbouring point; `dx` when the interval has no neighbour. Uses 1 neighbour.
    public static let triangle = Loss1D(kind: .triangle, nthNeighbors: 1, name: "triangle")

    /// `areaFactor·√triangle + euclidFactor·default + horizontalFactor·dx`: follows
    /// curvature, not just steepness. Uses 1 neighbour.
    public static func curvature(
        areaFactor: Double = 1, euclidFactor: Double = 0.02, horizontalFactor: Double = 0.02
    ) -> Loss1D {
        Loss1D(
            kind: .curvature(area: areaFactor, euclid: euclidFactor, horizontal: horizontalFactor),
            nthNeighbors: 1, name: "curvature")
    }

    /// `default`, except 0 for intervals shorter than `minLength` and +inf for intervals
    /// longer than `maxLength` (lengths as fractions of the domain).
    public static func resolution(minLength: Double = 0, maxLength: Double = 1) -> Loss1D {
        Loss1D(
            kind: .resolution(minLength: minLength, maxLength: maxLength),
            nthNeighbors: 0, name: "resolution")
    }

    /// Your own loss. `nthNeighbors` (≥ 0) says how many neighbours on each side it
    /// wants; it then receives `2 + 2·nthNeighbors` values (see the type's notes).
    /// A returned NaN is accepted; like +inf it makes the interval rank by its
    /// relative length.
    public static func custom(
        nthNeighbors: Int = 0, name: String = "custom", _ function: @escaping Function
    ) -> Loss1D {
        precondition(nthNeighbors >= 0, "Loss1D.custom: nthNeighbors must be >= 0")
        return Loss1D(kind: .custom(function), nthNeighbors: nthNeighbors, name: name)
    }

    /// Evaluates the loss on scaled values, exactly as the learner calls it.
    ///
    /// Built-ins need `xs.count == ys.count == 2 + 2·nthNeighbors` with the middle pair
    /// present, and all `ys` of one length; otherwise this throws. Lets custom losses
    /// build on the built-ins, e.g. `try Loss1D.default(xs, ys) * 2`.
    public func callAsFunction(_ xs: [Double?], _ ys: [[Double]?]) throws -> Double {
        if case .custom(let function) = kind { return try function(xs, ys) }
        let width = 2 + 2 * nthNeighbors
        guard xs.count == width, ys.count == width else {
            throw AdaptiveError(
                "Loss1D.\(name): needs \(width) xs and ys, got \(xs.count) and \(ys.count)")
        }
        guard xs[nthNeighbors] != nil, xs[nthNeighbors + 1] != nil,
            ys[nthNeighbors] != nil, ys[nthNeighbors + 1] != nil
        else {
            throw AdaptiveError("Loss1D.\(name): the middle interval's values must not be nil")
        }
        var components = 0
        for y in ys {
            guard let y else { continue }
            guard !y.isEmpty, components == 0 || components == y.count else {
                throw AdaptiveError("Loss1D.\(name): all ys must have the same non-zero length")
            }
            components = y.count
        }
        return builtIn(xs, ys)
    }
}
