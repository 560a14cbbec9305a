import Foundation

/// The floating-point kernels of python-adaptive's `learnerND.py` and `triangulation.py`
/// (volumes, circumspheres, barycentric containment, Cayley–Menger volumes), written
/// with the same operation order so that LearnerND chooses the same points. Matrices
/// are flat, row-major. NumPy's `det` (an LU with partial pivoting, then
/// `sign · exp(Σ log|uᵢᵢ|)`) is reproduced to the last bits or nearly so.
enum SimplexGeometry {
    /// `numpy.linalg.det` of the n×n row-major matrix `m` (`fast_det`'s closed forms
    /// for n = 2 and 3).
    static func det(_ m: [Double], _ n: Int) -> Double {
        if n == 2 { return m[0] * m[3] - m[2] * m[1] }
        if n == 3 {
            let (a, b, c, d, e, f, g, h, i) = (m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8])
            return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
        }
        return luDet(m, n)
    }

    static func factorial(_ n: Int) -> Double { n < 2 ? 1 : (2...n).reduce(1.0) { $0 * Double($1) } }

    /// `learnerND.volume`: |det(vᵢ - v_last)| / d! of the d + 1 points (flat, `d` each).
    static func volumeFromLast(_ v: [Double], _ d: Int) -> Double {
        var m = [Double](repeating: 0, count: d * d)
        for i in 0..<d { for k in 0..<d { m[i * d + k] = v[i * d + k] - v[d * d + k] } }
        return abs(det(m, d)) / factorial(d)
    }

    /// `Triangulation.volume`: |det(vᵢ - v₀)| / d!.
    static func volumeFromFirst(_ v: [Double], _ d: Int) -> Double {
        var m = [Double](repeating: 0, count: d * d)
        for i in 0..<d { for k in 0..<d { m[i * d + k] = v[(i + 1) * d + k] - v[k] } }
        return abs(det(m, d)) / factorial(d)
    }

    /// `simplex_volume_in_embedding`: the volume of the simplex of `count` points (flat,
    /// `dim` coordinates each) in ℝ^dim by the Cayley–Menger determinant (Heron for
    /// dim = 2). Round-off below zero gives 0 (python raises for clearly negative squares,
    /// which a simplex of the learner's triangulation cannot produce).
    static func volumeInEmbedding(_ v: [Double], count k: Int, dim: Int) -> Double {
        v.withUnsafeBufferPointer { volumeInEmbedding($0.baseAddress!, count: k, dim: dim) }
    }

    /// ``volumeInEmbedding(_:count:dim:)`` of the points at `v`.
    static func volumeInEmbedding(_ v: UnsafePointer<Double>, count k: Int, dim: Int) -> Double {
        func squaredDistance(_ i: Int, _ j: Int) -> Double {
            var s = 0.0
            for c in 0..<dim {
                let t = v[i * dim + c] - v[j * dim + c]
                s += t * t
            }
            return s
        }
        if dim == 2 {
            let a = squaredDistance(0, 1).squareRoot(), b = squaredDistance(0, 2).squareRoot()
            let c = squaredDistance(1, 2).squareRoot()
            let s = 0.5 * (a + b + c)
            return (s * (s - a) * (s - b) * (s - c)).squareRoot()
        }
        let n = k + 1
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: n * n) { buffer in
            let m = buffer.baseAddress!
            m.initialize(repeating: 0, count: n * n)
            for j in 1..<n {
                m[j] = 1
                m[j * n] = 1
            }
            for i in 0..<k {
                for j in (i + 1)..<k {
                    let s = squaredDistance(i, j)
                    m[(i + 1) * n + j + 1] = s
                    m[(j + 1) * n + i + 1] = s
                }
            }
            let f = factorial(k - 1)
            let coefficient = -pow(-2.0, Double(k - 1)) * f * f
            let determinant: Double
            if n == 2 {
                determinant = m[0] * m[3] - m[2] * m[1]
            } else if n == 3 {
                determinant = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                    + m[2] * (m[3] * m[7] - m[4] * m[6])
            } else {
                determinant = luDet(m, n)
            }
            let square = determinant / coefficient
            return square < 0 ? 0 : square.squareRoot()
        }
    }

    /// `circumsphere`: the centre of the sphere through the d + 1 points (python's
    /// closed forms in 2 and 3 dimensions, its determinant formula otherwise).
    static func circumcenter(_ v: [Double], _ d: Int) -> [Double] {
        if d == 2 {
            let x1 = v[2] - v[0], y1 = v[3] - v[1], x2 = v[4] - v[0], y2 = v[5] - v[1]
            let l1 = x1 * x1 + y1 * y1, l2 = x2 * x2 + y2 * y2
            let dx = +l1 * y2 - l2 * y1, dy = -l1 * x2 + l2 * x1
            let a = 2 * (+x1 * y2 - x2 * y1)
            return [dx / a + v[0], dy / a + v[1]]
        }
        if d == 3 {
            let x1 = v[3] - v[0], y1 = v[4] - v[1], z1 = v[5] - v[2]
            let x2 = v[6] - v[0], y2 = v[7] - v[1], z2 = v[8] - v[2]
            let x3 = v[9] - v[0], y3 = v[10] - v[1], z3 = v[11] - v[2]
            let l1 = x1 * x1 + y1 * y1 + z1 * z1, l2 = x2 * x2 + y2 * y2 + z2 * z2
            let l3 = x3 * x3 + y3 * y3 + z3 * z3
            let dx = +l1 * (y2 * z3 - z2 * y3) - l2 * (y1 * z3 - z1 * y3) + l3 * (y1 * z2 - z1 * y2)
            let dy = +l1 * (x2 * z3 - z2 * x3) - l2 * (x1 * z3 - z1 * x3) + l3 * (x1 * z2 - z1 * x2)
            let dz = +l1 * (x2 * y3 - y2 * x3) - l2 * (x1 * y3 - y1 * x3) + l3 * (x1 * y2 - y1 * x2)
            let aa = +x1 * (y2 * z3 - z2 * y3) - x2 * (y1 * z3 - z1 * y3) + x3 * (y1 * z2 - z1 * y2)
            let a = 2 * aa
            return [dx / a + v[0], -dy / a + v[1], dz / a + v[2]]
        }
        // mat rows: (|p|², p..., 1); centre_i = ±det(mat without column i+1) / (2 det(mat[:, 1:])).
        let n = d + 1, columns = d + 2
        var mat = [Double](repeating: 0, count: n * columns)
        for i in 0..<n {
            var s = 0.0
            for k in 0..<d { s += v[i * d + k] * v[i * d + k] }
            mat[i * columns] = s
            for k in 0..<d { mat[i * columns + 1 + k] = v[i * d + k] }
            mat[i * columns + d + 1] = 1
        }
        func minor(dropping c: Int) -> [Double] {
            var m: [Double] = []
            m.reserveCapacity(n * n)
            for i in 0..<n { for j in 0..<columns where j != c { m.append(mat[i * columns + j]) } }
            return m
        }
        var factor = 1 / (2 * luDet(minor(dropping: 0), n))
        var center = [Double](repeating: 0, count: d)
        for i in 1..<n {
            center[i - 1] = factor * luDet(minor(dropping: i), n)
            factor *= -1
        }
        return center
    }

    /// `point_in_simplex` with python's tolerance: barycentric coordinates all > -eps and
    /// summing to < 1 + eps (python's closed form in 2D).
    static func contains(_ v: [Double], _ d: Int, _ p: [Double], eps: Double = 1e-8) -> Bool {
        if d == 2 {
            let (p0x, p0y, p1x, p1y, p2x, p2y) = (v[0], v[1], v[2], v[3], v[4], v[5])
            let area = 0.5 * (-p1y * p2x + p0y * (p2x - p1x) + p1x * p2y + p0x * (p1y - p2y))
            let s = 1 / (2 * area) * (+p0y * p2x + (p2y - p0y) * p[0] - p0x * p2y + (p0x - p2x) * p[1])
            if s < -eps || s > 1 + eps { return false }
            let t = 1 / (2 * area) * (+p0x * p1y + (p0y - p1y) * p[0] - p0y * p1x + (p1x - p0x) * p[1])
            return t >= -eps && s + t <= 1 + eps
        }
        guard let alpha = barycentric(v, d, p) else { return false }
        return alpha.allSatisfy { $0 > -eps } && alpha.reduce(0, +) < 1 + eps
    }

    /// The barycentric weights of `p` for vertices 1...d (python's `solve(vectors.T, p - x0)`).
    static func barycentric(_ v: [Double], _ d: Int, _ p: [Double]) -> [Double]? {
        var m = [Double](repeating: 0, count: d * d)
        for i in 0..<d { for k in 0..<d { m[k * d + i] = v[(i + 1) * d + k] - v[k] } }
        return solve(m, (0..<d).map { p[$0] - v[$0] }, d)
    }

    /// Where `choose_point_in_simplex` puts a new point.
    enum PointChoice: Equatable {
        /// The centroid: the circumcentre lies in the simplex.
        case centroid
        /// The midpoint of the longest edge, between vertices i < j.
        case edge(Int, Int)
    }

    /// `choose_point_in_simplex`: the centroid if the circumcentre lies in the simplex,
    /// else the midpoint of its longest edge (the first in row-major order on ties).
    /// `v` holds the d + 1 vertices in the learner's scaled coordinates.
    static func choosePoint(_ v: [Double], _ d: Int) -> [Double] {
        point(choice(v, d), v, d)
    }

    /// The decision of ``choosePoint(_:_:)`` for the vertices `v`.
    static func choice(_ v: [Double], _ d: Int) -> PointChoice {
        let n = d + 1
        if contains(v, d, circumcenter(v, d)) { return .centroid }
        var best = -1.0, bi = 0, bj = 1
        for i in 0..<n {
            for j in (i + 1)..<n {
                var s = 0.0
                for k in 0..<d {
                    let t = v[i * d + k] - v[j * d + k]
                    s += t * t
                }
                let distance = s.squareRoot()
                if distance > best {
                    best = distance
                    (bi, bj) = (i, j)
                }
            }
        }
        return .edge(bi, bj)
    }

    /// The point `choice` names among the vertices `v`.
    static func point(_ choice: PointChoice, _ v: [Double], _ d: Int) -> [Double] {
        switch choice {
        case .centroid:
            var sum = [Double](repeating: 0, count: d)
            for i in 0...d { for k in 0..<d { sum[k] += v[i * d + k] } }
            return sum.map { $0 / Double(d + 1) }
        case .edge(let i, let j):
            return (0..<d).map { (v[i * d + $0] + v[j * d + $0]) / 2 }
        }
    }

    /// Python's `round(x, 8)` scaled by 10⁸: an integer-valued double that orders and ties
    /// exactly as python's rounded losses do (half-even on the exact decimal value).
    static func roundedRank(_ x: Double) -> Double {
        guard x.isFinite else { return x.isNaN ? .infinity : x }
        let y = x * 1e8
        guard abs(y) < 0x1p52 else { return y }
        let fraction = abs(y - y.rounded(.towardZero))
        if abs(fraction - 0.5) > max(1e-6, 4 * y.ulp) { return y.rounded(.toNearestOrEven) }
        // Close to a half: decide with the exact decimal expansion, as python does.
        let text = String(format: "%.8f", x).replacingOccurrences(of: ".", with: "")
        return Double(Int(text) ?? 0)
    }
}
