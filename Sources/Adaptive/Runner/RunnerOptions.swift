/// How a ``Runner`` runs, beside its learner, evaluator and goal: python-adaptive's
/// `ntasks`, `retries`, `raise_if_retries_exceeded`, `log` and `shutdown_executor`.
public struct RunnerOptions: Sendable {
    /// The most evaluations in flight at once; nil: the evaluator's `workers`. A value
    /// below 1 makes the runner fail at once (python: "Executor has no workers").
    public var ntasks: Int?
    /// How many times a failing point is evaluated again before it is given up.
    public var retries: Int
    /// When a point has failed `retries + 1` times: true, the runner fails with its
    /// error; false, the point is given up (listed in ``Runner/failed``) and the runner
    /// goes on. The point then stays pending in the learner until the runner ends, so
    /// the learner does not propose it again.
    public var raiseIfRetriesExceeded: Bool
    /// Records the learner calls in ``Runner/log`` (memory grows with the run).
    public var log: Bool
    /// Shuts the evaluator down when the runner ends (for an evaluator made for it).
    public var shutdownEvaluator: Bool

    public init(
        ntasks: Int? = nil, retries: Int = 0, raiseIfRetriesExceeded: Bool = true, log: Bool = false,
        shutdownEvaluator: Bool = false
    ) {
        self.ntasks = ntasks
        self.retries = retries
        self.raiseIfRetriesExceeded = raiseIfRetriesExceeded
        self.log = log
        self.shutdownEvaluator = shutdownEvaluator
    }
}
