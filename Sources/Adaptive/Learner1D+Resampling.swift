// What AverageLearner1D adds to the Learner1D state it builds on: the value of an
// evaluated point can change (it is a running mean), python-adaptive's
// `_update_losses_resampling(x, real=True)` and the scale update around it.

extension Learner1D.Core {
    /// The node of the evaluated point `x`, or nil.
    func evaluatedNode(_ x: Double) -> Int32? {
        guard let id = locate(x).node, !nodes[Int(id)].isPending else { return nil }
        return id
    }

    /// Sets the value of the evaluated point `x` (scalar outputs) to `value`, widens the
    /// y-range by `samples` (python's `_update_scale` with each), recomputes the losses
    /// of the intervals around x and, if the y-scale has grown by `recomputeFactor`, all
    /// losses. A custom loss that throws: as in `Learner1D.tell`.
    mutating func resample(_ x: Double, value: Double, samples: [Double]) throws {
        guard let id = evaluatedNode(x) else { return }
        nodes[Int(id)].y = value
        for y in samples { yRange.include(y) }
        updateLossesAfterTell(id)
        if yRange.scale > recomputeFactor * oldScale {
            recomputeAllLosses()
            oldScale = yRange.scale
        }
        try rethrowLossError()
    }

    /// The losses of the combined intervals left and right of the evaluated point `x`
    /// (+inf where there is none): python's `losses_combined.get((xl, x), inf)` and
    /// `losses_combined.get((x, xr), inf)`.
    func combinedLosses(around x: Double) -> (left: Double, right: Double) {
        guard let id = evaluatedNode(x) else { return (.infinity, .infinity) }
        let node = nodes[Int(id)]
        let left = node.prev == Node.none ? Double.infinity : nodes[Int(node.prev)].combinedLoss
        let right = node.next == Node.none ? Double.infinity : node.combinedLoss
        return (left, right)
    }
}
