// `ask` (spec §4.3): resample an undersampled x, else add a new x while there are
// fewer than two, else resample the x with the largest rescaled error if it exceeds
// delta, else add a new x (Learner1D's next point).

extension AverageLearner1D.Core {
    typealias Point = AverageLearner1D.Point

    mutating func ask(_ n: Int) -> (points: [Point], lossImprovements: [Double]) {
        if n == 0 { return ([], []) }
        if let x = undersampled.first { return moreSamples(x, n) }
        if base.realCount <= 1 { return newPoint(n) }
        if let top = rescaled.first(), top.value > settings.delta { return moreSamples(top.x, n) }
        return newPoint(n)
    }

    /// `_ask_for_more_samples(x, n)`: n seeds at x from its number of samples on
    /// (skipping pending ones), each with `(L − L·√k/√(k + n)) / n`, where L is the
    /// mean loss of the two combined intervals at x and k its number of samples.
    mutating func moreSamples(_ x: Double, _ n: Int) -> (points: [Point], lossImprovements: [Double]) {
        let slot = slotOf[x]!
        let existing = slots[slot].count
        var points: [Point] = []
        points.reserveCapacity(n)
        var seed = existing
        while points.count < n {
            let point = Point(seed: seed, x: x)
            if !slots[slot].seedSet.contains(seed) && !pending.contains(point) { points.append(point) }
            seed += 1
        }
        let (left, right) = base.combinedLosses(around: x)
        let loss = (left + right) / 2
        let improvement = loss.isInfinite
            ? Double.infinity
            : loss - loss * Double(existing).squareRoot() / Double(existing + n).squareRoot()
        return (points, Array(repeating: improvement / Double(n), count: n))
    }

    /// `_ask_for_new_point(n)`: Learner1D's next point, n times with the seeds 0 … n−1,
    /// each with its loss improvement / n.
    mutating func newPoint(_ n: Int) -> (points: [Point], lossImprovements: [Double]) {
        let (xs, improvements) = base.askPoints(1)
        guard let x = xs.first else { return ([], []) }
        // An interval below machine precision can be "split" at its end: sample that x again.
        if slotOf[x] != nil { return moreSamples(x, n) }
        let points = (0..<n).map { Point(seed: $0, x: x) }
        return (points, Array(repeating: improvements[0] / Double(n), count: n))
    }
}

extension AverageLearner1D {
    /// The means, sorted by x (python's `data`, `to_numpy(mean=True)`).
    public var data: [(x: Double, mean: Double)] {
        core.withLock { core in
            let samples = core.base.samples
            return Array(zip(samples.xs, samples.values)).map { (x: $0.0, mean: $0.1) }
        }
    }

    /// Every sample, sorted by x then seed (python's `to_numpy(mean=False)` rows).
    public var samples: [(seed: Int, x: Double, y: Double)] {
        core.withLock { core in
            var rows: [(seed: Int, x: Double, y: Double)] = []
            rows.reserveCapacity(core.nsamples)
            for x in core.base.samples.xs {
                let p = core.slots[core.slotOf[x]!]
                for i in p.seeds.indices.sorted(by: { p.seeds[$0] < p.seeds[$1] }) {
                    rows.append((p.seeds[i], x, p.values[i]))
                }
            }
            return rows
        }
    }

    /// Per x, sorted by x: the number of samples, the error of the mean (+inf with one
    /// sample) and the rescaled error (nil once x is not resampled any more).
    public var statistics: [(x: Double, count: Int, error: Double, rescaledError: Double?)] {
        core.withLock { core in
            let rescaled = core.rescaled.values
            return core.base.samples.xs.map { x in
                let p = core.slots[core.slotOf[x]!]
                return (x, p.count, p.error, rescaled[x])
            }
        }
    }

    /// The pending points, sorted by x then seed.
    public var pendingPoints: [Point] {
        core.withLock { $0.pending.sorted { ($0.x, $0.seed) < ($1.x, $1.seed) } }
    }

    /// The x's still getting their first samples (python's `_undersampled_points`).
    public var undersampledPoints: [Double] { core.withLock { $0.undersampled } }

    /// The intervals between consecutive x's (or, with `real: false`, x's and pending
    /// x's) and their stored losses, sorted by x.
    public func intervals(real: Bool = true) -> [Learner1D.IntervalLoss] {
        core.withLock { $0.base.intervals(real: real) }
    }
}
