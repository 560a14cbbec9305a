/// The combined mesh: the evaluated points plus the pending ones, which python-adaptive
/// rebuilds (Qhull) at every refill of the stack while points are pending. Here it is
/// built once, as a copy of the evaluated points' mesh with the pending points inserted,
/// and then kept up to date point by point: a new pending point is inserted with its
/// value interpolated from the evaluated points, a told point replaces its interpolated
/// value or is inserted. It is rebuilt (O(n)) only after pending points are dropped
/// (`removeUnfinished`, `ask` without `tellPending`) and while the corners are not all
/// evaluated (pending points have value 0 then, as in python, until the rebuild that
/// follows the last corner).
extension Learner2D.Core {
    /// Makes sure `combined` exists and its losses are current.
    mutating func prepareCombined() throws {
        if combined == nil { try buildCombined() }
        combined!.refresh()
        try rethrowLossError(&combined!)
    }

    mutating func buildCombined() throws {
        let done = boundsAreDone
        if done { real.refresh() }
        var mesh = real
        combinedVertex = Array(0..<rawPoints.count)
        combinedToReal = Array(0..<rawPoints.count)
        pendingVertex = [:]
        let zeros = [Double](repeating: 0, count: mesh.vdim)
        for p in pending {
            var ipHint = hints[p].map { real.tri.vertexSlot[$0] }
            let value = done ? (interpolate(p, hint: &ipHint) ?? zeros) : zeros
            pendingVertex[p] = try mesh.insert(scaled(p), value, hint: hints[p].map { mesh.tri.vertexSlot[$0] })
            combinedToReal.append(-1)
        }
        guard mesh.tri.isTriangulated else { throw tooFewPoints() }
        combined = mesh
    }

    /// Inserts a new pending point into `combined`, if it exists.
    mutating func addPendingToCombined(_ p: SIMD2<Double>) {
        guard combined != nil else { return }
        guard boundsAreDone else { combined = nil; return }
        let d = combined!.vdim
        var ipHint = hints[p].map { real.tri.vertexSlot[$0] }
        let value = interpolate(p, hint: &ipHint) ?? [Double](repeating: 0, count: d)
        let hint = hints[p].map { combined!.tri.vertexSlot[combinedVertex[$0]] }
        do {
            pendingVertex[p] = try combined!.insert(scaled(p), value, hint: hint)
            combinedToReal.append(-1)
        } catch {
            combined = nil   // rebuilt when needed
        }
    }

    /// Tells `combined` the value of an evaluated point: `existing` is its index if it
    /// was evaluated before; `hint` a vertex of `real` near it.
    mutating func tellCombined(_ p: SIMD2<Double>, _ value: [Double], existing: Int?, hint: Int? = nil) throws {
        guard combined != nil else { return }
        if let i = existing {
            combined!.setValue(combinedVertex[i], value)
        } else if let v = pendingVertex.removeValue(forKey: p) {
            combined!.setValue(v, value)
            combinedToReal[v] = rawPoints.count - 1
            combinedVertex.append(v)
        } else {
            let slot = hint.map { combined!.tri.vertexSlot[combinedVertex[$0]] }
            let v = try combined!.insert(scaled(p), value, hint: slot)
            combinedToReal.append(rawPoints.count - 1)
            combinedVertex.append(v)
        }
    }
}
