// Counting the children's points: `npoints` and python's `npoints + len(pending_points)`.

extension BalancingLearner {
    /// The sum of the children's evaluated points (each child's count is cached until
    /// it is told something through this learner).
    public var npoints: Int {
        @_specialize(where Child == Learner1D) get {
            state.withLock { state in
                var total = 0
                for i in learners.indices {
                    if state.counts[i] < 0 { refreshCounts(i, &state) }
                    total += state.counts[i]
                }
                return total
            }
        }
    }

    /// Forgets every cache: for children changed directly (their data loaded, a value
    /// told to one of them) rather than through this learner.
    public func forgetCaches() {
        state.withLock { state in
            for i in learners.indices {
                state.askCache[i] = nil
                state.realLoss[i] = nil
                state.pendingLoss[i] = nil
                state.totals[i] = -1
                state.counts[i] = -1
            }
        }
    }

    /// python's `npoints + len(pending_points)` of child i, cached until the child is
    /// told something through this learner.
    func totalPoints(_ i: Int, _ state: inout State) -> Int {
        if state.totals[i] < 0 { refreshCounts(i, &state) }
        return state.totals[i]
    }

    /// Reads child i's evaluated and pending points (one lock for `Learner1D`s).
    func refreshCounts(_ i: Int, _ state: inout State) {
        let npoints: Int, pending: Int
        if Self.childrenAreLearner1D {   // decided at compile time in the Learner1D specialization
            (npoints, pending) = unsafeDowncast(learners[i], to: Learner1D.self).pointCounts
        } else {
            npoints = learners[i].npoints
            pending = pendingCounters[i]?() ?? state.trackedPending[i]
        }
        state.counts[i] = npoints
        state.totals[i] = npoints + pending
    }
}
