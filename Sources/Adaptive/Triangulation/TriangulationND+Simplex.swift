extension TriangulationND {
    /// The triangulation of one simplex: `vertices` are d + 1 affinely independent points
    /// (vertex ids in their order). Faster than inserting them one by one.
    /// Pass `orientation` (the sign of ``Predicates/orientation(_:)`` of `vertices`) when
    /// it is known, to skip computing it.
    public init(simplex vertices: [[Double]], orientation known: Int? = nil) throws {
        guard let d = vertices.first?.count, vertices.count == d + 1, vertices.allSatisfy({ $0.count == d }) else {
            throw AdaptiveError("TriangulationND: a simplex needs d + 1 points of d coordinates")
        }
        try self.init(dimension: d)
        let orientation = known ?? Predicates.orientation(vertices)
        guard orientation != 0 else { throw AdaptiveError("TriangulationND: the points do not span \(d) dimensions") }
        coordinates.reserveCapacity(4 * vertices.count * d)
        for v in vertices {
            coordinates += v
            vertexSlot.append(-1)
        }
        var ids = Array(0...d)
        if orientation < 0 { ids.swapAt(0, 1) }
        buildFirstSimplex(ids)
    }
}
