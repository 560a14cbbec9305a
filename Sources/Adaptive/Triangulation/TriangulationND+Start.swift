extension TriangulationND {
    /// Keeps points aside until d + 1 of them are affinely independent, then builds the
    /// first simplex and inserts the others.
    mutating func insertBeforeFirstSimplex(_ p: [Double]) throws -> Insertion {
        if waiting.contains(where: { point($0) == p }) {
            throw AdaptiveError("TriangulationND: point \(p) is already in the triangulation")
        }
        let v = vertexCount
        coordinates += p
        vertexSlot.append(-1)
        waiting.append(v)
        guard let basis = independentSubset() else { return Insertion(vertex: v, removed: [], added: []) }
        var first = basis
        if Predicates.orientation(first.map(point)) < 0 { first.swapAt(0, 1) }
        buildFirstSimplex(first)
        let rest = waiting.filter { !basis.contains($0) }
        waiting = []
        for w in rest { _ = cavityInsert(w, from: locateSlot(point(w), hint: nil)) }
        return Insertion(vertex: v, removed: [], added: simplexIDs)
    }

    /// d + 1 affinely independent waiting vertices (greedy, exact test), or nil.
    func independentSubset() -> [Int]? {
        guard waiting.count > dimension else { return nil }
        // Greedy: grow a set whose affine rank increases, using Gram–Schmidt with a
        // tolerance, then confirm with the exact orientation predicate.
        var basis = [waiting[0]]
        var directions: [[Double]] = []
        let origin = point(waiting[0])
        for w in waiting.dropFirst() {
            var r = zip(point(w), origin).map { $0 - $1 }
            let norm0 = r.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm0 > 0 else { continue }
            for q in directions {
                let dot = zip(r, q).reduce(0) { $0 + $1.0 * $1.1 }
                r = zip(r, q).map { $0 - dot * $1 }
            }
            let norm = r.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 1e-12 * norm0 {
                directions.append(r.map { $0 / norm })
                basis.append(w)
                if basis.count == width { break }
            }
        }
        guard basis.count == width, Predicates.orientation(basis.map(point)) != 0 else { return nil }
        return basis
    }

    /// The positively oriented simplex `v` and its d + 1 ghosts.
    mutating func buildFirstSimplex(_ v: [Int]) {
        let s = allocateSlot()
        let ghosts = (0..<width).map { _ in allocateSlot() }
        for i in 0..<width {
            vertexIDs[s * width + i] = v[i]
            neighborIDs[s * width + i] = ghosts[i]
            vertexSlot[v[i]] = s
            // Ghost i: v with v[i] -> ghost, and two other vertices swapped so that a point
            // beyond the facet gives a positive orientation.
            var g = v
            g[i] = Self.ghost
            let a = (i + 1) % width, b = (i + 2) % width
            g.swapAt(a, b)
            let slot = ghosts[i]
            for k in 0..<width {
                vertexIDs[slot * width + k] = g[k]
                neighborIDs[slot * width + k] = g[k] == Self.ghost ? s : ghosts[v.firstIndex(of: g[k])!]
            }
        }
        liveRealCount = 1
        lastSlot = s
    }
}
