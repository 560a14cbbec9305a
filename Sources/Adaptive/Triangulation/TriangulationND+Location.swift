extension TriangulationND {
    /// The finite simplex containing `p`, or for a point outside the hull the finite
    /// simplex behind the hull facet that sees it; nil before a first simplex exists.
    public func nearestSimplex(to p: [Double], hint: Int? = nil) -> Int? {
        guard isTriangulated, p.count == dimension else { return nil }
        let s = locateSlot(p, hint: hint)
        guard let g = (0..<width).first(where: { vertexIDs[s * width + $0] == Self.ghost }) else { return s }
        return neighborIDs[s * width + g]
    }

    /// The simplex containing `p` and the barycentric weights of its vertices (in the
    /// order of ``vertices(of:)``), for linear interpolation; nil outside the hull.
    public func barycentricWeights(_ p: [Double], hint: Int? = nil) -> (simplex: Int, weights: [Double])? {
        guard let s = simplex(containing: p, hint: hint) else { return nil }
        let vs = vertices(of: s)
        let d = dimension
        let origin = point(vs[0])
        // Columns v_i - v_0; solve for the weights of v_1 ... v_d.
        var m = [Double](repeating: 0, count: d * d)
        for i in 0..<d {
            for k in 0..<d { m[k * d + i] = coordinates[vs[i + 1] * d + k] - origin[k] }
        }
        guard let tail = SimplexGeometry.solve(m, (0..<d).map { p[$0] - origin[$0] }, d) else { return nil }
        return (s, [1 - tail.reduce(0, +)] + tail)
    }

    /// The hull facets with their vertices ordered so that the facet's normal by the
    /// right-hand rule points out of the hull (d = 3: counter-clockwise seen from outside).
    public var orientedHullFacets: [[Int]] {
        (0..<isAlive.count).filter { isAlive[$0] && isGhost($0) }.map { s in
            // A ghost is positively oriented with a point beyond its facet in the ghost's
            // place; the facet in ghost order with the ghost moved to the front keeps
            // that orientation up to the sign of the move.
            var vs = vertices(of: s)
            let g = vs.firstIndex(of: Self.ghost)!
            vs.remove(at: g)
            // Moving the ghost from position g to the end takes (d - g) transpositions;
            // orientation(facet..., outside) > 0 then needs one more swap when odd.
            if (dimension - g) % 2 == 1 { vs.swapAt(0, 1) }
            return vs
        }
    }
}
