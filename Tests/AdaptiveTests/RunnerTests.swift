import Foundation
import Synchronization
import Testing

@testable import Adaptive

@Suite("Runner")
struct RunnerTests {
    typealias Value = Learner1D.Value

    /// With the sequential evaluator the runner makes exactly runSimple's calls, and so
    /// reproduces python-adaptive's first 200 points.
    @Test func sequentialReproducesRunSimpleAndPython() throws {
        let f: @Sendable (Double) -> Value = { .scalar(RT.peak($0, offset: 0.123)) }
        let simple = RT.learner()
        let order = Mutex<[Double]>([])
        try runSimple(simple, goal: Goal([.npoints(200)])) { x in
            order.withLock { $0.append(x) }
            return f(x)
        }

        let learner = RT.learner()
        let runner = Runner(
            learner, evaluator: SequentialEvaluator(f), goal: Goal([.npoints(200)]), options: RunnerOptions(log: true))
        try runner.blockUntilDone()
        let told = RT.toldPoints(runner.log!)
        #expect(told.map(\.bitPattern) == order.withLock { $0 }.map(\.bitPattern))
        #expect(learner.data == simple.data)
        #expect(learner.loss() == simple.loss())

        let fixture = try RT.fixtureTrace()
        #expect(told.map(\.bitPattern) == fixture.xs.map(\.bitPattern))
        #expect(abs(learner.loss() - fixture.finalLoss) <= 1e-12 * fixture.finalLoss)
        #expect(runner.log!.allSatisfy { $0 != .ask(0) })
        #expect(runner.log!.count == 400)  // ask 1, tell, 200 times
    }

    /// With 2 and 4 threads, every point the learner proposes is evaluated at most once,
    /// every value that came back is told once, and the loss reaches the goal.
    @Test(arguments: [2, 4])
    func threadPoolEvaluatesEachPointOnce(workers: Int) throws {
        let counts = EvaluationCounts()
        let evaluator = ThreadPoolEvaluator<Double, Value>(workers: workers) { x in
            counts.add(x)
            return RT.value(x)
        }
        defer { evaluator.shutdown() }
        let asked = Locked<[Double]>([])
        let learner = RT.learner()
        let runner = Runner(
            learner, evaluator: evaluator, goal: Goal([.loss(0.01)]), options: RunnerOptions(log: true),
            observers: [{ event in if case .asked(_, let points, _) = event { asked.withLock { $0 += points } } }])
        try runner.blockUntilDone()

        #expect(runner.status() == .finished)
        #expect(runner.ntasks == workers)
        #expect(learner.loss() <= 0.01)
        let asked_ = asked.value
        let told = RT.toldPoints(runner.log!)
        #expect(Set(asked_).count == asked_.count, "a point was proposed twice")
        #expect(Set(told).count == told.count, "a point was told twice")
        #expect(Set(told).isSubset(of: Set(asked_)))
        #expect(counts.all.values.allSatisfy { $0 == 1 }, "a point was evaluated twice")
        #expect(told.allSatisfy { counts[$0] == 1 })
        #expect(learner.data.xs == told.sorted())
        // Only the evaluations in flight when the goal held are abandoned.
        #expect(asked_.count - told.count <= workers)
        #expect(learner.pendingPoints.isEmpty)
        #expect(runner.pendingPoints.isEmpty)
    }

    /// replayLog on an empty learner rebuilds the runner's learner exactly.
    @Test func replayLogRebuildsTheLearner() throws {
        let evaluator = ThreadPoolEvaluator<Double, Value>(workers: 4) { RT.value($0) }
        defer { evaluator.shutdown() }
        let learner = RT.learner()
        let runner = Runner(learner, evaluator: evaluator, goal: Goal([.npoints(150)]), options: RunnerOptions(log: true))
        try runner.blockUntilDone()
        let log = try #require(runner.log)
        #expect(log.contains { $0.method == "ask" } && log.contains { $0.method == "tell" })

        let replayed = learner.newEmpty()
        try replayLog(replayed, log)
        replayed.removeUnfinished()
        #expect(replayed.data == learner.data)
        #expect(replayed.loss() == learner.loss())
        #expect(replayed.intervals() == learner.intervals())
    }

    /// Cancelling while evaluations run: the runner ends at once, the learner forgets its
    /// pending points, and values that come back later are dropped.
    @Test func cancelWhileEvaluationsRun() throws {
        let gate = Gate()
        let started = WaitableCounter()
        let pool = ThreadPoolEvaluator<Double, Value>(workers: 2) { x in
            if started.increment() > 4 { gate.pass() }
            return RT.value(x)
        }
        let evaluator = CountingEvaluator(pool)
        defer {
            gate.open()
            pool.shutdown()
        }
        let learner = RT.learner()
        let runner = Runner(learner, evaluator: evaluator, options: RunnerOptions(log: true))
        #expect(started.wait(atLeast: 6))  // both workers are now stuck at the gate
        #expect(runner.status() == .running)
        runner.cancel()
        #expect(runner.waitUntilDone(timeout: RT.patience))
        #expect(runner.status() == .cancelled)
        #expect(runner.error == nil)
        #expect(runner.pendingPoints.isEmpty)
        #expect(learner.pendingPoints.isEmpty)
        let npoints = learner.npoints
        #expect(npoints == 4)

        gate.open()
        #expect(evaluator.delivered.wait(atLeast: 6))  // the two abandoned values came back
        #expect(learner.npoints == npoints)
        #expect(RT.toldPoints(runner.log!).count == npoints)
        #expect(throws: RunnerError.cancelled) { try runner.blockUntilDone() }
    }

    @Test func statusTransitions() throws {
        let gate = Gate()
        let evaluator = ThreadPoolEvaluator<Double, Value>(workers: 1) { x in
            gate.pass()
            return RT.value(x)
        }
        defer { evaluator.shutdown() }
        let runner = Runner(RT.learner(), evaluator: evaluator, goal: Goal([.npoints(5)]))
        #expect(runner.status() == .running && !runner.status().isDone && !runner.isDone)
        #expect(!runner.waitUntilDone(timeout: 0.01))
        #expect(runner.overhead() == 0)  // nothing came back yet
        gate.open()
        try runner.blockUntilDone()
        #expect(runner.status() == .finished && runner.isDone)
        runner.cancel()  // too late: no effect
        #expect(runner.status() == .finished)
        #expect(runner.error == nil)

        let noWorkers = Runner(RT.learner(), evaluator: evaluator, options: RunnerOptions(ntasks: 0))
        #expect(throws: RunnerError.self) { try noWorkers.blockUntilDone() }
        #expect(noWorkers.status() == .failed)
        #expect((noWorkers.error as? RunnerError)?.kind == .noWorkers)
    }

    @Test func onFinishIsCalledExactlyOnce() throws {
        let calls = WaitableCounter()
        let statuses = Locked<[RunnerStatus]>([])
        let runner = Runner(
            RT.learner(), evaluator: SequentialEvaluator { RT.value($0) }, goal: Goal([.npoints(20)]),
            onFinish: { status in
                statuses.withLock { $0.append(status) }
                calls.increment()
            })
        runner.onFinish { _ in calls.increment() }
        try runner.blockUntilDone()
        #expect(calls.value == 2)  // both handlers, once each, before waiters wake
        runner.cancel()
        runner.onFinish { status in
            statuses.withLock { $0.append(status) }
            calls.increment()
        }  // after the end: called at once
        #expect(calls.value == 3)
        #expect(statuses.value == [.finished, .finished])
    }

    /// Another thread reads the learner while the runner tells it.
    @Test func learnerCanBeObservedWhileRunning() throws {
        let gate = Gate()
        let evaluated = WaitableCounter()
        let evaluator = ThreadPoolEvaluator<Double, Value>(workers: 2) { x in
            if evaluated.increment() >= 100 { gate.pass() }
            return RT.value(x)
        }
        defer {
            gate.open()
            evaluator.shutdown()
        }
        let learner = RT.learner()
        let runner = Runner(learner, evaluator: evaluator, goal: Goal([.npoints(400)]))
        let seen = Locked<[Int]>([])
        let reader = Gate()
        startDedicatedThread(name: "test.reader") {
            while !runner.isDone {
                let n = learner.npoints
                _ = learner.loss()
                _ = learner.data
                seen.withLock { $0.append(n) }
                usleep(200)
            }
            reader.open()
        }
        #expect(evaluated.wait(atLeast: 100))
        let midway = learner.npoints
        #expect(runner.status() == .running)
        #expect(midway < 400)
        gate.open()
        try runner.blockUntilDone()
        reader.pass()
        #expect(learner.npoints >= 400 && learner.npoints > midway)
        let values = seen.value
        #expect(!values.isEmpty)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }, "npoints went down")
    }

    @Test func elapsedTimeAndOverhead() throws {
        let runner = Runner(
            RT.learner(),
            evaluator: SequentialEvaluator { x in
                usleep(500)
                return RT.value(x)
            }, goal: Goal([.npoints(30)]))
        try runner.blockUntilDone()
        let elapsed = runner.elapsedTime()
        #expect(elapsed > 0)
        #expect(runner.elapsedTime() == elapsed)  // fixed once ended
        let overhead = runner.overhead()
        #expect(overhead >= 0 && overhead < 100)
    }

    @Test func asyncResult() async throws {
        let finished = Runner(RT.learner(), evaluator: SequentialEvaluator { RT.value($0) }, goal: Goal([.npoints(10)]))
        try await finished.result()
        #expect(finished.status() == .finished)
        try await finished.result()  // again, after the end

        let failing = Runner(
            RT.learner(), evaluator: SequentialEvaluator { _ in throw TestFailure(description: "no") },
            goal: Goal([.npoints(10)]))
        await #expect(throws: RunnerError.self) { try await failing.result() }

        let gate = Gate()
        let evaluator = ThreadPoolEvaluator<Double, Value>(workers: 1) { x in
            gate.pass()
            return RT.value(x)
        }
        defer {
            gate.open()
            evaluator.shutdown()
        }
        let cancelled = Runner(RT.learner(), evaluator: evaluator)
        cancelled.cancel()
        await #expect(throws: RunnerError.cancelled) { try await cancelled.result() }
    }

    /// Events: asks, submissions and values in order, and `ended` last, once.
    @Test func observersSeeEveryStep() throws {
        let events = Locked<[RunnerEvent<Double, Value>]>([])
        let learner = RT.learner()
        let runner = Runner(
            learner, evaluator: SequentialEvaluator { RT.value($0) }, goal: Goal([.npoints(10)]),
            observers: [{ event in events.withLock { $0.append(event) } }])
        try runner.blockUntilDone()
        let all = events.value
        var submitted: Set<Int> = []
        var evaluated = 0
        var ended = 0
        for (i, event) in all.enumerated() {
            switch event {
            case .asked(let count, let points, let ids): #expect(count == 1 && points.count == 1 && ids.count == 1)
            case .submitted(let id, _, let attempt): #expect(attempt == 0 && submitted.insert(id).inserted)
            case .evaluated(let id, let x, let y, let duration):
                #expect(submitted.contains(id) && y == RT.value(x) && duration >= 0)
                evaluated += 1
            case .failed: Issue.record("no evaluation fails here")
            case .ended(let status):
                #expect(status == .finished && i == all.count - 1)
                ended += 1
            }
        }
        #expect(evaluated == learner.npoints && ended == 1)
    }

    /// An error of the learner (here: vector values of different lengths) fails the runner.
    @Test func learnerErrorFailsTheRunner() throws {
        let runner = Runner(
            RT.learner(), evaluator: SequentialEvaluator { x in x > 0 ? .vector([x, x]) : .vector([x, x, x]) },
            goal: Goal([.npoints(10)]))
        #expect(throws: AdaptiveError.self) { try runner.blockUntilDone() }
        #expect(runner.status() == .failed)
        #expect(runner.error is AdaptiveError)
    }

    @Test func convenienceInitRunsOnThreads() throws {
        let learner = RT.learner()
        let runner = Runner(learner, goal: Goal([.npoints(50)]), workers: 3) { RT.value($0) }
        try runner.blockUntilDone()
        #expect(runner.ntasks == 3 && learner.npoints >= 50)
        #expect(runner.options.shutdownEvaluator)
    }

    /// Workers of a thread pool take the runner's turns themselves (no trip through the
    /// loop thread per point); completions of an evaluator that does not allow it never do.
    @Test func threadPoolWorkersTakeTheTurns() throws {
        let mark = "runner-test.evaluated-here"
        /// For each ask: whether its thread is one that evaluates points.
        func askedOnEvaluatingThreads(_ evaluator: any Evaluator<Double, Value>) throws -> [Bool] {
            let onWorkers = Locked<[Bool]>([])
            let runner = Runner(
                RT.learner(), evaluator: evaluator, goal: Goal([.npoints(500)]),
                observers: [{ event in
                    guard case .asked = event else { return }
                    let evaluates = Thread.current.threadDictionary[mark] != nil
                    onWorkers.withLock { $0.append(evaluates) }
                }])
            try runner.blockUntilDone()
            return onWorkers.value
        }
        let function: @Sendable (Double) -> Value = { x in
            Thread.current.threadDictionary[mark] = true
            return RT.value(x)
        }
        let pool = ThreadPoolEvaluator<Double, Value>(workers: 2, function)
        defer { pool.shutdown() }
        let pooled = try askedOnEvaluatingThreads(pool)
        #expect(pooled.count >= 250)
        // Most turns (90% or more on a quiet machine; the loop thread takes the first and
        // more when the machine is busy, so the bound leaves room); without the feature
        // none.
        #expect(pooled.filter { $0 }.count >= pooled.count / 2)
        let relayed = try askedOnEvaluatingThreads(RelayedEvaluator(pool))
        #expect(relayed.allSatisfy { !$0 })
    }
}

/// A thread pool whose completions must not take a runner's turn (as a kernel's thread).
private final class RelayedEvaluator: Evaluator {
    let pool: ThreadPoolEvaluator<Double, Learner1D.Value>
    init(_ pool: ThreadPoolEvaluator<Double, Learner1D.Value>) { self.pool = pool }
    var workers: Int { pool.workers }
    func submit(_ point: Double, id: Int, completion: @escaping @Sendable (EvaluationOutcome<Learner1D.Value>) -> Void) {
        pool.submit(point, id: id, completion: completion)
    }
    func shutdown() {}

}
