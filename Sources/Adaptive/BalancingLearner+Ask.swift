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
        // Children that are done, or proposed no point during this call, get no more picks
        // (python would fail on them).
        var exhausted: [Bool] = []
        func eligible(_ i: Int) -> Bool { !(exhausted.isEmpty ? false : exhausted[i]) && learners[i].isDone != true }
        func exhaust(_ i: Int) {
            if exhausted.isEmpty { exhausted = Array(repeating: false, count: learners.count) }
            exhausted[i] = true
        }
        picking: for _ in 0..<n {
            var index = -1
            var picked: (point: Child.Point, improvement: Double)? = nil
            switch state.strategy {
            case .lossImprovements:
                var bestImprovement = 0.0
                for i in learners.indices where eligible(i) {
                    guard let improvement = try cachedAsk(i, pending: false, &state)?.improvement else {
                        exhaust(i)
                        continue
                    }
                    if index < 0 || Self.isGreater(improvement, -total(i, state), than: bestImprovement, -total(index, state)) {
                        index = i
                        bestImprovement = improvement
                    }
                }
                if index >= 0 { picked = state.askCache[index]! }
            case .loss, .npoints:
                while picked == nil {
                    index = -1
                    var bestLoss = 0.0
                    for i in learners.indices where eligible(i) {
                        if state.strategy == .npoints {
                            if index < 0 || total(i, state) < total(index, state) { index = i }
                            continue
                        }
                        let loss = childLoss(i, real: false, &state)
                        if index < 0 || Self.isGreater(loss, -total(i, state), than: bestLoss, -total(index, state)) {
                            index = i
                            bestLoss = loss
                        }
                    }
                    guard index >= 0 else { break }
                    picked = try cachedAsk(index, pending: true, &state)
                    if picked == nil { exhaust(index) }
                }
            case .cycle:
                for _ in learners.indices where picked == nil {
                    index = state.cycleNext
                    state.cycleNext = (state.cycleNext + 1) % learners.count
                    guard eligible(index) else { continue }
                    let (childPoints, childImprovements) = try learners[index].ask(1, tellPending: true)
                    if let point = childPoints.first { picked = (point, childImprovements[0]) } else { exhaust(index) }
                }
            }
            guard let picked else { break picking }   // every child is done
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
    /// nil when the child proposes no point.
    func cachedAsk(_ i: Int, pending: Bool, _ state: inout State) throws -> (point: Child.Point, improvement: Double)? {
        if let cached = state.askCache[i] { return cached }
        if Self.childrenAreLearner1D {   // decided at compile time in the Learner1D specialization
            guard let (x, improvement) = unsafeDowncast(learners[i], to: Learner1D.self).askOne(tellPending: pending) else {
                return nil
            }
            let picked = (point: x as! Child.Point, improvement: improvement)
            state.askCache[i] = picked
            return picked
        }
        let (points, improvements) = try learners[i].ask(1, tellPending: pending)
        guard let point = points.first else { return nil }
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
