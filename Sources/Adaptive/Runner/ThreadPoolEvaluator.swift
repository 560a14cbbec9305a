import DequeModule
import Foundation

/// Evaluates points on `workers` dedicated threads, first submitted first started:
/// python-adaptive's `ThreadPoolExecutor`.
///
///     let evaluator = ThreadPoolEvaluator<Double, Double>(workers: 4) { x in sin(x) }
///
/// **Dedicated threads.** Each worker is a `Thread` of its own, started with the
/// evaluator, never a GCD queue or a Swift concurrency task: those pools may start no
/// new thread while all cores are busy, and a worker that waits for something would
/// starve the rest of the process.
///
/// **Per-worker state.** With ``init(workers:name:stackSize:makeWorker:)`` every worker
/// calls `makeWorker(index)` once, on its own thread, and then evaluates its points
/// with the function it returned, always on that thread; the function is released on
/// that thread when the worker stops. So a worker can own something that must stay on
/// one thread, e.g. a Lua state holding a copy of the user's function. If
/// `makeWorker` throws, that worker fails every point it takes with the error.
///
/// Completions are called on the worker threads. ``shutdown()`` drops the queued
/// points and lets each worker finish its current one; the evaluator also shuts down
/// when it is released.
public final class ThreadPoolEvaluator<Point: Sendable, Value: Sendable>: Evaluator {
    /// The number of worker threads.
    public let workers: Int
    private let queue = JobQueue<Point, Value>()

    /// `workers` threads, each evaluating with the function `makeWorker` returns for it.
    /// - Parameters:
    ///   - name: the threads' names (with the worker index appended), for debuggers.
    ///   - stackSize: bytes of stack per worker (deep recursion in user code needs room).
    public init(
        workers: Int, name: String = "adaptive.worker", stackSize: Int = 8 << 20,
        makeWorker: @escaping @Sendable (_ index: Int) throws -> (Point) throws -> Value
    ) {
        self.workers = max(0, workers)
        for index in 0..<self.workers {
            queue.workerStarted()
            let queue = self.queue
            startDedicatedThread(name: "\(name).\(index)", stackSize: stackSize) {
                Self.work(index: index, queue: queue, makeWorker: makeWorker)
            }
        }
    }

    /// `workers` threads sharing one thread-safe function.
    public convenience init(workers: Int, _ function: @escaping @Sendable (Point) throws -> Value) {
        self.init(workers: workers, makeWorker: { _ in function })
    }

    deinit { queue.shutdown() }

    /// Workers may take a runner's turn when they complete a point: they take their next
    /// point right after.
    public var completionsMayTakeTurns: Bool { true }

    /// Queues `point`; a free worker takes it. Fails at once after ``shutdown()`` or
    /// without workers.
    public func submit(_ point: Point, id: Int, completion: @escaping @Sendable (EvaluationOutcome<Value>) -> Void) {
        if workers == 0 {
            return completion(.failure(EvaluationFailure(message: "ThreadPoolEvaluator: no workers")))
        }
        if !queue.put(.init(id: id, point: point, completion: completion)) {
            completion(.failure(EvaluationFailure(message: "ThreadPoolEvaluator: the evaluator was shut down")))
        }
    }

    /// Drops the queued evaluations of these ids (without completion). Running ones
    /// finish and complete.
    public func cancel(ids: [Int]) {
        queue.cancel(ids: Set(ids))
    }

    public func shutdown() {
        queue.shutdown()
    }

    /// After ``shutdown()``: waits until every worker thread has stopped, at most
    /// `timeout` seconds (nil: no limit). True if they all have.
    @discardableResult
    public func waitUntilStopped(timeout: Double? = nil) -> Bool {
        queue.waitUntilNoWorkers(timeout: timeout)
    }

    /// The body of worker thread `index`.
    private static func work(
        index: Int, queue: JobQueue<Point, Value>,
        makeWorker: @Sendable (Int) throws -> (Point) throws -> Value
    ) {
        var evaluate: ((Point) throws -> Value)?
        var startFailure: EvaluationFailure?
        do { evaluate = try makeWorker(index) } catch {
            let failure = EvaluationFailure(error)
            startFailure = EvaluationFailure(
                message: "worker \(index) could not start: \(failure.message)",
                traceback: "worker \(index) could not start: \(failure.traceback)")
        }
        while let job = queue.take() {
            let outcome: EvaluationOutcome<Value>
            if let evaluate {
                do { outcome = .success(try evaluate(job.point)) } catch { outcome = .failure(EvaluationFailure(error)) }
            } else {
                outcome = .failure(startFailure!)
            }
            job.completion(outcome)
        }
        evaluate = nil  // release the worker's state on its own thread
        queue.workerStopped()
    }
}

/// The queue of a ``ThreadPoolEvaluator``: jobs, the shutdown flag and the count of
/// live workers, behind one condition lock.
final class JobQueue<Point: Sendable, Value: Sendable>: @unchecked Sendable {
    struct Job {
        var id: Int
        var point: Point
        var completion: @Sendable (EvaluationOutcome<Value>) -> Void
    }

    private let condition = NSCondition()
    private var jobs = Deque<Job>()
    private var isShutDown = false
    private var liveWorkers = 0

    /// Appends a job; false after shutdown.
    func put(_ job: Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if isShutDown { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// The next job, waiting for one; nil once shut down.
    func take() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !isShutDown { condition.wait() }
        return isShutDown ? nil : jobs.removeFirst()
    }

    func cancel(ids: Set<Int>) {
        guard !ids.isEmpty else { return }
        condition.lock()
        jobs.removeAll { ids.contains($0.id) }
        condition.unlock()
    }

    func shutdown() {
        condition.lock()
        isShutDown = true
        jobs.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    func workerStarted() {
        condition.lock()
        liveWorkers += 1
        condition.unlock()
    }

    func workerStopped() {
        condition.lock()
        liveWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }

    func waitUntilNoWorkers(timeout: Double?) -> Bool {
        let deadline = timeout.map { Date(timeIntervalSinceNow: $0) }
        condition.lock()
        defer { condition.unlock() }
        while liveWorkers > 0 {
            if let deadline {
                if !condition.wait(until: deadline) { return liveWorkers == 0 }
            } else {
                condition.wait()
            }
        }
        return true
    }
}
