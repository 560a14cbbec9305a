extension Triangulation2D {
    /// A finite triangle whose closed region contains `p`, or nil if `p` is outside the
    /// hull (or nothing is triangulated yet). Walks from `hint`, so a sequence of nearby
    /// queries that pass the previous answer as hint costs O(1) each.
    public func triangle(containing p: SIMD2<Double>, hint: Int? = nil) -> Int? {
        guard lastSlot >= 0, p.x.isFinite, p.y.isFinite else { return nil }
        let t = locateSlot(p, hint: hint)
        return vertexIDs[3 * t + 2] == Self.ghost ? nil : t
    }

    /// Every finite triangle whose closed region contains `p`: one for an interior
    /// point, two on an edge, all triangles of a vertex at a vertex, none outside.
    public func triangles(containing p: SIMD2<Double>, hint: Int? = nil) -> [Int] {
        guard let t = triangle(containing: p, hint: hint) else { return [] }
        let (a, b, c) = vertices(of: t)
        for v in [a, b, c] where points[v] == p { return triangles(around: v) }
        var result = [t]
        for i in 0..<3 {
            let u = vertexIDs[3 * t + (i + 1) % 3], w = vertexIDs[3 * t + (i + 2) % 3]
            if Predicates.orient2d(points[u], points[w], p) == 0, let n = neighbor(of: t, opposite: i) {
                result.append(n)
            }
        }
        return result
    }

    /// The barycentric coordinates of `p` in triangle `t` (they sum to 1; all are
    /// >= 0, up to rounding, when `t` contains `p`).
    public func barycentric(_ p: SIMD2<Double>, in t: Int) -> SIMD3<Double> {
        let (a, b, c) = vertices(of: t)
        let pa = points[a], pb = points[b], pc = points[c]
        let det = (pb.y - pc.y) * (pa.x - pc.x) + (pc.x - pb.x) * (pa.y - pc.y)
        let l0 = ((pb.y - pc.y) * (p.x - pc.x) + (pc.x - pb.x) * (p.y - pc.y)) / det
        let l1 = ((pc.y - pa.y) * (p.x - pc.x) + (pa.x - pc.x) * (p.y - pc.y)) / det
        return SIMD3(l0, l1, 1 - l0 - l1)
    }

    /// Checks the data structure and the Delaunay property; returns the problems found
    /// (empty when valid). O(n); for tests.
    public func validate() -> [String] {
        var problems: [String] = []
        guard lastSlot >= 0 else { return problems }
        for t in 0..<isAlive.count where isAlive[t] {
            let ghostLast = vertexIDs[3 * t + 2] == Self.ghost
            if vertexIDs[3 * t] == Self.ghost || vertexIDs[3 * t + 1] == Self.ghost {
                problems.append("slot \(t): ghost vertex not last")
            }
            if !ghostLast {
                let (a, b, c) = vertices(of: t)
                if Predicates.orient2d(points[a], points[b], points[c]) <= 0 {
                    problems.append("triangle \(t) (\(a), \(b), \(c)) is not counter-clockwise")
                }
            }
            for i in 0..<3 {
                let n = neighborIDs[3 * t + i]
                guard n >= 0, n < isAlive.count, isAlive[n] else {
                    problems.append("slot \(t): dead neighbour \(n)"); continue
                }
                let u = vertexIDs[3 * t + (i + 1) % 3], w = vertexIDs[3 * t + (i + 2) % 3]
                guard let j = (0..<3).first(where: { neighborIDs[3 * n + $0] == t }),
                    vertexIDs[3 * n + (j + 1) % 3] == w, vertexIDs[3 * n + (j + 2) % 3] == u
                else { problems.append("slot \(t): neighbour \(n) does not match"); continue }
                let opposite = vertexIDs[3 * n + j]
                if !ghostLast && opposite != Self.ghost {
                    let (a, b, c) = vertices(of: t)
                    if Predicates.incircle(points[a], points[b], points[c], points[opposite]) > 0 {
                        problems.append("triangle \(t): vertex \(opposite) inside its circumcircle")
                    }
                }
            }
        }
        for v in 0..<points.count where vertexSlot[v] >= 0 {
            let s = vertexSlot[v]
            if !isAlive[s] || localIndex(of: v, in: s) == 2 && vertexIDs[3 * s + 2] != v {
                problems.append("vertex \(v): stale slot \(s)")
            }
        }
        let h = hull
        for k in h.indices {
            let a = points[h[k]], b = points[h[(k + 1) % h.count]]
            for q in points where Predicates.orient2d(a, b, q) < 0 {
                problems.append("point \(q) outside hull edge \(h[k])-\(h[(k + 1) % h.count])")
                break
            }
        }
        return problems
    }
}
