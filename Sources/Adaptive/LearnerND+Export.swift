extension LearnerND {
    /// The piecewise-linear model at `point` (raw coordinates): barycentric interpolation
    /// in the learner's own triangulation; nil outside the hull of the evaluated points.
    public func interpolate(_ point: [Double]) -> [Double]? {
        core.withLock { c in
            var hint: Int?
            return c.interpolate(point, hint: &hint)
        }
    }

    /// The model at many points at once (one lock, walks started where the previous
    /// point was found: fast for points in scan order). Rows are nil outside the hull.
    public func interpolate(_ points: [[Double]]) -> [[Double]?] {
        core.withLock { c in
            var hint: Int?
            return points.map { c.interpolate($0, hint: &hint) }
        }
    }

    /// The hull of the evaluated points as triangles (d = 3 only): vertex indices into
    /// ``data``, counter-clockwise seen from outside. Empty before a first simplex.
    public var hullTriangles: [[Int]] { hullSnapshot.triangles }

    /// ``hullTriangles`` with the points and values they index, read together (a runner
    /// may add points in between two separate reads).
    public var hullSnapshot: (points: [[Double]], values: [[Double]], triangles: [[Int]]) {
        core.withLock { c in
            (c.points, c.points.indices.map { c.value(of: $0) },
             c.d == 3 && c.tri.isTriangulated ? c.tri.orientedHullFacets : [])
        }
    }

    /// The evaluated points, their values and the simplices over them, read together.
    public var snapshot: (points: [[Double]], values: [[Double]], simplices: [[Int]]) {
        core.withLock { c in
            (c.points, c.points.indices.map { c.value(of: $0) }, c.tri.simplexIDs.map { c.tri.vertices(of: $0).sorted() })
        }
    }

    /// The volumes of the simplices in scaled coordinates (each axis divided by its width).
    public var scaledSimplexVolumes: [Double] {
        core.withLock { c in
            c.tri.simplexIDs.map { s in
                SimplexGeometry.volumeFromFirst(c.tri.vertices(of: s).sorted().flatMap { c.tri.point($0) }, c.d)
            }
        }
    }

    /// The sum of the simplex volumes (raw coordinates): the domain's volume once the
    /// corners are in.
    public var triangulatedVolume: Double {
        core.withLock { c in
            c.tri.simplexIDs.reduce(0) { sum, s in
                sum + SimplexGeometry.volumeFromFirst(c.tri.vertices(of: s).sorted().flatMap { c.points[$0] }, c.d)
            }
        }
    }

    /// Checks of the triangulation (Delaunay, neighbours, orientation) and of the
    /// learner's bookkeeping; the problems found, empty when all is well. For tests.
    public func validate() -> [String] {
        core.withLock { c in
            var problems = c.tri.validate()
            if c.tri.vertexCount != c.points.count { problems.append("vertex count \(c.tri.vertexCount) != \(c.points.count) points") }
            for s in c.subtriangulations.keys where !c.tri.isSimplex(s) { problems.append("sub-triangulation of dead slot \(s)") }
            return problems
        }
    }
}

extension LearnerND.Core {
    func interpolate(_ p: [Double], hint: inout Int?) -> [Double]? {
        guard p.count == d, let vdim, tri.isTriangulated,
            let (s, weights) = tri.barycentricWeights(scaled(p), hint: hint)
        else { return nil }
        hint = s
        var result = [Double](repeating: 0, count: vdim)
        for (v, w) in zip(tri.vertices(of: s), weights) {
            for k in 0..<vdim { result[k] += w * values[v * vdim + k] }
        }
        return result
    }
}

extension LearnerND: PendingCounting, StateRestoring {
    public var pendingCount: Int { core.withLock { $0.pending.count } }

    func saveState() -> @Sendable () -> Void {
        let saved = UncheckedBox(core.withLock { $0 })
        return { [self] in core.withLock { $0 = saved.value } }
    }
}
