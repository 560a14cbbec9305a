/// Exact floating-point arithmetic on *expansions*, after J. R. Shewchuk, "Adaptive
/// Precision Floating-Point Arithmetic and Fast Robust Geometric Predicates" (1997).
///
/// An expansion is a sum of doubles with non-overlapping bits, stored smallest
/// magnitude first; its sign is the sign of its last (largest) component. Sums and
/// products of expansions are exact, so a determinant evaluated with them has the
/// exact sign. The predicates use this only when their floating-point filter cannot
/// decide, i.e. for (nearly) degenerate inputs: co-circular, collinear, coplanar points.
///
/// Internal: no public API. All routines allocate; they are the slow path.
enum ExactArithmetic {
    /// `a + b = x + y` exactly, with `x = fl(a + b)`.
    @inline(__always)
    static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let x = a + b
        let bv = x - a
        let av = x - bv
        return (x, (a - av) + (b - bv))
    }

    /// `a · b = x + y` exactly, with `x = fl(a · b)` (one fused multiply-add).
    @inline(__always)
    static func twoProduct(_ a: Double, _ b: Double) -> (Double, Double) {
        let x = a * b
        return (x, (-x).addingProduct(a, b))
    }

    /// The exact difference `a - b` as an expansion.
    static func difference(_ a: Double, _ b: Double) -> [Double] {
        let (x, y) = twoSum(a, -b)
        return normalized([y, x])
    }

    /// Drops zero components (keeping one zero for the zero expansion).
    static func normalized(_ e: [Double]) -> [Double] {
        let nonzero = e.filter { $0 != 0 }
        return nonzero.isEmpty ? [0] : nonzero
    }

    /// `e + b` (Shewchuk's GROW-EXPANSION with zero elimination).
    static func grow(_ e: [Double], _ b: Double) -> [Double] {
        var q = b
        var h: [Double] = []
        h.reserveCapacity(e.count + 1)
        for component in e {
            let (sum, err) = twoSum(q, component)
            if err != 0 { h.append(err) }
            q = sum
        }
        if q != 0 || h.isEmpty { h.append(q) }
        return h
    }

    /// `e + f`, exactly.
    static func sum(_ e: [Double], _ f: [Double]) -> [Double] {
        var result = e
        for component in f where component != 0 { result = grow(result, component) }
        return result
    }

    /// `-e`.
    static func negated(_ e: [Double]) -> [Double] { e.map { -$0 } }

    /// `e · b` (Shewchuk's SCALE-EXPANSION with zero elimination).
    static func scale(_ e: [Double], _ b: Double) -> [Double] {
        guard b != 0, !e.isEmpty else { return [0] }
        var h: [Double] = []
        h.reserveCapacity(2 * e.count)
        var (q, err) = twoProduct(e[0], b)
        if err != 0 { h.append(err) }
        for component in e.dropFirst() {
            let (p1, p0) = twoProduct(component, b)
            let (s, e1) = twoSum(q, p0)
            if e1 != 0 { h.append(e1) }
            // Fast-Two-Sum(p1, s): |p1| >= |s| holds here.
            let x = p1 + s
            let e2 = s - (x - p1)
            if e2 != 0 { h.append(e2) }
            q = x
        }
        if q != 0 || h.isEmpty { h.append(q) }
        return h
    }

    /// `e · f`, exactly.
    static func product(_ e: [Double], _ f: [Double]) -> [Double] {
        var result: [Double] = [0]
        for component in f where component != 0 { result = sum(result, scale(e, component)) }
        return result
    }

    /// The sign of an expansion: -1, 0 or 1.
    static func sign(_ e: [Double]) -> Int {
        guard let top = e.last(where: { $0 != 0 }) else { return 0 }
        return top > 0 ? 1 : -1
    }

    /// The exact determinant of a square matrix of expansions (Laplace expansion along
    /// the first row: O(n!) but only used for n <= 6 on the slow path).
    static func determinant(_ m: [[[Double]]]) -> [Double] {
        let n = m.count
        if n == 1 { return m[0][0] }
        if n == 2 { return sum(product(m[0][0], m[1][1]), negated(product(m[0][1], m[1][0]))) }
        var total: [Double] = [0]
        for column in 0..<n where sign(m[0][column]) != 0 {
            let minor = m.dropFirst().map { row in
                Array(row[0..<column]) + Array(row[(column + 1)...])
            }
            let term = product(m[0][column], determinant(minor))
            total = sum(total, column % 2 == 0 ? term : negated(term))
        }
        return total
    }

    /// The exact sign of `det[b_i - a]` for the `d` points `b` (orientation of the
    /// simplex `a, b_1, …, b_d`).
    static func orientationSign(_ a: [Double], _ others: [[Double]]) -> Int {
        let m = others.map { b in (0..<a.count).map { difference(b[$0], a[$0]) } }
        return sign(determinant(m))
    }

    /// The exact sign of the in-sphere determinant: rows `(q_i - p, |q_i - p|²)` for the
    /// `d + 1` simplex vertices `q_i`. For a positively oriented simplex it is positive
    /// iff `p` lies strictly inside the circumsphere.
    static func inSphereSign(_ vertices: [[Double]], _ p: [Double]) -> Int {
        let m = vertices.map { q -> [[Double]] in
            let diffs = (0..<p.count).map { difference(q[$0], p[$0]) }
            let lift = diffs.reduce([0.0]) { sum($0, product($1, $1)) }
            return diffs + [lift]
        }
        return sign(determinant(m))
    }
}
