/// One step of a runner, as its observers see it: the one place every ask, evaluation,
/// failure and the end pass through, in order. The runner's ``Runner/log`` is built
/// from these events; a progress display or a durability journal can listen too.
///
/// Events are delivered on the runner's loop thread, one at a time, in the order the
/// runner acts; an observer must return quickly and must not wait for the runner (it
/// may read the runner's and the learner's state).
public enum RunnerEvent<Point: Sendable, Value: Sendable>: Sendable {
    /// The learner was asked for `count` points (with `tellPending`) and proposed
    /// `points`, which got the evaluation ids `ids`.
    case asked(count: Int, points: [Point], ids: [Int])
    /// A point was sent to the evaluator; `attempt` is 0, then 1, 2, ... for retries.
    case submitted(id: Int, point: Point, attempt: Int)
    /// A value came back; it is told to the learner right after this event. `duration`
    /// is the seconds from submission to completion.
    case evaluated(id: Int, point: Point, value: Value, duration: Double)
    /// An evaluation failed; the point has failed `failures` times. With `willRetry` it
    /// is submitted again later; otherwise it is given up (see ``Runner/failed``) or,
    /// with `raiseIfRetriesExceeded`, the runner fails.
    case failed(id: Int, point: Point, failure: EvaluationFailure, failures: Int, willRetry: Bool)
    /// The runner ended with this status; no event follows.
    case ended(RunnerStatus)
}

/// Receives a runner's events; see ``RunnerEvent``.
public typealias RunnerObserver<Point: Sendable, Value: Sendable> = @Sendable (RunnerEvent<Point, Value>) -> Void
