import Collections
import Foundation
import Synchronization

/// Drives a learner in the background until its goal holds: python-adaptive's
/// `AsyncRunner` (alias `Runner`, spec §5).
///
///     let learner = try Learner1D(bounds: (-1, 1))
///     let evaluator = ThreadPoolEvaluator<Double, Learner1D.Value>(workers: 4) { x in .scalar(sin(x)) }
///     let runner = Runner(learner, evaluator: evaluator, goal: Goal([.loss(0.01)]))
///     print(learner.npoints)          // safe while it runs: learners lock their state
///     try runner.blockUntilDone()
///
/// **The loop.** Constructing a runner starts its loop on a dedicated thread of its
/// own; the caller returns at once. Each turn of the loop: tell the learner every value
/// that came back, check the goal, ask the learner for as many points as there are free
/// tasks (`ntasks` minus evaluations in flight; points to retry come first), submit
/// them to the evaluator, and sleep until a completion, a cancel or a time goal's
/// deadline wakes it. So the first turn asks `ntasks` points at once and later turns
/// about one per completion, as python-adaptive does. Turns are taken one at a time:
/// by the loop thread, or, when the evaluator allows it
/// (``Evaluator/completionsMayTakeTurns``), by the worker whose completion starts
/// it, which saves two thread switches per point. So the learner, the goal's closures
/// and the observers are called from one thread at a time, not always the same one.
/// The end itself is always done by the loop thread.
///
/// **The end.** The runner ends when the goal holds (`finished`), when no goal is given
/// and the learner is done (`Learner.isDone`), when the learner proposes no point while
/// none is in flight (`finished`: nothing more can happen), when it is cancelled
/// (`cancelled`), or on an error (`failed`): an evaluation failing more than `retries`
/// times, or an error thrown by the learner or the goal. Then, as in python-adaptive,
/// evaluations still in flight are abandoned (cancelled in the evaluator; values that
/// come back later are dropped), the learner forgets its pending points
/// (`removeUnfinished`), the evaluator is shut down if the options say so, the status
/// and end time are set, observers get ``RunnerEvent/ended(_:)``, periodic savers save
/// a last time, `onFinish` handlers run, and waiters wake up, in this order.
///
/// **Thread safety.** Every method may be called from any thread. The runner's
/// bookkeeping is behind one lock, never held while the learner, the evaluator, an
/// observer or a handler is called.
public final class Runner<L: Learner>: RunnerControl {
    public typealias Point = L.Point
    public typealias Value = L.Value

    /// The learner this runner drives.
    public let learner: L
    /// Where points are evaluated.
    public let evaluator: any Evaluator<Point, Value>
    /// When the runner stops.
    public let goal: Goal
    /// The options the runner was made with.
    public let options: RunnerOptions
    /// The most evaluations in flight at once.
    public let ntasks: Int

    let startTime = Monotonic.now()
    let state: Mutex<State>
    /// Wakes the loop thread: a completion it must handle, a cancel, or the verdict.
    let wake = ThreadSignal()
    /// Held by the thread taking a turn: one turn at a time, on any thread.
    let turnLock = Mutex<Void>(())
    /// Set when the runner has completely ended.
    let done = ThreadSignal()

    /// Starts a runner of `learner` on `evaluator` until `goal` holds.
    /// - Parameters:
    ///   - goal: when to stop; ``Goal/automatic`` (no condition) runs until the learner
    ///     is done or has no more points, or until cancelled.
    ///   - observers: receive every event from the first one on (see ``RunnerEvent``).
    ///   - onFinish: called once when the runner ends, with its status.
    public init(
        _ learner: L, evaluator: any Evaluator<Point, Value>, goal: Goal = .automatic,
        options: RunnerOptions = RunnerOptions(), observers: [RunnerObserver<Point, Value>] = [],
        onFinish: (@Sendable (RunnerStatus) -> Void)? = nil
    ) {
        self.learner = learner
        self.evaluator = evaluator
        self.goal = goal
        self.options = options
        ntasks = options.ntasks ?? evaluator.workers
        var initial = State()
        initial.log = options.log ? [] : nil
        initial.observers = observers
        initial.finishHandlers = onFinish.map { [$0] } ?? []
        state = Mutex(initial)
        startDedicatedThread(name: "adaptive.runner") { [self] in
            run()
        }
    }

    /// Starts a runner evaluating the thread-safe `function` on `workers` dedicated
    /// threads (by default one per processor), shut down when the runner ends.
    public convenience init(
        _ learner: L, goal: Goal = .automatic, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        options: RunnerOptions = RunnerOptions(), function: @escaping @Sendable (Point) throws -> Value
    ) {
        var options = options
        options.shutdownEvaluator = true
        self.init(learner, evaluator: ThreadPoolEvaluator(workers: workers, function), goal: goal, options: options)
    }

    // MARK: - State

    /// An evaluation in flight.
    struct InFlight {
        var point: Point
        var submitted: Double
        var attempt: Int
    }

    /// A completion waiting for the loop.
    struct Completion {
        var id: Int
        var outcome: EvaluationOutcome<Value>
        var time: Double
    }

    /// Everything that changes, behind `state`'s lock.
    struct State {
        var status = RunnerStatus.running
        var error: (any Error)?
        var cancelRequested = false
        var endTime: Double?
        var ended = false
        /// How the runner must end, once a turn decided it; the loop thread then ends it.
        var verdict: (RunnerStatus, (any Error)?)?
        var inbox: [Completion] = []
        var inFlight: [Int: InFlight] = [:]
        /// The point of every id in flight, to retry, or with a traceback.
        var points: [Int: Point] = [:]
        var toRetry: OrderedDictionary<Int, Int> = [:]
        var tracebacks: OrderedDictionary<Int, String> = [:]
        var failed: [Int] = []
        var log: [RunnerLogEntry<Point, Value>]?
        /// Σ duration / ntasks over successful evaluations (python's `_elapsed_function_time`).
        var functionTime = 0.0
        var observers: [RunnerObserver<Point, Value>] = []
        var finishHandlers: [@Sendable (RunnerStatus) -> Void] = []
        var finishHandlersCalled = false
        var continuations: [CheckedContinuation<Void, any Error>] = []
        var savers: [PeriodicSaving] = []
        var saversClosed = false
    }

    // MARK: - Introspection

    /// `running`, `cancelled`, `failed` or `finished`.
    public func status() -> RunnerStatus {
        state.withLock { $0.status }
    }

    /// Why the runner failed (nil unless the status is `failed`): a ``RunnerError``, or
    /// the error the learner or the goal threw.
    public var error: (any Error)? {
        state.withLock { $0.error }
    }

    /// True once the runner has completely ended (savers and handlers included).
    public var isDone: Bool { done.isNotified }

    /// Seconds since the runner started; fixed once it has ended.
    public func elapsedTime() -> Double {
        state.withLock { ($0.endTime ?? Monotonic.now()) - startTime }
    }

    /// python-adaptive's overhead in percent: `100 · (1 − t_f / elapsedTime())` where
    /// t_f sums, over the successful evaluations, their time from submission to
    /// completion divided by `ntasks`. So 0 when the workers were busy all the time,
    /// near 100 when they mostly waited for the runner. 0 until a value came back.
    public func overhead() -> Double {
        let (functionTime, elapsed) = state.withLock { ($0.functionTime, ($0.endTime ?? Monotonic.now()) - startTime) }
        guard functionTime > 0, elapsed > 0 else { return 0 }
        return (1 - functionTime / elapsed) * 100
    }

    /// The evaluations in flight: submitted, not back yet (by id, ascending).
    public var pendingPoints: [(id: Int, point: Point)] {
        state.withLock { s in s.inFlight.sorted { $0.key < $1.key }.map { (id: $0.key, point: $0.value.point) } }
    }

    /// Points that failed and will be retried, with their failure counts.
    public var toRetry: [(point: Point, failures: Int)] {
        state.withLock { s in s.toRetry.map { (point: s.points[$0.key]!, failures: $0.value) } }
    }

    /// The traceback of the latest failure of every point that failed and has not
    /// succeeded since (points to retry and points given up).
    public var tracebacks: [(point: Point, traceback: String)] {
        state.withLock { s in s.tracebacks.map { (point: s.points[$0.key]!, traceback: $0.value) } }
    }

    /// Points given up after failing `retries + 1` times (python-adaptive lists their ids).
    public var failed: [Point] {
        state.withLock { s in s.failed.map { s.points[$0]! } }
    }

    /// The learner calls made, if `options.log`; else nil. See ``RunnerLogEntry``.
    public var log: [RunnerLogEntry<Point, Value>]? {
        state.withLock { $0.log }
    }

    // MARK: - Control

    /// Stops the runner: it tells the values that already came back, asks no more
    /// points and abandons the evaluations in flight, whose points the learner forgets
    /// (see the type's documentation). Returns at once; the status becomes `cancelled`
    /// as soon as the loop has cleaned up (after the evaluation in progress, for an
    /// evaluator that computes in the loop's thread). No effect once the runner ended.
    public func cancel() {
        let ids: [Int]? = state.withLock { s in
            guard s.status == .running, !s.cancelRequested else { return nil }
            s.cancelRequested = true
            return Array(s.inFlight.keys)
        }
        guard let ids else { return }
        if !ids.isEmpty { evaluator.cancel(ids: ids) }
        wake.notify()
    }

    /// Adds an observer; it receives the events from now on.
    public func addObserver(_ observer: @escaping RunnerObserver<Point, Value>) {
        state.withLock { $0.observers.append(observer) }
    }
}
