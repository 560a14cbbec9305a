import Foundation

// The built-in losses' formulas, written to give the same floating-point results as
// python-adaptive 1.5.2 (`np.hypot`, `**0.5` as `pow(_, 0.5)`, the same operation
// order). The one exception is the triangle area for vector outputs (see
// `embeddedTriangleArea`).

extension Loss1D {
    /// A built-in with `nthNeighbors == 0` on one scaled scalar interval. The
    /// learner's fast path: no allocation, no closure.
    @inline(__always)
    func scalarPair(x0: Double, x1: Double, y0: Double, y1: Double) -> Double {
        switch kind {
        case .euclidean:
            return hypot(x1 - x0, y1 - y0)
        case .uniform:
            return x1 - x0
        case .absMinLog:
            return hypot(x1 - x0, log(abs(y1)) - log(abs(y0)))
        case .resolution(let minLength, let maxLength):
            let length = x1 - x0
            if length < minLength { return 0 }
            if length > maxLength { return .infinity }
            return hypot(length, y1 - y0)
        case .triangle, .curvature, .custom:
            preconditionFailure("scalarPair is only for built-ins without neighbours")
        }
    }

    /// A built-in with `nthNeighbors == 1` on a window of four scaled scalar points;
    /// the interval is 1–2, and a missing neighbour (0 or 3) has x = NaN.
    func scalarQuad(_ x: SIMD4<Double>, _ y: SIMD4<Double>) -> Double {
        switch kind {
        case .triangle:
            return Self.scalarTriangles(x, y)
        case .curvature(let area, let euclid, let horizontal):
            let triangles = Self.scalarTriangles(x, y)
            let dx = x[2] - x[1]
            return area * pow(triangles, 0.5) + euclid * hypot(dx, y[2] - y[1]) + horizontal * dx
        case .euclidean, .uniform, .absMinLog, .resolution, .custom:
            preconditionFailure("scalarQuad is only for built-ins with one neighbour")
        }
    }

    /// `triangle_loss` for scalars: the mean area of the triangles (0,1,2) and (1,2,3)
    /// that exist, or the interval length if neither neighbour exists.
    static func scalarTriangles(_ x: SIMD4<Double>, _ y: SIMD4<Double>) -> Double {
        let hasFirst = !x[0].isNaN
        let hasLast = !x[3].isNaN
        if !hasFirst && !hasLast { return x[2] - x[1] }
        var sum = 0.0
        var count = 0.0
        if hasFirst {
            sum += triangleArea(x[0], y[0], x[1], y[1], x[2], y[2])
            count += 1
        }
        if hasLast {
            sum += triangleArea(x[1], y[1], x[2], y[2], x[3], y[3])
            count += 1
        }
        return sum / count
    }

    /// adaptive's `volume` for a triangle in the plane: |det[p0 − p2; p1 − p2]| / 2.
    @inline(__always)
    static func triangleArea(
        _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double
    ) -> Double {
        abs((x0 - x2) * (y1 - y2) - (x1 - x2) * (y0 - y2)) / 2
    }

    /// Any built-in on general values (vector outputs, or called through
    /// `callAsFunction`). `xs`/`ys` have the right length, the middle pair is present and
    /// all present ys have the same non-zero count.
    func builtIn(_ xs: [Double?], _ ys: [[Double]?]) -> Double {
        let m = nthNeighbors
        let x0 = xs[m]!, x1 = xs[m + 1]!
        let y0 = ys[m]!, y1 = ys[m + 1]!
        switch kind {
        case .euclidean:
            return Self.euclidean(x1 - x0, y0, y1)
        case .uniform:
            return x1 - x0
        case .absMinLog:
            return hypot(x1 - x0, Self.logAbsMin(y1) - Self.logAbsMin(y0))
        case .resolution(let minLength, let maxLength):
            let length = x1 - x0
            if length < minLength { return 0 }
            if length > maxLength { return .infinity }
            return Self.euclidean(length, y0, y1)
        case .triangle:
            return Self.triangles(xs, ys)
        case .curvature(let area, let euclid, let horizontal):
            let dx = x1 - x0
            return area * pow(Self.triangles(xs, ys), 0.5) + euclid * Self.euclidean(dx, y0, y1)
                + horizontal * dx
        case .custom:
            preconditionFailure("builtIn called on a custom loss")
        }
    }

    /// `default_loss`: hypot(dx, dy), for vectors the largest over the components
    /// (NaN if any component gives NaN, like `np.max`).
    static func euclidean(_ dx: Double, _ y0: [Double], _ y1: [Double]) -> Double {
        if y0.count == 1 { return hypot(dx, y1[0] - y0[0]) }
        var result = -Double.infinity
        for k in y0.indices {
            let value = hypot(dx, abs(y0[k] - y1[k]))
            if value.isNaN { return .nan }
            if value > result { result = value }
        }
        return result
    }

    /// `log(min_k |y_k|)`, with NaN propagating through the minimum like `np.min`.
    static func logAbsMin(_ y: [Double]) -> Double {
        var smallest = Double.infinity
        for value in y {
            if value.isNaN { return .nan }
            smallest = min(smallest, abs(value))
        }
        return log(smallest)
    }

    /// `triangle_loss` on general values: drop the missing neighbours; the interval
    /// length if no triangle remains, else the mean triangle area.
    static func triangles(_ xs: [Double?], _ ys: [[Double]?]) -> Double {
        var px: [Double] = []
        var py: [[Double]] = []
        for (x, y) in zip(xs, ys) {
            if let x, let y {
                px.append(x)
                py.append(y)
            }
        }
        if px.count == 2 { return px[1] - px[0] }
        var sum = 0.0
        for i in 0..<(px.count - 2) {
            if py[i].count == 1 {
                sum += triangleArea(px[i], py[i][0], px[i + 1], py[i + 1][0], px[i + 2], py[i + 2][0])
            } else {
                sum += embeddedTriangleArea(
                    (px[i], py[i]), (px[i + 1], py[i + 1]), (px[i + 2], py[i + 2]))
            }
        }
        return sum / Double(px.count - 2)
    }

    /// The area of a triangle in (1 + vdim) dimensions, from its edge vectors u, v:
    /// ½·√(Σ_{i<j} (u_i v_j − u_j v_i)²). python-adaptive uses a Cayley–Menger
    /// determinant instead (and raises for slightly negative round-off); the results
    /// agree to rounding, and this form is never negative.
    static func embeddedTriangleArea(
        _ p0: (Double, [Double]), _ p1: (Double, [Double]), _ p2: (Double, [Double])
    ) -> Double {
        var u = [p0.0 - p2.0]
        var v = [p1.0 - p2.0]
        for k in p0.1.indices {
            u.append(p0.1[k] - p2.1[k])
            v.append(p1.1[k] - p2.1[k])
        }
        var sum = 0.0
        for i in 0..<u.count {
            for j in (i + 1)..<u.count {
                let cross = u[i] * v[j] - u[j] * v[i]
                sum += cross * cross
            }
        }
        return sum.squareRoot() / 2
    }
}
