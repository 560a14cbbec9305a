extension Predicates {
    /// Determinant and permanent (of absolute values) of the n×n row-major matrix `m`
    /// by Laplace expansion along the rows, over the columns in `columns` (a bit mask):
    /// ``laplace(_:)`` without allocations. Small n only.
    @usableFromInline
    static func laplace(_ m: UnsafePointer<Double>, _ n: Int, row: Int, columns: UInt32) -> (Double, Double) {
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
