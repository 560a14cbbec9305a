extension Learner2D {
    /// The piecewise-linear interpolant of the evaluated points at `point` (all
    /// components), or nil outside the triangulated region (before the corners are
    /// evaluated, or outside the bounds).
    public func interpolate(_ point: SIMD2<Double>) -> [Double]? {
        core.withLock { $0.interpolate(point) }
    }

    /// The interpolant on an n × n grid spanning the bounds: python-adaptive's
    /// `interpolated_on_grid`. `n` defaults to `max(10, 0.658 / √(smallest area))` with
    /// the area in scaled coordinates. `values[(i·n + j)·vdim + k]` is component k at
    /// (`xs[i]`, `ys[j]`); NaN where the interpolant is undefined. The edge points are
    /// moved inwards by 1e-13 of the width, as python does; otherwise each value is
    /// ``interpolate(_:)`` at the grid point.
    public func interpolatedOnGrid(n: Int? = nil) -> (xs: [Double], ys: [Double], values: [Double]) {
        core.withLock { $0.interpolatedOnGrid(n: n) }
    }

    /// python's grid size for ``interpolatedOnGrid(n:)``: `max(10, 0.658 / √(smallest
    /// area))` with the area in scaled coordinates (10 before there are triangles).
    public var defaultGridSize: Int { core.withLock { $0.defaultGridSize() } }
}

extension Learner2D.Core {
    func interpolate(_ point: SIMD2<Double>, hint: inout Int?) -> [Double]? {
        guard real.tri.isTriangulated else { return nil }
        let q = scaled(point)
        guard let t = real.tri.triangle(containing: q, hint: hint) else { return nil }
        hint = t
        let l = real.tri.barycentric(q, in: t)
        let (a, b, c) = real.tri.vertices(of: t)
        let d = real.vdim
        return (0..<d).map { k in
            l.x * real.values[a * d + k] + l.y * real.values[b * d + k] + l.z * real.values[c * d + k]
        }
    }

    func interpolate(_ point: SIMD2<Double>) -> [Double]? {
        var hint: Int?
        return interpolate(point, hint: &hint)
    }

    func defaultGridSize() -> Int {
        guard real.tri.isTriangulated else { return 10 }
        let smallest = real.tri.triangleIDs.map { real.tri.area(of: $0) }.min() ?? 1
        let n = 0.658 / smallest.squareRoot()
        return n < 10 ? 10 : (n < 1e9 ? Int(n) : 1_000_000_000)
    }

    func interpolatedOnGrid(n requested: Int?) -> (xs: [Double], ys: [Double], values: [Double]) {
        guard real.tri.isTriangulated else { return ([], [], []) }
        let mesh = real
        let n = max(requested ?? defaultGridSize(), 2)
        func linspace(_ a: Double, _ b: Double) -> [Double] {
            (0..<n).map { i in i == n - 1 ? b : a + Double(i) * ((b - a) / Double(n - 1)) }
        }
        let xs = linspace(bounds.x.lower, bounds.x.upper)
        let ys = linspace(bounds.y.lower, bounds.y.upper)
        let nudge = 1e-13 * scale
        func inward(_ v: Double, _ i: Int, _ width: Double) -> Double {
            i == 0 ? v + width : (i == n - 1 ? v - width : v)
        }
        var values: [Double] = []
        values.reserveCapacity(n * n * mesh.vdim)
        var hint: Int?
        for i in 0..<n {
            for j in 0..<n {
                let p = SIMD2(inward(xs[i], i, nudge.x), inward(ys[j], j, nudge.y))
                if let v = interpolate(p, hint: &hint) {
                    values += v
                } else {
                    values += [Double](repeating: .nan, count: mesh.vdim)
                }
            }
        }
        return (xs, ys, values)
    }
}
