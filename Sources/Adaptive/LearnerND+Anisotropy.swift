// python's `anisotropic=True`: points are chosen in simplices stretched along the local
// gradient (`get_local_transform_matrix` and `choose_point_in_simplex` with a transform).

extension LearnerND {
    /// The stretch `A = I + f·ĝĝᵀ` along the unit gradient ĝ, with `f = √(|g|² + 1) − 1`:
    /// a simplex lying across a steep slope looks long along it, as on the graph of f.
    ///
    /// python maps a simplex's vertices by `v @ T` with `T = (A·S)ᵀ` (S the per-axis
    /// scaling), that is A applied to the scaled vertices, and decides there between
    /// centroid and longest edge. The map is linear, so the point is the same centroid
    /// or midpoint of the vertices themselves, and is taken there, exactly (see
    /// `askBestPoint`). python maps its point back, with rounding that leaves points
    /// 1e-17 beside edges and faces (its triangulation's tolerance hides that, an exact
    /// one would make slivers); with unequal widths its map back, `solve(T, q) =
    /// A⁻¹(q / scale)`, is not even the inverse, and its learner stops with "Point lies
    /// outside of the specified simplex".
    struct Stretch {
        var direction: [Double]
        var factor: Double

        /// The `d + 1` vertices `v` (d coordinates each, scaled), stretched.
        func apply(toVertices v: [Double], _ d: Int) -> [Double] {
            var stretched: [Double] = []
            stretched.reserveCapacity(v.count)
            for i in 0...d {
                let vertex = v[(i * d)..<((i + 1) * d)]
                let t = factor * zip(direction, vertex).reduce(0) { $0 + $1.0 * $1.1 }
                stretched += zip(vertex, direction).map { $0 + t * $1 }
            }
            return stretched
        }
    }
}

extension LearnerND.Core {
    /// python's `get_local_transform_matrix(simplex)` as a stretch: the gradient of the
    /// least-squares plane through the values at the vertices of every simplex touching
    /// `ids` (scaled coordinates, raw values; non-finite values left out). Nil without a
    /// noticeable gradient (|g| <= 1e-8, numpy's `isclose(|g|, 0)`) or enough points:
    /// the plain scaling then. Throws for vector outputs, as python does.
    func localStretch(around ids: [Int]) throws -> LearnerND.Stretch? {
        if let vdim, vdim > 1 {
            throw AdaptiveError("LearnerND: anisotropic = true works only for a function with one output, this one has \(vdim)")
        }
        var vertices = Set(ids)
        for v in ids { vertices.formUnion(tri.neighbors(of: v)) }
        var xs: [[Double]] = [], ys: [Double] = []
        for v in vertices.sorted() where values[v].isFinite {
            xs.append(Array(tri.coordinates[(v * d)..<((v + 1) * d)]))
            ys.append(values[v])
        }
        guard xs.count > d else { return nil }
        // The plane's slope from the centred normal equations: the least-squares fit
        // with its constant term, conditioned as well as the points allow.
        let n = Double(xs.count)
        let xMean = (0..<d).map { k in xs.reduce(0) { $0 + $1[k] } / n }
        let yMean = ys.reduce(0, +) / n
        var normal = [Double](repeating: 0, count: d * d), rhs = [Double](repeating: 0, count: d)
        for (x, y) in zip(xs, ys) {
            for i in 0..<d {
                let xi = x[i] - xMean[i]
                rhs[i] += xi * (y - yMean)
                for j in 0..<d { normal[i * d + j] += xi * (x[j] - xMean[j]) }
            }
        }
        guard let gradient = SimplexGeometry.solve(normal, rhs, d), gradient.allSatisfy(\.isFinite) else { return nil }
        let magnitude = gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard magnitude > 1e-8 else { return nil }
        return LearnerND.Stretch(
            direction: gradient.map { $0 / magnitude }, factor: (magnitude * magnitude + 1).squareRoot() - 1)
    }
}
