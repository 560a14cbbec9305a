extension LearnerND {
    /// python-adaptive's `_get_iso`: where the piecewise-linear model crosses `level`. In
    /// every simplex the crossing points are interpolated linearly along the edges whose
    /// end values enclose the level (`min < level <= max`); in 3-D they make one triangle
    /// or a quadrilateral (two triangles), in 2-D a segment. Points are shared between
    /// the simplices of an edge. Scalar outputs (component `component` of vector ones).
    /// Throws unless the learner is 2- or 3-dimensional or when `level` is outside the
    /// range of the values (as python).
    public func isoSurface(level: Double, component: Int = 0) throws -> (points: [[Double]], cells: [[Int]]) {
        let (points, values, simplices) = snapshot
        guard dimension == 2 || dimension == 3 else {
            throw AdaptiveError("LearnerND: iso-surfaces need 2 or 3 dimensions, got \(dimension)")
        }
        let v = values.map { component < $0.count ? $0[component] : .nan }
        let finite = v.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max(), low <= level, level <= high else {
            throw AdaptiveError("LearnerND: the level \(AdaptiveError.format(level)) is outside the range of the values")
        }
        var crossing: [[Double]] = []
        var onEdge: [Int: Int] = [:]  // edge (a, b), a < b, packed -> index in crossing
        func point(_ a: Int, _ b: Int) -> Int {
            let key = a * points.count + b
            if let i = onEdge[key] { return i }
            let da = abs(v[a] - level), db = abs(v[b] - level), dab = da + db
            crossing.append(zip(points[a], points[b]).map { db / dab * $0 + da / dab * $1 })
            onEdge[key] = crossing.count - 1
            return crossing.count - 1
        }
        var cells: [[Int]] = []
        for s in simplices {
            var corners: [Int] = []
            for i in 0..<s.count {
                for j in (i + 1)..<s.count {
                    let (a, b) = (s[i], s[j])
                    guard v[a].isFinite, v[b].isFinite, min(v[a], v[b]) < level, level <= max(v[a], v[b]) else { continue }
                    let p = point(a, b)
                    // A crossing at a vertex is shared by its edges: keep it once.
                    if !corners.contains(where: { zip(crossing[$0], crossing[p]).allSatisfy { abs($0 - $1) <= 1e-12 } }) {
                        corners.append(p)
                    }
                }
            }
            if dimension == 2, corners.count == 2 { cells.append(corners) }
            if dimension == 3, corners.count >= 3 { cells.append(Array(corners.prefix(3))) }
            if dimension == 3, corners.count == 4 { cells.append(Array(corners.suffix(3))) }
        }
        return (crossing, cells)
    }
}
