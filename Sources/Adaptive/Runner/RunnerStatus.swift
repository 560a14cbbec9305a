/// Where a runner is in its life, as python-adaptive's `runner.status()` names it.
///
/// A runner starts `running` and ends exactly once in one of the other three; it
/// never changes after that.
public enum RunnerStatus: String, Sendable, Equatable, CustomStringConvertible {
    /// Asking, evaluating and telling (also while it cleans up at its end).
    case running
    /// Stopped by ``Runner/cancel()`` before its goal held.
    case cancelled
    /// Stopped by an error: an evaluation failed more often than `retries` allows, the
    /// learner or the goal threw, or the evaluator has no workers. See ``Runner/error``.
    case failed
    /// The goal holds, or the learner has nothing more to propose.
    case finished

    /// True once the runner has ended.
    public var isDone: Bool { self != .running }

    public var description: String { rawValue }
}

/// Why a runner failed or did not finish, when the cause is the runner's own (errors
/// thrown by the learner or by a goal end a runner unchanged).
public struct RunnerError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A point failed more than `retries` times (and `raiseIfRetriesExceeded`).
        case evaluationFailed
        /// ``Runner/cancel()`` stopped the runner (thrown by the waiting functions).
        case cancelled
        /// `ntasks` (or the evaluator's `workers`) is less than 1.
        case noWorkers
    }

    public var kind: Kind
    /// What happened, for a person. For `evaluationFailed`, python-adaptive's message
    /// followed by the traceback of the last failure.
    public var message: String
    /// For `evaluationFailed`: the failure of the last attempt.
    public var failure: EvaluationFailure?

    public init(_ kind: Kind, _ message: String, failure: EvaluationFailure? = nil) {
        self.kind = kind
        self.message = message
        self.failure = failure
    }

    public var description: String { message }

    /// The error the waiting functions throw for a cancelled runner.
    public static let cancelled = RunnerError(.cancelled, "the runner was cancelled")
}
