/// Robust geometric predicates: a floating-point evaluation with a forward error bound
/// (the *filter*) and, when the bound cannot decide the sign, an exact evaluation with
/// ``ExactArithmetic``. The answers are exact signs for all finite inputs, so the
/// triangulations never see a contradiction (a point both left and right of an edge).
///
/// The 2D bounds are Shewchuk's (`ccwerrboundA`, `iccerrboundA`); the N-D ones are
/// derived for a Laplace evaluation and deliberately generous.
public enum Predicates {
    @usableFromInline static let epsilon = Double.ulpOfOne / 2
    @usableFromInline static let orient2dBound = (3 + 16 * epsilon) * epsilon
    @usableFromInline static let incircleBound = (10 + 96 * epsilon) * epsilon

    /// Twice the signed area of `a, b, c`: positive if they turn counter-clockwise,
    /// negative if clockwise, 0 if collinear. The sign is exact; the magnitude is a
    /// floating-point approximation.
    @inlinable
    public static func orient2d(_ a: SIMD2<Double>, _ b: SIMD2<Double>, _ c: SIMD2<Double>) -> Double {
        let left = (a.x - c.x) * (b.y - c.y)
        let right = (a.y - c.y) * (b.x - c.x)
        let det = left - right
        let bound = orient2dBound * (abs(left) + abs(right))
        if det > bound || -det > bound { return det }
        return orient2dExact(a, b, c)
    }

    @usableFromInline
    static func orient2dExact(_ a: SIMD2<Double>, _ b: SIMD2<Double>, _ c: SIMD2<Double>) -> Double {
        let s = ExactArithmetic.orientationSign([c.x, c.y], [[a.x, a.y], [b.x, b.y]])
        return Double(s) * Double.leastNonzeroMagnitude
    }

    /// Positive if `d` lies strictly inside the circle through `a, b, c` (given counter-
    /// clockwise), negative if outside, 0 if the four points are co-circular. Exact sign.
    @inlinable
    public static func incircle(
        _ a: SIMD2<Double>, _ b: SIMD2<Double>, _ c: SIMD2<Double>, _ d: SIMD2<Double>
    ) -> Double {
        let adx = a.x - d.x, ady = a.y - d.y
        let bdx = b.x - d.x, bdy = b.y - d.y
        let cdx = c.x - d.x, cdy = c.y - d.y
        let bdxcdy = bdx * cdy, cdxbdy = cdx * bdy
        let cdxady = cdx * ady, adxcdy = adx * cdy
        let adxbdy = adx * bdy, bdxady = bdx * ady
        let alift = adx * adx + ady * ady
        let blift = bdx * bdx + bdy * bdy
        let clift = cdx * cdx + cdy * cdy
        let det = alift * (bdxcdy - cdxbdy) + blift * (cdxady - adxcdy) + clift * (adxbdy - bdxady)
        let permanent = (abs(bdxcdy) + abs(cdxbdy)) * alift + (abs(cdxady) + abs(adxcdy)) * blift
            + (abs(adxbdy) + abs(bdxady)) * clift
        let bound = incircleBound * permanent
        if det > bound || -det > bound { return det }
        return incircleExact(a, b, c, d)
    }

    @usableFromInline
    static func incircleExact(
        _ a: SIMD2<Double>, _ b: SIMD2<Double>, _ c: SIMD2<Double>, _ d: SIMD2<Double>
    ) -> Double {
        let s = ExactArithmetic.inSphereSign([[a.x, a.y], [b.x, b.y], [c.x, c.y]], [d.x, d.y])
        return Double(s) * Double.leastNonzeroMagnitude
    }

    // MARK: - N dimensions

    /// The sign (-1, 0, 1) of `det[v_i - v_0]` for the `d + 1` points `v` in ℝᵈ,
    /// `d >= 1`. Exact.
    public static func orientation(_ v: [[Double]]) -> Int {
        let d = v.count - 1
        let rows = (1...d).map { i in (0..<d).map { v[i][$0] - v[0][$0] } }
        let (det, permanent) = laplace(rows)
        let bound = Double(2 * d * d + 4 * d + 8) * epsilon * permanent
        if det > bound { return 1 }
        if -det > bound { return -1 }
        return ExactArithmetic.orientationSign(v[0], Array(v[1...]))
    }

    /// The sign of the in-sphere determinant of the simplex `v` (d + 1 points in ℝᵈ) and
    /// `p`: rows `(v_i - p, |v_i - p|²)`. Multiply by ``orientation(_:)`` of `v` and by
    /// `inSphereParity(d)` to get: 1 inside the circumsphere, 0 on it, -1 outside.
    public static func inSphere(_ v: [[Double]], _ p: [Double]) -> Int {
        let d = p.count
        let rows = v.map { q -> [Double] in
            let diffs = (0..<d).map { q[$0] - p[$0] }
            return diffs + [diffs.reduce(0) { $0 + $1 * $1 }]
        }
        let (det, permanent) = laplace(rows)
        let n = d + 1
        let bound = Double(2 * n * n + 4 * n + 2 * d + 8) * epsilon * permanent
        if det > bound { return 1 }
        if -det > bound { return -1 }
        return ExactArithmetic.inSphereSign(v, p)
    }

    /// `+1` or `-1`: the in-sphere determinant's sign for a point inside the sphere of a
    /// positively oriented simplex in ℝᵈ.
    public static func inSphereParity(_ d: Int) -> Int {
        // Moving p from the orientation rows (v_i - v_0) to the rows (v_i - p, lift):
        // the (d+1)x(d+1) determinant equals (-1)^d · det[v_i - v_0] · (r² - |c - p|²)
        // up to a positive factor, hence the parity.
        d % 2 == 0 ? 1 : -1
    }

    /// Determinant and permanent (of absolute values) by Laplace expansion. Small n only.
    static func laplace(_ m: [[Double]]) -> (Double, Double) {
        let n = m.count
        if n == 1 { return (m[0][0], abs(m[0][0])) }
        if n == 2 {
            let p = m[0][0] * m[1][1], q = m[0][1] * m[1][0]
            return (p - q, abs(p) + abs(q))
        }
        var det = 0.0, permanent = 0.0
        for column in 0..<n {
            let minor = m.dropFirst().map { row in Array(row[0..<column]) + Array(row[(column + 1)...]) }
            let (d, p) = laplace(minor)
            det += (column % 2 == 0 ? 1 : -1) * m[0][column] * d
            permanent += abs(m[0][column]) * p
        }
        return (det, permanent)
    }
}
