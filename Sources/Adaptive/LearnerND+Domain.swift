extension LearnerND {
    /// Where a `LearnerND` samples: a box (one interval per axis) or the convex hull of
    /// some points.
    public enum Bounds: Sendable, Equatable {
        /// One `(lower, upper)` interval per axis, lower < upper.
        case box([(lower: Double, upper: Double)])
        /// The convex hull of these points (at least d + 1, spanning d dimensions).
        case hull([[Double]])

        public static func == (a: Bounds, b: Bounds) -> Bool {
            switch (a, b) {
            case (.box(let x), .box(let y)): x.elementsEqual(y) { $0 == $1 }
            case (.hull(let x), .hull(let y)): x == y
            default: false
            }
        }
    }

    /// The validated domain: its corner (or hull) points in python's order, its bounding
    /// box and the scale factors.
    struct Domain: Sendable {
        let dimension: Int
        /// Per axis (lower, upper): the box, or the hull's bounding box.
        let bbox: [(lower: Double, upper: Double)]
        /// Box corners or hull vertices, sorted lexicographically (python's `_bounds_points`).
        let boundsPoints: [[Double]]
        /// `1 / width` per axis: python's `_transform` (a diagonal matrix).
        let scale: [Double]
        /// The hull's triangulation, for inside tests (nil for a box).
        let interior: TriangulationND?

        init(_ bounds: Bounds) throws {
            let f = AdaptiveError.format
            switch bounds {
            case .box(let box):
                guard box.count >= 2 else {
                    throw AdaptiveError("LearnerND: bounds need at least 2 axes (use Learner1D for 1), got \(box.count)")
                }
                for (i, b) in box.enumerated() where !(b.lower.isFinite && b.upper.isFinite && b.lower < b.upper) {
                    throw AdaptiveError("LearnerND: bounds of axis \(i + 1) must be finite {a, b} with a < b, got {\(f(b.lower)), \(f(b.upper))}")
                }
                dimension = box.count
                bbox = box
                var corners: [[Double]] = [[]]
                for b in box { corners = corners.flatMap { [$0 + [b.lower], $0 + [b.upper]] } }
                boundsPoints = corners.sorted { $0.lexicographicallyPrecedes($1) }
                interior = nil
            case .hull(let points):
                guard let d = points.first?.count, d >= 2 else {
                    throw AdaptiveError("LearnerND: a hull needs points of at least 2 coordinates")
                }
                guard points.allSatisfy({ $0.count == d && $0.allSatisfy(\.isFinite) }) else {
                    throw AdaptiveError("LearnerND: hull points must all have \(d) finite coordinates")
                }
                let vertices = try Self.extremePoints(points, d)
                dimension = d
                let sorted = vertices.sorted { $0.lexicographicallyPrecedes($1) }
                boundsPoints = sorted
                bbox = (0..<d).map { k in (sorted.map { $0[k] }.min()!, sorted.map { $0[k] }.max()!) }
                interior = try TriangulationND(sorted)
            }
            guard dimension < VertexTuple.capacity else {
                throw AdaptiveError("LearnerND: at most \(VertexTuple.capacity - 1) dimensions, got \(dimension)")
            }
            scale = bbox.map { 1 / ($0.upper - $0.lower) }
        }

        /// The vertices of the convex hull of `points` (no point inside a facet or edge).
        static func extremePoints(_ points: [[Double]], _ d: Int) throws -> [[Double]] {
            var unique: [[Double]] = []
            var seen = Set<[Double]>()
            for p in points where seen.insert(p).inserted { unique.append(p) }
            guard unique.count >= d + 1, let all = try? TriangulationND(unique) else {
                throw AdaptiveError("LearnerND: a hull needs at least \(d + 1) points spanning \(d) dimensions, got \(unique.count) distinct points")
            }
            let onHull = all.hull.sorted().map { all.point($0) }
            // A hull vertex is extreme unless it lies in the hull of the others.
            return onHull.enumerated().filter { i, p in
                let others = onHull.enumerated().filter { $0.offset != i }.map(\.element)
                guard let tri = try? TriangulationND(others) else { return true }
                return tri.simplex(containing: p) == nil
            }.map(\.element)
        }

        /// python's `inside_bounds`: in the box up to 1e-8, or in the hull up to 1e-8
        /// (relative to the bounding box).
        func contains(_ p: [Double]) -> Bool {
            guard p.count == dimension, p.allSatisfy(\.isFinite) else { return false }
            guard let interior else {
                return zip(p, bbox).allSatisfy { x, b in b.lower - 1e-8 <= x && x <= b.upper + 1e-8 }
            }
            if interior.simplex(containing: p) != nil { return true }
            // Slightly outside (round-off): within 1e-8 of a simplex's barycentric range.
            return interior.simplexIDs.contains { s in
                let v = interior.vertices(of: s).flatMap { interior.point($0) }
                let scaled = (0..<dimension).map { (p[$0] - bbox[$0].lower) * scale[$0] }
                let w = (0..<(dimension + 1) * dimension).map { i in
                    (v[i] - bbox[i % dimension].lower) * scale[i % dimension]
                }
                return SimplexGeometry.contains(w, dimension, scaled)
            }
        }

        /// The corners' or hull's volume.
        var volume: Double {
            if let interior { return interior.totalVolume }
            return bbox.reduce(1) { $0 * ($1.upper - $1.lower) }
        }
    }
}
