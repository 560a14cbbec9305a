extension Triangulation2D {
    /// Keeps `p` aside while all points are collinear; builds the first triangle (and
    /// inserts the points kept aside) once `p` is off their line.
    mutating func insertBeforeFirstTriangle(_ p: SIMD2<Double>) throws -> Insertion {
        if waiting.contains(where: { points[$0] == p }) {
            throw AdaptiveError("Triangulation2D: point (\(p.x), \(p.y)) is already in the triangulation")
        }
        let v = points.count
        points.append(p)
        vertexSlot.append(-1)
        guard waiting.count >= 2 else {
            waiting.append(v)
            return Insertion(vertex: v, removed: [], added: [])
        }
        let a = waiting[0]
        // The waiting points are distinct and collinear: any second one spans the line.
        let b = waiting[1]
        let o = Predicates.orient2d(points[a], points[b], p)
        guard o != 0 else {
            waiting.append(v)
            return Insertion(vertex: v, removed: [], added: [])
        }
        let (x, y, z) = o > 0 ? (a, b, v) : (b, a, v)
        buildFirstTriangle(x, y, z)
        let rest = waiting.dropFirst(2)
        waiting = []
        for w in rest { _ = cavityInsert(w, from: locateSlot(points[w], hint: nil)) }
        return Insertion(vertex: v, removed: [], added: triangleIDs)
    }

    /// Triangle (a, b, c), counter-clockwise, and its three ghost triangles.
    mutating func buildFirstTriangle(_ a: Int, _ b: Int, _ c: Int) {
        let t = allocateSlot()
        let g = [allocateSlot(), allocateSlot(), allocateSlot()]
        let v = [a, b, c]
        for i in 0..<3 {
            vertexIDs[3 * t + i] = v[i]
            neighborIDs[3 * t + i] = g[i]
            vertexSlot[v[i]] = t
            // Ghost i lies across the edge (v[i+1], v[i+2]): hull edge v[i+2] -> v[i+1].
            let s = g[i]
            vertexIDs[3 * s] = v[(i + 2) % 3]
            vertexIDs[3 * s + 1] = v[(i + 1) % 3]
            vertexIDs[3 * s + 2] = Self.ghost
            neighborIDs[3 * s] = g[(i + 2) % 3]
            neighborIDs[3 * s + 1] = g[(i + 1) % 3]
            neighborIDs[3 * s + 2] = t
        }
        liveRealCount = 1
        lastSlot = t
        growMarks()
    }
}
