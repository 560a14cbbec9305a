import Synchronization

/// Learns a noisy function f: ℝ → ℝ on an interval: a port of python-adaptive's
/// `AverageLearner1D` (spec §4.3). A point is `(seed, x)`; f(x, seed) returns one
/// noisy sample, and the learner keeps the mean of the samples at each x.
///
///     let learner = try AverageLearner1D(bounds: (-1, 1), minSamples: 20)
///     while learner.nsamples < 5000 {
///         let (points, _) = try learner.ask(1)
///         for p in points { try learner.tell(p, noisy(p.x, seed: p.seed)) }
///     }
///     learner.data   // (x, mean) sorted by x
///
/// It is a ``Learner1D`` on the means (same losses, intervals and new points) that
/// also decides when to sample an existing x again instead of adding a new one:
/// - a new x is sampled until it has `minSamples` samples and more than
///   `neighborSampling` × the mean sample count of its neighbours (it is
///   *undersampled* until then);
/// - the *error* of the mean at x is `t(1 − α, n − 1) · s/√n` (Student t quantile,
///   corrected sample standard deviation s); divided by the distance to the nearer
///   neighbour in the (x, mean) plane it is the *rescaled error*; while the largest
///   rescaled error exceeds `delta`, that x is sampled again;
/// - an x stops being resampled once its error is at most `minError` or it has
///   `maxSamples` samples.
///
/// **Same points as python-adaptive** for the same sequence of calls, as long as at
/// most one x is undersampled at a time (always true without pending points: python
/// then picks from a set in hash order; we take the oldest). Errors use our Student
/// t quantile (within ~1e-14 of scipy's), so a comparison with `delta` that python
/// decides by a few ulps could go the other way.
///
/// **Thread safety.** All state is behind a lock.
///
/// **Complexity.** Per sample O(log n) for the intervals and the error queue, plus
/// O(k) for the error of the mean at an x with k samples (python's sum, in python's
/// order).
///
/// **Deliberate differences from python-adaptive:**
/// - Bounds must be finite with lower < upper; values are scalars (python's plots and
///   errors are scalar-only too); `minError` must be >= 0.
/// - `ask` never hands out a pair (seed, x) that is pending or told: more samples at x
///   get the first unused seeds from the number of samples told there (python counts
///   from that number even when those seeds are pending, so two asks before the
///   tells give the same pairs). Without pending points the seeds are python's.
/// - A bound that is pending counts as present (python asks it again until it is
///   told, and its `loss()` is +inf meanwhile), as in ``Learner1D``.
/// - `tellMany` ignores seeds already told at an x (python adds them again and
///   counts them twice), marks the told pairs as no longer pending, and averages a
///   point's new samples with a plain sum (numpy's pairwise sum differs in the last bits).
public final class AverageLearner1D: Sendable {
    /// One sample of the noisy function: its seed and where it is taken.
    public struct Point: Hashable, Sendable, CustomStringConvertible {
        public var seed: Int
        public var x: Double
        public init(seed: Int, x: Double) {
            self.seed = seed
            self.x = x
        }
        public var description: String { "(\(seed), \(x))" }
    }

    /// The resampling parameters (python's keyword arguments).
    public struct Settings: Sendable, Equatable {
        /// Resample x while its rescaled error exceeds delta; 0 < delta <= 1.
        public var delta = 0.2
        /// The error is a confidence interval of probability 1 − 2α; 0 < α <= 1.
        public var alpha = 0.005
        /// A new x is sampled at least this fraction of its neighbours' mean count; in (0, 1].
        public var neighborSampling = 0.3
        /// Every x gets at least this many samples (>= 0).
        public var minSamples = 50
        /// No x gets more samples than this (>= minSamples).
        public var maxSamples = Int.max
        /// An x whose error is at most this is not resampled (>= 0).
        public var minError = 0.0

        public init() {}
    }

    /// The domain, lower < upper, both finite.
    public let bounds: (lower: Double, upper: Double)
    /// The loss of an interval between two means.
    public let loss: Loss1D
    let core: Mutex<Core>

    /// The resampling parameters. Changing them (python's `learner.delta = 0.1`)
    /// affects the decisions from then on.
    public var settings: Settings { core.withLock { $0.settings } }

    /// Replaces the resampling parameters; throws on invalid ones, saying which.
    public func setSettings(_ settings: Settings) throws {
        try Self.validate(settings)
        core.withLock { core in
            if core.settings.alpha != settings.alpha { core.quantiles = [] }
            core.settings = settings
        }
    }

    /// A learner on `bounds` with the loss `loss` on the means and the resampling
    /// `settings`; throws on invalid ones, saying which.
    public init(bounds: (Double, Double), loss: Loss1D = .default, settings: Settings = Settings()) throws {
        let (a, b) = bounds
        let f = AdaptiveError.format
        guard a.isFinite && b.isFinite && a < b else {
            throw AdaptiveError("AverageLearner1D: bounds must be finite {a, b} with a < b, got {\(f(a)), \(f(b))}")
        }
        try Self.validate(settings)
        self.bounds = (a, b)
        self.loss = loss
        core = Mutex(Core(base: Learner1D.Core(lower: a, upper: b, loss: loss), settings: settings))
    }

    /// `init` with python's keyword arguments.
    public convenience init(
        bounds: (Double, Double), loss: Loss1D = .default, delta: Double = 0.2, alpha: Double = 0.005,
        neighborSampling: Double = 0.3, minSamples: Int = 50, maxSamples: Int = .max, minError: Double = 0
    ) throws {
        var settings = Settings()
        settings.delta = delta
        settings.alpha = alpha
        settings.neighborSampling = neighborSampling
        settings.minSamples = minSamples
        settings.maxSamples = maxSamples
        settings.minError = minError
        try self.init(bounds: bounds, loss: loss, settings: settings)
    }

    static func validate(_ s: Settings) throws {
        let f = AdaptiveError.format
        func check(_ ok: Bool, _ message: String) throws {
            if !ok { throw AdaptiveError("AverageLearner1D: " + message) }
        }
        try check(s.delta > 0 && s.delta <= 1, "delta must be in (0, 1], got \(f(s.delta))")
        try check(s.alpha > 0 && s.alpha <= 1, "alpha must be in (0, 1], got \(f(s.alpha))")
        try check(s.neighborSampling > 0 && s.neighborSampling <= 1,
                  "neighbor_sampling must be in (0, 1], got \(f(s.neighborSampling))")
        try check(s.minSamples >= 0, "min_samples must be >= 0, got \(s.minSamples)")
        try check(s.maxSamples >= s.minSamples,
                  "max_samples must be >= min_samples (\(s.minSamples)), got \(s.maxSamples)")
        try check(s.minError >= 0, "min_error must be >= 0, got \(f(s.minError))")
    }

    /// A learner with the same bounds, loss and settings, and no data.
    public func newEmpty() -> AverageLearner1D {
        try! AverageLearner1D(bounds: bounds, loss: loss, settings: settings)   // validated already
    }

    /// `n` points: `n` more samples of the x most in need of them (seeds counted from
    /// its number of samples), or `n` samples (seeds 0 …) of one new x. Each has the
    /// loss improvement python-adaptive gives it. With `tellPending` they become pending.
    public func ask(_ n: Int, tellPending: Bool = true) throws -> (points: [Point], lossImprovements: [Double]) {
        guard n >= 0 else { throw AdaptiveError("AverageLearner1D: ask(n) needs n >= 0, got \(n)") }
        guard n <= Learner1D.maximumAsk else {
            throw AdaptiveError("AverageLearner1D: ask(n) takes at most \(Learner1D.maximumAsk) points at a time, got \(n)")
        }
        return core.withLock { core in
            let result = core.ask(n)
            if tellPending {
                for p in result.points { core.addPending(p) }
            }
            return result
        }
    }

    /// Adds the sample `y` of f at `point`. A pair (seed, x) told before is ignored.
    /// Throws if x is outside the bounds; a throwing custom loss as in ``Learner1D``.
    public func tell(_ point: Point, _ y: Double) throws {
        try core.withLock { core in
            try core.checkInBounds(point.x)
            try core.tell(point.seed, point.x, y)
        }
    }

    /// Adds many samples: grouped by x in order of appearance, several samples of one x
    /// at once (python's `tell_many_at_point`). All xs are checked first.
    public func tellMany(_ points: [Point], _ ys: [Double]) throws {
        guard points.count == ys.count else {
            throw AdaptiveError("AverageLearner1D: tellMany got \(points.count) points but \(ys.count) values")
        }
        try core.withLock { core in
            for p in points { try core.checkInBounds(p.x) }
            try core.tellMany(points, ys)
        }
    }

    /// Marks `point` as being evaluated (ignored if told already).
    public func tellPending(_ point: Point) throws {
        try core.withLock { core in
            try core.checkInBounds(point.x)
            core.addPending(point)
        }
    }

    /// ``Learner1D``'s loss over the means.
    public func loss(real: Bool = true) -> Double {
        core.withLock { $0.base.loss(real: real) }
    }

    /// Forgets the pending points.
    public func removeUnfinished() {
        core.withLock { core in
            core.pending.removeAll()
            core.base.removeUnfinished()
        }
    }

    /// The number of distinct x evaluated.
    public var npoints: Int { core.withLock { $0.base.realCount } }

    /// The number of samples told, over all x.
    public var nsamples: Int { core.withLock { $0.nsamples } }

    /// The smallest number of samples of an x (0 without data).
    public var minSamplesPerPoint: Int { core.withLock { $0.slots.map(\.count).min() ?? 0 } }
}

extension AverageLearner1D: Learner {}
