/// What a ``BalancingLearner`` of `Learner1D`s asks each child on every pick, without
/// arrays and with one lock: python's `child.ask(1, tell_pending=False)` and
/// `child.npoints + len(child.pending_points)`.
extension Learner1D {
    /// The evaluated and the pending points, counted under one lock.
    var pointCounts: (npoints: Int, pending: Int) { core.withLock { ($0.realCount, $0.pendingCount) } }

    /// The point `ask(1, tellPending:)` returns and its loss improvement; nil when it
    /// returns none. Also the ``Learner`` protocol's `askOne`, so `runSimple` uses it.
    public func askOne(tellPending: Bool = true) -> (point: Double, lossImprovement: Double)? {
        core.withLock { core in
            let picked: (Double, Double)?
            if !core.lowerMissing && !core.upperMissing && !core.combinedIndex.isEmpty, let top = core.topCombined() {
                // askPoints(1)'s own shortcut: bisect the top combined interval.
                let i = Int(top.node)
                let step = (core.x(core.nodes[i].next) - top.left) / 2
                picked = (top.left + step, core.nodes[i].combinedLoss / 2)
            } else {
                let (points, improvements) = core.askPoints(1)
                picked = points.first.map { ($0, improvements[0]) }
            }
            if tellPending, let (x, _) = picked { core.addPending(x) }
            return picked
        }
    }
}
