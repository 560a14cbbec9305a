import Synchronization

/// Learns the integral of f: ℝ → ℝ over an interval with Gonnet's adaptive CQUAD, a
/// port of python-adaptive's `IntegratorLearner` (spec §4.4).
///
///     let learner = try IntegratorLearner(bounds: (0, 1), tol: 1e-10)
///     try runSimple(learner, goal: .automatic) { x in exp(x) }
///     learner.igral   // 1.718281828459045, after 33 points
///
/// Each interval carries a polynomial fit on nested Clenshaw–Curtis nodes (5, 9, 17,
/// 33 nodes at depths 0…3) in the normalised Legendre basis. The interval with the
/// largest error is refined to the next depth, or split in two once at depth 3 or
/// when refining did not help. The error of an interval is the difference between
/// two successive fits. Non-finite values are removed from the fit (down-dating), so
/// integrable singularities at nodes are fine; an integral that keeps doubling when
/// split is reported as divergent (``DivergentIntegralError``), as is a fit that
/// overflows (values near 1e308, as 1/x gives near 0; python raises there too).
///
/// **Singularities at a bound.** Driven past `done`, the learner keeps refining towards
/// a singularity. An interval is dropped (python's minimum-separation test) once its
/// nodes are about 16 ulps apart; where that test cannot see it (an interval starting
/// at 0 or below, or subnormal, where `p0 · minSep` is 0), also once the nodes it
/// would add are no longer distinct. python keeps splitting there down to zero width
/// and slows to a crawl; this learner eventually has nothing left to refine (done).
///
/// **Same points as python-adaptive.** For the same sequence of calls the learner
/// returns python's points bit for bit (its coefficient tables are python's own,
/// embedded). Integrals and errors agree to rounding: python sums with BLAS and over
/// a set in memory order, so its last bits are not reproducible even in Python.
///
/// **Thread safety.** All state is behind a lock (a ``YieldingLock``).
///
/// **Complexity.** Per point O(1) amortised plus a scan of the active intervals
/// (at most 1000) each time new nodes are needed; a 33×33 matrix–vector product per
/// completed depth (vectorised, with python's order of summation). No allocation per
/// point on the ask/tell path besides the tables' growth (``askOne(tellPending:)``
/// returns no arrays; `ask` refills the arrays it returned last time once the caller
/// has let go of them). `isDone` takes no lock while nothing it depends on changed.
/// About 60 ns per point on W6-exp (33 points) and 130 ns on W6-sqrt on a 2-core VM,
/// over 100× python-adaptive.
///
/// **Deliberate differences from python-adaptive:**
/// - Bounds must be finite with lower < upper, and tol > 0.
/// - ``removeUnfinished()`` puts the points handed out and not told back on the
///   stack, to be asked again (python's does nothing, so they would never be asked
///   again in the same process; its `load` does the same as ours).
/// - `ask` returns fewer points, not an error, when it uses the last intervals up or
///   none is left while points handed out are not told (see ``ask(_:tellPending:)``).
/// - With points in flight (a parallel runner), python can split an interval before
///   its last values come back, then remove it at machine precision together with the
///   children covering it, or update a removed interval's error from a late fit; its
///   learner then ends "done" with an error of 1e-6 or +inf (a quarter of runs of exp
///   to 1e-10 with 8 points in flight). Here a removed interval keeps its estimate and
///   an interval split already keeps its children. Told one by one, neither can happen,
///   so python's points are unchanged.
/// - ``tellPending(_:)`` takes a point and removes it from the queue of points to hand
///   out (python's takes no argument and does nothing, so python's BalancingLearner
///   cannot drive an IntegratorLearner).
public final class IntegratorLearner: Sendable {
    /// The domain of integration.
    public let bounds: (lower: Double, upper: Double)
    /// The relative tolerance: done when `err < |igral|·tol`.
    public let tol: Double
    let core: YieldingLock<Core>
    /// The core's `doneCache` as of the last change: `isDone` without the lock while
    /// nothing it depends on changes (most tells). Stored under the lock only.
    let publishedDone = Atomic<UInt8>(0)

    /// A learner of ∫ f over `bounds` to the relative tolerance `tol`.
    public init(bounds: (Double, Double), tol: Double) throws {
        let (a, b) = bounds
        let f = AdaptiveError.format
        guard a.isFinite && b.isFinite && a < b else {
            throw AdaptiveError("IntegratorLearner: bounds must be finite {a, b} with a < b, got {\(f(a)), \(f(b))}")
        }
        guard tol > 0 && tol.isFinite else {
            throw AdaptiveError("IntegratorLearner: tol must be a positive number, got \(f(tol))")
        }
        self.bounds = (a, b)
        self.tol = tol
        core = YieldingLock(Core(lower: a, upper: b, tol: tol))
    }

    /// A learner with the same bounds and tolerance, and no data.
    public func newEmpty() -> IntegratorLearner {
        try! IntegratorLearner(bounds: bounds, tol: tol)
    }

    /// The next `n` points and, for each, the largest error of the intervals
    /// containing it (python's loss improvement; the largest double at first). Without
    /// `tellPending` the learner does not change.
    ///
    /// Throws when every interval has been removed at machine precision or dropped as
    /// too narrow to split, and more points are needed ("no way to improve"; the
    /// learner is done then), and ``DivergentIntegralError``. When
    /// this ask itself uses the last intervals up (dropping those too narrow to split),
    /// or points handed out are not told yet, it returns fewer points (maybe none)
    /// instead: python raises there, which failed parallel runs that were as good as
    /// done (`isDone` holds once nothing is left).
    public func ask(_ n: Int, tellPending: Bool = true) throws -> (points: [Double], lossImprovements: [Double]) {
        guard n >= 0 else { throw AdaptiveError("IntegratorLearner: ask(n) needs n >= 0, got \(n)") }
        return try core.withLock { core in
            guard tellPending else {
                var copy = core
                return try copy.ask(n)
            }
            defer { publishDone(core) }
            return try core.ask(n)
        }
    }

    /// `ask(1, tellPending:)` without arrays: the next point and its loss improvement,
    /// nil when `ask(1)` returns no point.
    public func askOne(tellPending: Bool = true) throws -> (point: Double, lossImprovement: Double)? {
        try core.withLock { core in
            guard tellPending else {
                var copy = core
                return try copy.askOne()
            }
            defer { publishDone(core) }
            return try core.askOne()
        }
    }

    /// Adds f(x). x must be a node the learner asked for (or will ask for). A value
    /// told again replaces the old one. Non-finite values are removed from the fits.
    /// Throws ``DivergentIntegralError`` when the integral looks divergent.
    public func tell(_ x: Double, _ y: Double) throws {
        try core.withLock { core in
            defer { publishDone(core) }
            try core.tell(x, y)
        }
    }

    /// Marks a queued point as handed out, so that `ask` does not return it again
    /// (after `ask(_:tellPending: false)`, as a ``BalancingLearner`` does). Points
    /// not queued (already handed out, told, or no node) are ignored. May refill the
    /// queue, so it throws what `ask` throws.
    public func tellPending(_ x: Double) throws {
        try core.withLock { core in
            defer { publishDone(core) }
            try core.takeFromStack(x)
        }
    }

    /// python's loss: `| |igral|·tol − err |` (`real` is ignored).
    public func loss(real: Bool = true) -> Double {
        core.withLock { $0.loss() }
    }

    /// The number of evaluated points.
    public var npoints: Int { core.withLock { $0.toldCount } }

    /// Puts the points handed out and not told back to be asked again.
    public func removeUnfinished() {
        core.withLock { core in
            core.requeuePending()
            publishDone(core)
        }
    }

    /// True when the integral is known to `tol` (python's `done()`): the error is 0 or
    /// below `|igral|·tol`, or only intervals removed at machine precision keep it
    /// above, or no interval is left to refine.
    public var isDone: Bool? {
        let known = publishedDone.load(ordering: .acquiring)
        if known != 0 { return known == 2 }
        return core.withLock { core in
            let done = core.isDone()
            publishDone(core)
            return done
        }
    }

    /// Publishes the core's `doneCache` for `isDone`; called under the lock after
    /// every change.
    @inline(__always)
    func publishDone(_ core: borrowing Core) {
        publishedDone.store(core.doneCache, ordering: .releasing)
    }

    /// The integral: the sum over the approximating intervals (0 before the first
    /// 33 points are told).
    public var igral: Double { core.withLock { $0.updateSums(); return $0.cachedIgral } }

    /// The estimated absolute error of ``igral`` (+inf before the first 33 points).
    public var err: Double { core.withLock { $0.updateSums(); return $0.cachedErr } }

    /// The evaluated points, sorted by x.
    public var data: [(x: Double, y: Double)] {
        core.withLock { core in
            core.nodes.filter { $0.status == .told }.map { (x: $0.x, y: $0.y) }.sorted { $0.x < $1.x }
        }
    }

    /// The points handed out or queued and not told yet, ascending.
    public var pendingPoints: [Double] {
        core.withLock { core in core.nodes.filter { $0.status == .pending }.map(\.x).sorted() }
    }

    /// The intervals still to be refined (python's `ivals`), sorted by a.
    public var activeIntervals: [IntervalEstimate] {
        core.withLock { core in core.active.map { core.estimate($0) }.sorted { $0.a < $1.a } }
    }

    /// The intervals whose estimates make up ``igral`` (python's
    /// `approximating_intervals`), sorted by a; contiguous once the learner is done.
    public var approximatingIntervals: [IntervalEstimate] {
        core.withLock { core in (core.doneLeaves[0] ?? []).map { core.estimate($0) }.sorted { $0.a < $1.a } }
    }

    /// One interval and its estimates.
    public struct IntervalEstimate: Sendable, Equatable {
        public var a: Double
        public var b: Double
        /// 0…3: the fit has 5, 9, 17 or 33 nodes.
        public var depth: Int
        public var igral: Double
        public var err: Double
        /// Dropped because its error reached machine precision.
        public var removed: Bool
    }
}

extension IntegratorLearner: Learner {}

extension IntegratorLearner.Core {
    func estimate(_ id: Int32) -> IntegratorLearner.IntervalEstimate {
        let ival = intervals[Int(id)]
        return .init(a: ival.a, b: ival.b, depth: ival.depth, igral: ival.igral, err: ival.err, removed: ival.removed)
    }
}

/// The integral looks divergent: an interval's integral more than doubled at more
/// than 20 successive splits (python-adaptive's `DivergentIntegralError`), or the
/// fit of an interval overflowed (python's `norm` raises a ValueError there). The
/// learner stays usable for inspection but should not be run further.
public struct DivergentIntegralError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The interval where the divergence was detected.
    public var a: Double
    public var b: Double
    /// The number of points evaluated when it was detected.
    public var npoints: Int

    public var description: String {
        let f = AdaptiveError.format
        return "IntegratorLearner: the integral diverges near [\(f(a)), \(f(b))] (detected after \(npoints) points)"
    }
}
