// Choosing children: python's `_ask_and_tell_based_on_*` of `balancing_learner.py`.

extension BalancingLearner {
    /// The next `n` points, each from the child the strategy picks, with the child's
    /// loss improvement. Without `tellPending` neither the children nor the caches
    /// change (children are saved and restored; see the type's notes).
    @_specialize(where Child == Learner1D)
    public func ask(_ n: Int, tellPending: Bool = true) throws -> (points: [ChildPoint], lossImprovements: [Double]) {
        guard n >= 0 else { throw AdaptiveError("BalancingLearner: ask(n) needs n >= 0, got \(n)") }
        if n == 0 { return ([], []) }
        return try state.withLock { state in
            if tellPending || n == 1 && state.strategy == .lossImprovements {
                return try askAndTellPending(n, tellPending: tellPending, &state)
            }
            var restores: [@Sendable () -> Void] = []
            for (i, saver) in stateSavers.enumerated() {
                guard let saver else {
                    throw AdaptiveError(
                        "BalancingLearner: ask(\(n), tellPending: false) needs children that can save their state; child \(i) cannot")
                }
                restores.append(saver())
            }
            let savedState = state
            defer {
                for restore in restores { restore() }
                state = savedState
            }
            return try askAndTellPending(n, tellPending: true, &state)
        }
    }

    /// Picks `n` children one after the other, marking each point pending (unless
    /// `tellPending` is false, which only the one-point loss-improvement pick allows).
    func askAndTellPending(
        _ n: Int, tellPending: Bool, _ state: inout State
    ) throws -> (points: [ChildPoint], lossImprovements: [Double]) {
        var points: [ChildPoint] = [], improvements: [Double] = []
        points.reserveCapacity(n)
        improvements.reserveCapacity(n)
        for i in learners.indices where state.totals[i] < 0 { _ = totalPoints(i, &state) }
        // python's local `total_points`, +1 per pick (a copy only when n > 1).
        var picks = n > 1 ? state.totals : []
        func total(_ i: Int, _ state: State) -> Int { n > 1 ? picks[i] : state.totals[i] }
        for _ in 0..<n {
            let index: Int
            let picked: (point: Child.Point, improvement: Double)
            switch state.strategy {
            case .lossImprovements:
                var best = -1
                var bestImprovement = 0.0
                for i in learners.indices {
                    let improvement = try cachedAsk(i, pending: false, &state).improvement
                    if best < 0 || Self.isGreater(improvement, -total(i, state), than: bestImprovement, -total(best, state)) {
                        best = i
                        bestImprovement = improvement
                    }
                }
                index = best
                picked = state.askCache[best]!
            case .loss:
                var best = -1
                var bestLoss = 0.0
                for i in learners.indices {
                    let loss = childLoss(i, real: false, &state)
                    if best < 0 || Self.isGreater(loss, -total(i, state), than: bestLoss, -total(best, state)) {
                        best = i
                        bestLoss = loss
                    }
                }
                index = best
                picked = try cachedAsk(best, pending: true, &state)
            case .npoints:
                index = learners.indices.min { total($0, state) < total($1, state) }!
                picked = try cachedAsk(index, pending: true, &state)
            case .cycle:
                index = state.cycleNext
                state.cycleNext = (state.cycleNext + 1) % learners.count
                let (childPoints, childImprovements) = try learners[index].ask(1, tellPending: true)
                guard let point = childPoints.first else {
                    throw AdaptiveError("BalancingLearner: child \(index) proposed no point")
                }
                picked = (point, childImprovements[0])
            }
            if n > 1 { picks[index] += 1 }
            let point = ChildPoint(child: index, point: picked.point)
            points.append(point)
            improvements.append(picked.improvement)
            if tellPending { try self.tellPending(point, &state) }
        }
        return (points, improvements)
    }

    /// The child's next point from the cache, or asked now (with `pending`: marked
    /// pending by the child's own `ask`, as python's `ask(n=1)`).
    func cachedAsk(_ i: Int, pending: Bool, _ state: inout State) throws -> (point: Child.Point, improvement: Double) {
        if let cached = state.askCache[i] { return cached }
        if Self.childrenAreLearner1D {   // decided at compile time in the Learner1D specialization
            guard let (x, improvement) = unsafeDowncast(learners[i], to: Learner1D.self).askOne(tellPending: pending) else {
                throw AdaptiveError("BalancingLearner: child \(i) proposed no point")
            }
            let picked = (point: x as! Child.Point, improvement: improvement)
            state.askCache[i] = picked
            return picked
        }
        let (points, improvements) = try learners[i].ask(1, tellPending: pending)
        guard let point = points.first else {
            throw AdaptiveError("BalancingLearner: child \(i) proposed no point")
        }
        state.askCache[i] = (point, improvements[0])
        return (point, improvements[0])
    }

    /// Whether the children are `Learner1D`s, whose single-point ask needs no arrays.
    static var childrenAreLearner1D: Bool { Child.self == Learner1D.self }

    /// python's tuple comparison `(a, b) > (c, d)`: the first elements decide unless
    /// they are equal (NaN is never equal, so it decides, and is never greater).
    @inline(__always)
    static func isGreater(_ a: Double, _ b: Int, than c: Double, _ d: Int) -> Bool {
        a != c ? a > c : b > d
    }
}
