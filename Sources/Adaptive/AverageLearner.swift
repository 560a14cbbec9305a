import Synchronization

/// Learns the mean of a random variable by sampling it with integer seeds 0, 1, 2, …:
/// a port of python-adaptive's `AverageLearner` (spec §4.2).
///
///     let learner = try AverageLearner(rtol: 0.01)
///     try runSimple(learner, goal: Goal([.loss(1)])) { seed in g(seed) }
///     (learner.mean, learner.std, learner.npoints)
///
/// The loss is the standard error of the mean, `std / √n`, relative to `atol` and to
/// `rtol·|mean|` (the larger of the two; the relative part is not divided by the mean
/// when the mean is 0). It is +inf below `minNpoints` points.
///
/// **Same points and losses as python-adaptive**, bit for bit: the running sums, the
/// corrected standard deviation and the loss improvement `(loss − loss(n + k)) / k`
/// use python's formulas in python's order.
///
/// **Thread safety.** All state is behind a lock (a ``YieldingLock``: its critical
/// sections are a few dozen nanoseconds, taken twice per point).
///
/// **Complexity.** O(1) per ask/tell for dense seeds (0, 1, 2, …), kept in pages of
/// 4096 that are never moved, and no allocation: ``askOne(tellPending:)`` returns no
/// arrays, and `ask` refills the arrays it returned last time once the caller has let
/// go of them. The standard deviation and `loss()` are computed once per tell, and
/// `loss()` reads the last one without taking the lock. About 35 ns per askOne + tell +
/// loss() on a 2-core VM (over 100× python-adaptive's own overhead on W5), most of it
/// the chain of divisions of the loss and the two lock operations. Seeds far beyond
/// the number of points told go to a hash table.
///
/// **Deliberate difference:** `loss(real: false)` before any point is evaluated
/// returns +inf (python divides by zero there).
public final class AverageLearner: Sendable {
    /// The absolute tolerance (+inf if not given).
    public let atol: Double
    /// The relative tolerance (+inf if not given).
    public let rtol: Double
    /// At least 2.
    public let minNpoints: Int
    let core: YieldingLock<Core>
    /// `loss()` (the real loss) as published by the last tell: read without the lock.
    let publishedLoss = Atomic<UInt64>(Double.infinity.bitPattern)

    /// A learner stopping when the standard error is below `atol` or `rtol·|mean|`
    /// (at least one must be given, positive).
    public init(atol: Double? = nil, rtol: Double? = nil, minNpoints: Int = 2) throws {
        guard atol != nil || rtol != nil else {
            throw AdaptiveError("AverageLearner: at least one of atol and rtol must be given")
        }
        for (name, value) in [("atol", atol), ("rtol", rtol)] {
            if let value, !(value > 0) {
                throw AdaptiveError("AverageLearner: \(name) must be positive, got \(AdaptiveError.format(value))")
            }
        }
        self.atol = atol ?? .infinity
        self.rtol = rtol ?? .infinity
        self.minNpoints = max(minNpoints, 2)
        core = YieldingLock(Core())
    }

    /// A learner with the same tolerances and no data.
    public func newEmpty() -> AverageLearner {
        try! AverageLearner(atol: atol, rtol: rtol, minNpoints: minNpoints)
    }

    /// The seeds `npoints + pending …` on; if one of them is used already (seeds told
    /// out of order), the first `n` unused seeds. Each has the loss improvement
    /// `(loss() − loss(n: npoints + n)) / n`, +inf while the loss is infinite.
    public func ask(_ n: Int, tellPending: Bool = true) throws -> (points: [Int], lossImprovements: [Double]) {
        guard n >= 0 else { throw AdaptiveError("AverageLearner: ask(n) needs n >= 0, got \(n)") }
        return core.withLock { core in
            let requested = core.npoints + core.pendingCount
            if (requested..<(requested + n)).allSatisfy({ core.status($0) == .unused }) {
                core.setAsked(requested..<(requested + n))
            } else {
                var seeds: [Int] = []
                var seed = 0
                while seeds.count < n && seed < requested + n {
                    if core.status(seed) == .unused { seeds.append(seed) }
                    seed += 1
                }
                core.setAsked(seeds)
            }
            let improvement = n <= 1 ? (n == 0 ? 0 : lossImprovement(core, 1)) : lossImprovement(core, n) / Double(n)
            core.setAskedImprovements(improvement)
            if tellPending {
                for i in core.askedPoints.indices { core.setPending(core.askedPoints[i]) }
            }
            return (core.askedPoints, core.askedImprovements)
        }
    }

    /// `ask(1, tellPending:)` without arrays: the seed `npoints + pending` (or the first
    /// unused one) and its loss improvement `loss() − loss(n: npoints + 1)`.
    public func askOne(tellPending: Bool = true) -> (point: Int, lossImprovement: Double)? {
        core.withLock { core in
            var seed = core.npoints + core.pendingCount
            if core.status(seed) != .unused {
                seed = 0
                while core.status(seed) != .unused { seed += 1 }
            }
            if tellPending { core.setPending(seed) }
            return (seed, lossImprovement(core, 1))
        }
    }

    /// Adds the value for `seed`; a seed told before is ignored. Throws if seed < 0.
    public func tell(_ seed: Int, _ value: Double) throws {
        guard seed >= 0 else { throw AdaptiveError("AverageLearner: seeds are integers >= 0, got \(seed)") }
        core.withLock { core in
            guard core.tell(seed, value) else { return }
            // The standard deviation and the real loss only change here: computed once,
            // and the loss published for `loss()` without the lock.
            core.std = std(core)
            core.realLoss = loss(core, n: core.npoints, std: core.std)
            // What ask(1) needs, computed here beside the loss: the CPU works on both
            // chains of divisions at once, and ask has none left to wait for.
            core.nextLoss = loss(core, n: core.npoints + 1, std: core.std)
            publishedLoss.store(core.realLoss.bitPattern, ordering: .releasing)
        }
    }

    /// Marks `seed` as being evaluated.
    public func tellPending(_ seed: Int) throws {
        guard seed >= 0 else { throw AdaptiveError("AverageLearner: seeds are integers >= 0, got \(seed)") }
        core.withLock { $0.setPending(seed) }
    }

    /// The standard error over the tolerance (see the type's description); with
    /// `real: false` the pending points count in n (but not in the standard deviation).
    public func loss(real: Bool = true) -> Double {
        if real { return Double(bitPattern: publishedLoss.load(ordering: .acquiring)) }
        return core.withLock { core in loss(core, n: core.npoints + core.pendingCount, std: core.std) }
    }

    /// The loss if there were `n` points with the current mean and standard deviation.
    public func loss(n: Int) -> Double {
        core.withLock { core in loss(core, n: n, std: core.std) }
    }

    /// The number of evaluated points.
    public var npoints: Int { core.withLock { $0.npoints } }

    /// The mean of the values (NaN before the first).
    public var mean: Double { core.withLock { $0.mean } }

    /// The corrected sample standard deviation; +inf below `minNpoints` points.
    public var std: Double { core.withLock { $0.std } }

    /// The running sums `Σy` and `Σy²` (python's `sum_f`, `sum_f_sq`).
    public var sums: (sum: Double, sumOfSquares: Double) { core.withLock { ($0.sum, $0.sumOfSquares) } }

    /// The evaluated points, sorted by seed.
    public var data: [(seed: Int, value: Double)] { core.withLock { $0.sortedData() } }

    /// The pending seeds, ascending.
    public var pendingPoints: [Int] { core.withLock { $0.pendingSeeds() } }

    /// Forgets the pending seeds.
    public func removeUnfinished() {
        core.withLock { $0.removeUnfinished() }
    }

    // MARK: - python's formulas

    func std(_ core: Core) -> Double {
        let n = core.npoints
        if n < minNpoints { return .infinity }
        let mean = core.mean
        let numerator = core.sumOfSquares - Double(n) * (mean * mean)
        if numerator < 0 { return 0 }
        return (numerator / Double(n - 1)).squareRoot()
    }

    /// The loss with n points, given the current standard deviation `std`.
    @inline(__always)
    func loss(_ core: Core, n: Int, std: Double) -> Double {
        if n < minNpoints { return .infinity }
        let standardError = std / Double(n).squareRoot()
        let aloss = standardError / atol
        var rloss = standardError / rtol
        let mean = core.mean
        if core.npoints == 0 { return .infinity }
        if mean != 0 { rloss /= abs(mean) }
        return rloss > aloss ? rloss : aloss  // python's max(aloss, rloss)
    }

    func lossImprovement(_ core: Core, _ n: Int) -> Double {
        let current = core.realLoss
        guard current.isFinite else { return .infinity }
        return current - (n == 1 ? core.nextLoss : loss(core, n: core.npoints + n, std: core.std))
    }
}

extension AverageLearner: Learner {}
