import Collections

extension Learner2D.Core {
    /// python-adaptive's `ask` (spec §2.6): the stack first, then refills.
    mutating func ask(_ n: Int, tellPending: Bool) throws -> (points: [SIMD2<Double>], lossImprovements: [Double]) {
        var points = Array(stack.keys)
        var losses = Array(stack.values)
        var left = n - points.count
        for p in points.prefix(n) { markPending(p) }
        while left > 0 {
            let (newPoints, newLosses) = try fillStack(max(left, stackSize))
            if newPoints.isEmpty { break }
            for p in newPoints.prefix(left) { markPending(p) }
            left -= newPoints.count
            points += newPoints
            losses += newLosses
        }
        if !tellPending {
            combined = nil
            stack = [:]
            for (p, l) in zip(points, losses).prefix(stackSize) where stack[p] == nil { stack[p] = l }
            for p in points.prefix(n) { pending.remove(p) }
        }
        return (Array(points.prefix(n)), Array(losses.prefix(n)))
    }

    mutating func markPending(_ p: SIMD2<Double>) {
        stack.removeValue(forKey: p)
        if index[p] == nil && pending.append(p).inserted { addPendingToCombined(p) }
    }

    /// Adds candidates to the stack until it holds `target` points, from one snapshot of
    /// the triangulation of the evaluated and pending points, in decreasing triangle
    /// loss. Returns the candidates added.
    mutating func fillStack(_ target: Int) throws -> ([SIMD2<Double>], [Double]) {
        let wanted = target - stack.count
        guard wanted > 0 else { return ([], []) }
        if pending.isEmpty {
            guard real.tri.isTriangulated else { throw tooFewPoints() }
            real.refresh()
            try rethrowLossError(&real)
            // Moved out (not copied) while the stack is filled, so the queue is not duplicated.
            var mesh = Learner2D.Mesh(loss: loss, vdim: 1)
            swap(&mesh, &real)
            defer { swap(&mesh, &real) }
            return addCandidates(from: &mesh, target: target, count: 2 * wanted + 4) { $0 }
        }
        try prepareCombined()
        var mesh = combined!
        combined = nil   // moved out, as above
        defer { combined = mesh }
        let toReal = combinedToReal
        return addCandidates(from: &mesh, target: target, count: 2 * wanted + 4) { toReal[$0] }
    }

    /// Adds the points chosen in the `count` worst triangles of `mesh` to the stack,
    /// skipping known ones, until the stack holds `target` points. `realVertex` maps a
    /// vertex of `mesh` to the evaluated point's index (negative for a pending point).
    mutating func addCandidates(
        from mesh: inout Learner2D.Mesh, target: Int, count: Int, realVertex: (Int) -> Int
    ) -> ([SIMD2<Double>], [Double]) {
        var newPoints: [SIMD2<Double>] = []
        var newLosses: [Double] = []
        for (t, loss) in mesh.top(count) {
            let (a, b, c) = mesh.tri.vertices(of: t)
            let q = choosePoint(mesh.tri.points[a], mesh.tri.points[b], mesh.tri.points[c])
            var p = unscaled(q)
            p.x = max(bounds.x.lower, min(bounds.x.upper, p.x))
            p.y = max(bounds.y.lower, min(bounds.y.upper, p.y))
            if stack[p] != nil || index[p] != nil || pending.contains(p) { continue }
            stack[p] = loss
            // A vertex of the triangle: its triangles stay near p, so the insertion's
            // walk starts there.
            if let v = [a, b, c].lazy.map(realVertex).first(where: { $0 >= 0 }) { hints[p] = v }
            newPoints.append(p)
            newLosses.append(loss)
            if stack.count >= target { break }
        }
        return (newPoints, newLosses)
    }

    func tooFewPoints() -> AdaptiveError {
        AdaptiveError("Learner2D: too few points to triangulate (need 3 evaluated or pending points, not on one line)")
    }

    /// python-adaptive's `choose_point_in_triangle` with `max_badness = 5`, in scaled
    /// coordinates: the midpoint of the longest edge of a thin triangle, else the centroid.
    func choosePoint(_ t0: SIMD2<Double>, _ t1: SIMD2<Double>, _ t2: SIMD2<Double>) -> SIMD2<Double> {
        let area = abs(0.5 * ((t1.x - t0.x) * (t2.y - t0.y) - (t1.y - t0.y) * (t2.x - t0.x)))
        let vertices = [t0, t1, t2]
        var longest = 0
        var lengths = [Double](repeating: 0, count: 3)
        for i in 0..<3 {
            let d = vertices[i] - vertices[(i + 2) % 3]
            lengths[i] = (d.x * d.x + d.y * d.y).squareRoot()
            if lengths[i] > lengths[longest] { longest = i }
        }
        let badness = (lengths[longest] * lengths[longest] / area) * (3.0.squareRoot() / 4)
        if badness > 5 {
            return (vertices[(longest + 2) % 3] + vertices[longest]) / 2
        }
        return (t0 + t1 + t2) / 3
    }
}
