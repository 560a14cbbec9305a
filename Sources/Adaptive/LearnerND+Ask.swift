extension LearnerND.Core {
    /// python's `_ask`: a corner not yet asked; else, without a first simplex, a random
    /// point in the box; else the best point of the best (sub-)simplex.
    mutating func askOne() throws -> (point: [Double], loss: Double) {
        materializePending()
        if let corner = domain.boundsPoints.first(where: { index[$0] == nil && !pending.contains($0) }) {
            try tellPending(corner, hint: nil)
            return (corner, .infinity)
        }
        guard tri.isTriangulated else { return try askRandomPoint() }
        return try askBestPoint()
    }

    /// python's `_ask_point_without_known_simplices`: uniform in the bounding box from the
    /// private `Random(1)`, until inside the domain.
    mutating func askRandomPoint() throws -> (point: [Double], loss: Double) {
        while true {
            let r = (0..<d).map { _ in random.random() }
            let p = (0..<d).map { r[$0] * (domain.bbox[$0].upper - domain.bbox[$0].lower) + domain.bbox[$0].lower }
            guard domain.contains(p), index[p] == nil, !pending.contains(p) else { continue }
            try tellPending(p, hint: nil)
            return (p, .infinity)
        }
    }

    /// python's `_ask_best_point`: pop the best valid queue entry, choose a point in it,
    /// skip points already known or pending, mark it pending.
    mutating func askBestPoint() throws -> (point: [Double], loss: Double) {
        while let entry = queue.popFirst() {
            guard isValid(entry) else { continue }
            let s = Int(entry.slot)
            let vertices: [Double]
            if entry.isPiece, let sub = subtriangulations[s] {
                let raw = sub.vertices(of: Int(entry.subSlot))
                vertices = raw.indices.map { raw[$0] * domain.scale[$0 % d] }
            } else {
                vertices = entry.simplex.ids.flatMap { tri.coordinates[($0 * d)..<(($0 + 1) * d)] }
            }
            // With `anisotropic`, the choice is made on the stretched simplex and the
            // point taken on the simplex itself (see `LearnerND.Stretch`).
            var decidingVertices = vertices
            if anisotropic, let stretch = try localStretch(around: entry.simplex.ids) {
                decidingVertices = stretch.apply(toVertices: vertices, d)
            }
            let chosen = SimplexGeometry.point(SimplexGeometry.choice(decidingVertices, d), vertices, d)
            let p = (0..<d).map { chosen[$0] / domain.scale[$0] }
            if index[p] != nil || pending.contains(p) { continue }
            pendingToSimplex[p] = s
            try tellPending(p, hint: s)
            return (p, abs(entry.loss))
        }
        throw AdaptiveError("LearnerND: no simplex left to subdivide (all candidate points are known or pending)")
    }
}
