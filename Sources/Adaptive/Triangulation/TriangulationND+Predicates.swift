extension Predicates {
    /// Determinant and permanent (of absolute values) of the n×n row-major matrix `m`
    /// by Laplace expansion along the rows, over the columns in `columns` (a bit mask):
    /// ``laplace(_:)`` without allocations. Small n only.
    @usableFromInline
    static func laplace(_ m: UnsafePointer<Double>, _ n: Int, row: Int, columns: UInt32) -> (Double, Double) {
        if row == 0 && n == 3 { return laplace3(m) }
        if row == 0 && n == 4 { return laplace4(m) }
        if row == n - 2 {
            let c0 = columns.trailingZeroBitCount
            let c1 = (columns & (columns - 1)).trailingZeroBitCount
            let p = m[row * n + c0] * m[(row + 1) * n + c1], q = m[row * n + c1] * m[(row + 1) * n + c0]
            return (p - q, abs(p) + abs(q))
        }
        if row == n - 1 {
            let c = columns.trailingZeroBitCount
            return (m[row * n + c], abs(m[row * n + c]))
        }
        var det = 0.0, permanent = 0.0, rest = columns, position = 0
        while rest != 0 {
            let c = rest.trailingZeroBitCount
            rest &= rest - 1
            let a = m[row * n + c]
            let (d, p) = laplace(m, n, row: row + 1, columns: columns & ~(1 << UInt32(c)))
            det += (position % 2 == 0 ? 1 : -1) * a * d
            permanent += abs(a) * p
            position += 1
        }
        return (det, permanent)
    }

    /// ``laplace(_:_:row:columns:)`` of a whole 3×3 matrix, written out.
    @inline(__always)
    static func laplace3(_ m: UnsafePointer<Double>) -> (Double, Double) {
        let (a, b, c, d, e, f, g, h, i) = (m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8])
        let ei = e * i, fh = f * h, di = d * i, fg = f * g, dh = d * h, eg = e * g
        let det = a * (ei - fh) - b * (di - fg) + c * (dh - eg)
        let permanent = abs(a) * (abs(ei) + abs(fh)) + abs(b) * (abs(di) + abs(fg)) + abs(c) * (abs(dh) + abs(eg))
        return (det, permanent)
    }

    /// ``laplace(_:_:row:columns:)`` of a whole 4×4 matrix by the Laplace expansion along
    /// its first two rows (2×2 minors); the permanent is the same, the rounding smaller.
    @inline(__always)
    static func laplace4(_ m: UnsafePointer<Double>) -> (Double, Double) {
        @inline(__always) func minor(_ r: Int, _ i: Int, _ j: Int) -> (Double, Double) {
            let p = m[r * 4 + i] * m[(r + 1) * 4 + j], q = m[r * 4 + j] * m[(r + 1) * 4 + i]
            return (p - q, abs(p) + abs(q))
        }
        let (a01, p01) = minor(0, 0, 1), (a02, p02) = minor(0, 0, 2), (a03, p03) = minor(0, 0, 3)
        let (a12, p12) = minor(0, 1, 2), (a13, p13) = minor(0, 1, 3), (a23, p23) = minor(0, 2, 3)
        let (b01, q01) = minor(2, 0, 1), (b02, q02) = minor(2, 0, 2), (b03, q03) = minor(2, 0, 3)
        let (b12, q12) = minor(2, 1, 2), (b13, q13) = minor(2, 1, 3), (b23, q23) = minor(2, 2, 3)
        let det = a01 * b23 - a02 * b13 + a03 * b12 + a12 * b03 - a13 * b02 + a23 * b01
        let permanent = p01 * q23 + p02 * q13 + p03 * q12 + p12 * q03 + p13 * q02 + p23 * q01
        return (det, permanent)
    }
}

extension TriangulationND {
    /// The coordinate `k` of the slot's vertex at position `i`, or of `p` where the slot
    /// has the ghost or where `i == position`. (Static, on the arrays: a closure that
    /// called a method would copy the whole triangulation.)
    @inline(__always)
    private static func coordinate(
        _ ids: UnsafeBufferPointer<Int>, _ coordinates: UnsafeBufferPointer<Double>, _ dimension: Int,
        _ s: Int, _ i: Int, _ k: Int, replacing position: Int, with p: [Double]
    ) -> Double {
        let v = ids[s * (dimension + 1) + i]
        return (v == ghost || i == position) ? p[k] : coordinates[v * dimension + k]
    }

    /// ``Predicates/orientation(_:)`` of `rows(s, replacing: position, with: p)`, without
    /// building the rows unless the filter cannot decide.
    func orientation(_ s: Int, replacing position: Int = -1, with p: [Double]) -> Int {
        let d = dimension
        let sign = vertexIDs.withUnsafeBufferPointer { ids in coordinates.withUnsafeBufferPointer { xs in
          withUnsafeTemporaryAllocation(of: Double.self, capacity: d * d) { m -> Int? in
            var exact = true
            for i in 1...d {
                for k in 0..<d {
                    let a = Self.coordinate(ids, xs, d, s, i, k, replacing: position, with: p)
                    let b = Self.coordinate(ids, xs, d, s, 0, k, replacing: position, with: p)
                    let (difference, error) = ExactArithmetic.twoSum(a, -b)
                    m[(i - 1) * d + k] = difference
                    if error != 0 { exact = false }
                }
            }
            let matrix = UnsafePointer(m.baseAddress!)
            let (det, permanent) = Predicates.laplace(matrix, d, row: 0, columns: (1 << UInt32(d)) - 1)
            let bound = Double(2 * d * d + 4 * d + 8) * Predicates.epsilon * permanent
            if det > bound { return 1 }
            if -det > bound { return -1 }
            return exact ? Predicates.fixedPointSign(matrix, d) : nil
          }
        } }
        if let sign { return sign }
        let v = rows(s, replacing: position >= 0 ? position : nil, with: p)
        return ExactArithmetic.orientationSign(v[0], Array(v[1...]))
    }

    /// ``Predicates/inSphere(_:_:)`` of `rows(s, with: p)` and `p`, without building the
    /// rows unless the filter cannot decide.
    func inSphere(_ s: Int, _ p: [Double]) -> Int {
        let d = dimension, n = d + 1
        let (det, permanent) = vertexIDs.withUnsafeBufferPointer { ids in coordinates.withUnsafeBufferPointer { xs in
          withUnsafeTemporaryAllocation(of: Double.self, capacity: n * n) { m in
            for i in 0..<n {
                var lift = 0.0
                for k in 0..<d {
                    let t = Self.coordinate(ids, xs, d, s, i, k, replacing: -1, with: p) - p[k]
                    m[i * n + k] = t
                    lift += t * t
                }
                m[i * n + d] = lift
            }
            return Predicates.laplace(UnsafePointer(m.baseAddress!), n, row: 0, columns: (1 << UInt32(n)) - 1)
          }
        } }
        let bound = Double(2 * n * n + 4 * n + 2 * d + 8) * Predicates.epsilon * permanent
        if det > bound { return 1 }
        if -det > bound { return -1 }
        return ExactArithmetic.inSphereSign(rows(s, with: p), p)
    }
}

extension Predicates {
    /// The exact sign of det(m) for a 2×2 or 3×3 row-major matrix `m` whose entries are
    /// exact differences on a common binary grid small enough for 128-bit integers (the
    /// usual case for the degenerate, lattice-like inputs that defeat the filter); nil
    /// when they are not, and the general exact arithmetic must decide.
    static func fixedPointSign(_ m: UnsafePointer<Double>, _ n: Int) -> Int? {
        guard n == 2 || n == 3 else { return nil }
        var lowest = Int.max, highest = Int.min
        for i in 0..<(n * n) where m[i] != 0 {
            let x = m[i]
            guard x.isNormal else { return nil }
            let significand = x.significandBitPattern | (1 << 52)
            lowest = min(lowest, Int(x.exponent) - 52 + significand.trailingZeroBitCount)
            highest = max(highest, Int(x.exponent))
        }
        if lowest == Int.max { return 0 }
        // Integers of at most 41 bits: a 3×3 determinant stays below 2^126.
        guard highest - lowest < 41, lowest > -1000 else { return nil }
        func integer(_ i: Int) -> Int128 { Int128(Int64((m[i] * pow2(-lowest)).rounded())) }
        let det: Int128
        if n == 2 {
            det = integer(0) * integer(3) - integer(1) * integer(2)
        } else {
            let (a, b, c) = (integer(0), integer(1), integer(2))
            let (d, e, f) = (integer(3), integer(4), integer(5))
            let (g, h, k) = (integer(6), integer(7), integer(8))
            det = a * (e * k - f * h) - b * (d * k - f * g) + c * (d * h - e * g)
        }
        return det > 0 ? 1 : (det < 0 ? -1 : 0)
    }

    private static func pow2(_ e: Int) -> Double { Double(sign: .plus, exponent: e, significand: 1) }
}
