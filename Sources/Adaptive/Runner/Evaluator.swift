import Synchronization

/// Where a runner sends points to be evaluated: python-adaptive's executor, reduced to
/// what a runner needs. A point goes out with an id; a value or a failure comes back
/// through a completion callback.
///
/// Nothing here assumes threads or shared memory: an evaluator may compute in the
/// calling thread (``SequentialEvaluator``), in worker threads (``ThreadPoolEvaluator``),
/// in worker processes over pipes, on an MPI pool, or in a kernel's own Lua state.
///
///     let evaluator = ThreadPoolEvaluator<Double, Double>(workers: 4) { x in sin(x) }
///     evaluator.submit(0.5, id: EvaluationID.next()) { outcome in print(outcome) }
///
/// **Contract.**
/// - `submit` returns quickly, or, for an evaluator that computes in the caller's thread,
///   after the evaluation. It must not call back into the runner except through
///   `completion`.
/// - `completion` is called exactly once per `submit`, on any thread, possibly before
///   `submit` returns; except after ``cancel(ids:)`` of that id or after ``shutdown()``,
///   when it may or may not be called. Callers must ignore completions they no longer
///   wait for.
/// - After ``shutdown()``, `submit` completes at once with a failure.
/// - An id is unique among the evaluations in flight in the process (``EvaluationID``),
///   but a failed point is resubmitted with the same id when it is retried.
/// - Thread safety: every method may be called from any thread.
public protocol Evaluator<Point, Value>: Sendable {
    /// What is evaluated (`Double` for a 1D learner).
    associatedtype Point: Sendable
    /// What an evaluation returns.
    associatedtype Value: Sendable

    /// How many evaluations can run at once; a runner's default `ntasks`.
    var workers: Int { get }

    /// Starts evaluating `point`; `completion` receives the value or the failure.
    func submit(_ point: Point, id: Int, completion: @escaping @Sendable (EvaluationOutcome<Value>) -> Void)

    /// Best effort: drops the evaluations of these ids that have not started, and may
    /// interrupt running ones. Their completions may still be called.
    func cancel(ids: [Int])

    /// Stops the workers after their current evaluations; queued ones are dropped
    /// without completion. Idempotent.
    func shutdown()

    /// Whether the thread calling a completion may do a runner's work (tell the learner,
    /// ask it, submit) before returning: true for worker threads that nothing else waits
    /// on, false (the default) for threads that must return at once, such as a
    /// kernel's thread or a pipe reader.
    var completionsMayTakeTurns: Bool { get }
}

extension Evaluator {
    /// Cancelling is optional: by default nothing is dropped.
    public func cancel(ids: [Int]) {}

    public var completionsMayTakeTurns: Bool { false }
}

/// What an evaluation gives: the value, or a failure with its message and traceback.
public typealias EvaluationOutcome<Value> = Result<Value, EvaluationFailure>

/// An evaluation that failed: the error message and its traceback (python-adaptive's
/// `traceback.format_exc()`; for a Lua function, the Lua traceback).
///
/// A function run by ``SequentialEvaluator`` or ``ThreadPoolEvaluator`` may throw an
/// `EvaluationFailure` to give its own traceback; any other error becomes one with
/// its description as both message and traceback.
public struct EvaluationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// One line saying what went wrong.
    public var message: String
    /// The whole report: the message and, if known, where it happened.
    public var traceback: String

    public init(message: String, traceback: String? = nil) {
        self.message = message
        self.traceback = traceback ?? message
    }

    /// The failure for an error thrown by the evaluated function.
    public init(_ error: any Error) {
        if let failure = error as? EvaluationFailure {
            self = failure
        } else {
            let text = String(describing: error)
            self.init(message: text, traceback: text)
        }
    }

    public var description: String { message }
}

/// Ids of evaluations, unique in the process, so that evaluators shared by several
/// runners can tell their evaluations apart (for ``Evaluator/cancel(ids:)``).
public enum EvaluationID {
    private static let counter = Atomic<Int>(0)

    /// A new id (0, 1, 2, ... over the life of the process).
    public static func next() -> Int {
        counter.wrappingAdd(1, ordering: .relaxed).oldValue
    }
}
