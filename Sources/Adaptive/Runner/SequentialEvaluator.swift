import Synchronization

/// Evaluates one point at a time, in the thread that submits it, in submission order:
/// python-adaptive's `SequentialExecutor`. One worker.
///
/// A runner submits from its own loop thread, so the function runs there, off the
/// caller; the completion is called before `submit` returns. Runs are reproducible:
/// a ``Runner`` with this evaluator makes the same calls to its learner as
/// ``runSimple(_:goal:evaluate:)`` and so reproduces python-adaptive's point traces.
/// No thread hop per point: the cheapest evaluator for very fast functions.
///
///     let evaluator = SequentialEvaluator<Double, Double> { x in x * x }
///
/// The function needs not be `Sendable` (it may hold a Lua state, say): it is kept
/// behind a lock and called by one thread at a time, also when several runners share
/// the evaluator. Cancelling cannot interrupt an evaluation in progress.
public final class SequentialEvaluator<Point: Sendable, Value: Sendable>: Evaluator {
    private struct State {
        var function: (Point) throws -> Value
        var isShutDown = false
    }

    private let state: Mutex<State>

    /// One worker.
    public var workers: Int { 1 }

    /// An evaluator of `function`, which may throw to report a failure (an
    /// ``EvaluationFailure`` to give its own traceback).
    public init(_ function: sending @escaping (Point) throws -> Value) {
        state = Mutex(State(function: function))
    }

    /// Evaluates `point` at once and calls `completion` before returning.
    public func submit(_ point: Point, id: Int, completion: @escaping @Sendable (EvaluationOutcome<Value>) -> Void) {
        let outcome: EvaluationOutcome<Value> = state.withLock { state in
            if state.isShutDown {
                return .failure(EvaluationFailure(message: "SequentialEvaluator: the evaluator was shut down"))
            }
            do { return .success(try state.function(point)) } catch { return .failure(EvaluationFailure(error)) }
        }
        completion(outcome)
    }

    /// Later submits fail at once. An evaluation in progress finishes first.
    public func shutdown() {
        state.withLock { $0.isShutDown = true }
    }
}
