extension Triangulation2D {
    /// What an insertion changed: the new vertex, and the finite triangles removed and
    /// added (a removed slot may reappear among the added ones, with new vertices).
    public struct Insertion: Sendable {
        public var vertex: Int
        public var removed: [Int]
        public var added: [Int]
    }

    /// Inserts `p` and restores the Delaunay property. `hint` is a triangle near `p`
    /// (any live triangle id; the walk starts there). Throws if `p` is not finite or
    /// equals a vertex.
    @discardableResult
    public mutating func insert(_ p: SIMD2<Double>, hint: Int? = nil) throws -> Insertion {
        guard p.x.isFinite && p.y.isFinite else {
            throw AdaptiveError("Triangulation2D: point must be finite, got (\(p.x), \(p.y))")
        }
        guard lastSlot >= 0 else { return try insertBeforeFirstTriangle(p) }
        let start = locateSlot(p, hint: hint)
        if vertexIDs[3 * start + 2] != Self.ghost {
            let (a, b, c) = vertices(of: start)
            if points[a] == p || points[b] == p || points[c] == p {
                throw AdaptiveError("Triangulation2D: point (\(p.x), \(p.y)) is already in the triangulation")
            }
        }
        let v = points.count
        points.append(p)
        vertexSlot.append(-1)
        return cavityInsert(v, from: start)
    }

    /// A slot whose closed region contains `p`: a finite triangle if `p` is in the hull,
    /// else a ghost triangle whose hull edge sees `p`. Walks from `hint` (or the last
    /// slot touched), choosing among the edges that separate from `p` at random so that
    /// the walk cannot cycle.
    func locateSlot(_ p: SIMD2<Double>, hint: Int?) -> Int {
        var t = lastSlot
        if let h = hint, h >= 0, h < isAlive.count, isAlive[h] { t = h }
        if vertexIDs[3 * t + 2] == Self.ghost { t = neighborIDs[3 * t + 2] }
        var state = randomState
        walk: while true {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let first = Int((state >> 33) % 3)
            for k in 0..<3 {
                let i = (first + k) % 3
                let a = vertexIDs[3 * t + (i + 1) % 3], b = vertexIDs[3 * t + (i + 2) % 3]
                if Predicates.orient2d(points[a], points[b], p) < 0 {
                    t = neighborIDs[3 * t + i]
                    if vertexIDs[3 * t + 2] == Self.ghost { break walk }
                    continue walk
                }
            }
            break
        }
        return t
    }

    /// Whether the closed circumcircle of slot `t` contains `p` (for a ghost: `p` is
    /// beyond its hull edge, or strictly inside the edge).
    @inline(__always)
    func circumcircleContains(_ t: Int, _ p: SIMD2<Double>) -> Bool {
        let a = vertexIDs[3 * t], b = vertexIDs[3 * t + 1], c = vertexIDs[3 * t + 2]
        if c == Self.ghost {
            let pa = points[a], pb = points[b]
            let o = Predicates.orient2d(pa, pb, p)
            if o > 0 { return true }
            if o < 0 { return false }
            return ((p - pa) * (pb - pa)).sum() > 0 && ((p - pb) * (pa - pb)).sum() > 0
        }
        return Predicates.incircle(points[a], points[b], points[c], p) >= 0
    }

    /// Bowyer–Watson: removes the cavity of vertex `v` grown from slot `start` and joins
    /// `v` to its boundary.
    mutating func cavityInsert(_ v: Int, from start: Int) -> Insertion {
        let p = points[v]
        epoch &+= 1
        if epoch == 0 {
            inMark = Array(repeating: 0, count: inMark.count)
            outMark = inMark
            epoch = 1
        }
        growMarks()
        var cavity = [start]
        inMark[start] = epoch
        // Boundary edges (u, w) as seen from inside the cavity, and the slot outside.
        var boundary: [(u: Int, w: Int, outside: Int)] = []
        var k = 0
        while k < cavity.count {
            let t = cavity[k]
            k += 1
            for i in 0..<3 {
                let n = neighborIDs[3 * t + i]
                if inMark[n] == epoch { continue }
                if outMark[n] != epoch && circumcircleContains(n, p) {
                    inMark[n] = epoch
                    cavity.append(n)
                } else {
                    outMark[n] = epoch
                    boundary.append((vertexIDs[3 * t + (i + 1) % 3], vertexIDs[3 * t + (i + 2) % 3], n))
                }
            }
        }
        var removed: [Int] = []
        for t in cavity {
            if vertexIDs[3 * t + 2] != Self.ghost {
                removed.append(t)
                liveRealCount -= 1
            }
            isAlive[t] = false
            freeSlots.append(t)
        }
        // New triangle j is (u_j, w_j, v): its neighbour across (w_j, v) is the new
        // triangle starting at w_j, across (v, u_j) the one ending at u_j. The boundary
        // is a short cycle, so a linear search finds them.
        let m = boundary.count
        var slots = [Int](repeating: 0, count: m)
        for j in 0..<m { slots[j] = allocateSlot() }
        var next = [Int](repeating: 0, count: m)
        var previous = [Int](repeating: 0, count: m)
        for j in 0..<m {
            for l in 0..<m where boundary[l].u == boundary[j].w {
                next[j] = slots[l]
                previous[l] = slots[j]
                break
            }
        }
        var added: [Int] = []
        added.reserveCapacity(m)
        for j in 0..<m {
            let s = slots[j]
            let (u, w, outside) = boundary[j]
            // Vertices (u, w, v) with neighbours (next, previous, outside); rotated so that
            // a ghost vertex comes last.
            var verts = (u, w, v)
            var nbrs = (next[j], previous[j], outside)
            if u == Self.ghost {
                verts = (w, v, u)
                nbrs = (nbrs.1, nbrs.2, nbrs.0)
            } else if w == Self.ghost {
                verts = (v, u, w)
                nbrs = (nbrs.2, nbrs.0, nbrs.1)
            }
            vertexIDs[3 * s] = verts.0
            vertexIDs[3 * s + 1] = verts.1
            vertexIDs[3 * s + 2] = verts.2
            neighborIDs[3 * s] = nbrs.0
            neighborIDs[3 * s + 1] = nbrs.1
            neighborIDs[3 * s + 2] = nbrs.2
            if u != Self.ghost { vertexSlot[u] = s }
            if w != Self.ghost { vertexSlot[w] = s }
            vertexSlot[v] = s
            // The outside slot pointed to a cavity slot across (w, u): redirect it.
            for i in 0..<3 {
                let a = vertexIDs[3 * outside + (i + 1) % 3], b = vertexIDs[3 * outside + (i + 2) % 3]
                if a == w && b == u {
                    neighborIDs[3 * outside + i] = s
                    break
                }
            }
            if verts.2 != Self.ghost {
                added.append(s)
                liveRealCount += 1
            }
        }
        lastSlot = slots[0]
        return Insertion(vertex: v, removed: removed, added: added)
    }

    mutating func allocateSlot() -> Int {
        if let s = freeSlots.popLast() {
            isAlive[s] = true
            return s
        }
        let s = isAlive.count
        isAlive.append(true)
        vertexIDs.append(contentsOf: [0, 0, 0])
        neighborIDs.append(contentsOf: [0, 0, 0])
        inMark.append(0)
        outMark.append(0)
        return s
    }

    mutating func growMarks() {
        if inMark.count < isAlive.count {
            inMark.append(contentsOf: repeatElement(0, count: isAlive.count - inMark.count))
            outMark.append(contentsOf: repeatElement(0, count: isAlive.count - outMark.count))
        }
    }
}
