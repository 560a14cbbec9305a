import Foundation
import Testing

@testable import Adaptive

@Suite("Runner retries and tracebacks")
struct RunnerRetryTests {
    typealias Value = Learner1D.Value

    /// Fails at x = 0 (Learner1D's third point) with a traceback of its own.
    static func failingAtZero(_ counts: EvaluationCounts) -> @Sendable (Double) throws -> Value {
        { x in
            counts.add(x)
            if x == 0 { throw EvaluationFailure(message: "boom at 0", traceback: "Traceback:\n  f(0)\nboom at 0") }
            return RT.value(x)
        }
    }

    @Test func retriesThenFailsTheRunner() throws {
        let counts = EvaluationCounts()
        let learner = RT.learner()
        let runner = Runner(
            learner, evaluator: SequentialEvaluator(Self.failingAtZero(counts)), goal: Goal([.npoints(30)]),
            options: RunnerOptions(retries: 2))
        let error = try #require(throws: RunnerError.self) { try runner.blockUntilDone() }
        #expect(error.kind == .evaluationFailed)
        #expect(error.message.contains("learner.function(0.0)") && error.message.hasSuffix("f(0)\nboom at 0"))
        #expect(error.failure?.message == "boom at 0")
        #expect(runner.status() == .failed)
        #expect(counts[0] == 3)  // the first attempt and 2 retries
        #expect(runner.tracebacks.map(\.point) == [0] && runner.tracebacks[0].traceback.hasPrefix("Traceback:"))
        #expect(runner.failed == [0])
        #expect(runner.toRetry.isEmpty)
        #expect(learner.npoints == 2)
    }

    /// python-adaptive's default: no retries, the first failure fails the runner.
    @Test func noRetriesByDefault() throws {
        let counts = EvaluationCounts()
        let runner = Runner(RT.learner(), evaluator: SequentialEvaluator(Self.failingAtZero(counts)))
        #expect(throws: RunnerError.self) { try runner.blockUntilDone() }
        #expect(counts[0] == 1)
    }

    @Test func givenUpPointsAreRecorded() throws {
        let counts = EvaluationCounts()
        let learner = RT.learner()
        let runner = Runner(
            learner, evaluator: SequentialEvaluator(Self.failingAtZero(counts)), goal: Goal([.npoints(30)]),
            options: RunnerOptions(retries: 2, raiseIfRetriesExceeded: false))
        try runner.blockUntilDone()
        #expect(runner.status() == .finished)
        #expect(runner.failed == [0])
        #expect(counts[0] == 3)
        #expect(runner.toRetry.isEmpty)
        #expect(runner.tracebacks.count == 1 && runner.tracebacks[0].point == 0)
        #expect(!learner.data.xs.contains(0) && learner.npoints == 30)
        #expect(learner.pendingPoints.isEmpty)  // forgotten when the runner ended
        #expect(counts.all.filter { $0.key != 0 }.values.allSatisfy { $0 == 1 })
    }

    /// A point failing once succeeds on its retry; its traceback is then dropped, and
    /// the log still replays exactly.
    @Test func flakyPointSucceedsOnRetry() throws {
        let counts = EvaluationCounts()
        let events = Locked<[RunnerEvent<Double, Value>]>([])
        let learner = RT.learner()
        let runner = Runner(
            learner,
            evaluator: SequentialEvaluator { x in
                counts.add(x)
                if (x == 0 || x == -0.5) && counts[x] == 1 { throw TestFailure(description: "flaky") }
                return RT.value(x)
            }, goal: Goal([.npoints(20)]), options: RunnerOptions(retries: 1, log: true),
            observers: [{ event in events.withLock { $0.append(event) } }])
        try runner.blockUntilDone()
        #expect(runner.status() == .finished)
        #expect(counts[0] == 2 && counts[-0.5] == 2)
        #expect(learner.data.xs.contains(0) && learner.data.xs.contains(-0.5))
        #expect(runner.tracebacks.isEmpty && runner.toRetry.isEmpty && runner.failed.isEmpty)

        let zeroEvents = events.value.compactMap { event -> String? in
            switch event {
            case .submitted(_, 0, let attempt): "submitted \(attempt)"
            case .failed(_, 0, let failure, let failures, let willRetry): "failed \(failure.message) \(failures) \(willRetry)"
            case .evaluated(_, 0, _, _): "evaluated"
            default: nil
            }
        }
        #expect(zeroEvents == ["submitted 0", "failed flaky 1 true", "submitted 1", "evaluated"])

        let replayed = learner.newEmpty()
        try replayLog(replayed, runner.log!)
        #expect(replayed.data == learner.data && replayed.loss() == learner.loss())
    }

    /// While a point waits for its retry, the runner shows it in toRetry and tracebacks.
    @Test func retryStateIsVisibleWhileRunning() throws {
        let gate = Gate()
        let retrying = WaitableCounter()
        let counts = EvaluationCounts()
        let evaluator = ThreadPoolEvaluator<Double, Value>(workers: 1) { x in
            counts.add(x)
            if x == 0 {
                if counts[0] == 1 { throw TestFailure(description: "first try") }
                retrying.increment()
                gate.pass()
            }
            return RT.value(x)
        }
        defer {
            gate.open()
            evaluator.shutdown()
        }
        let runner = Runner(RT.learner(), evaluator: evaluator, goal: Goal([.npoints(10)]), options: RunnerOptions(retries: 3))
        #expect(retrying.wait(atLeast: 1))
        #expect(runner.toRetry.map(\.point) == [0] && runner.toRetry.map(\.failures) == [1])
        #expect(runner.tracebacks.map(\.traceback) == ["first try"])
        #expect(runner.pendingPoints.map(\.point) == [0])
        gate.open()
        try runner.blockUntilDone()
        #expect(runner.toRetry.isEmpty && runner.tracebacks.isEmpty)
    }

    /// Many workers, many failing points: each failing point is tried retries + 1
    /// times, every other point once; nothing is lost.
    @Test func retriesWithThreads() throws {
        let counts = EvaluationCounts()
        let fails: @Sendable (Double) -> Bool = { $0.bitPattern % 7 == 0 }
        let evaluator = ThreadPoolEvaluator<Double, Value>(workers: 4) { x in
            counts.add(x)
            if fails(x) { throw TestFailure(description: "fails at \(x)") }
            return RT.value(x)
        }
        defer { evaluator.shutdown() }
        let learner = RT.learner()
        let runner = Runner(
            learner, evaluator: evaluator, goal: Goal([.npoints(150)]),
            options: RunnerOptions(retries: 1, raiseIfRetriesExceeded: false, log: true))
        try runner.blockUntilDone()
        let told = RT.toldPoints(runner.log!)
        #expect(learner.data.xs == told.sorted())
        #expect(told.allSatisfy { !fails($0) && counts[$0] == 1 })
        #expect(runner.failed.allSatisfy { fails($0) && counts[$0] == 2 })
        #expect(runner.toRetry.allSatisfy { fails($0.point) && $0.failures == 1 })
        #expect(Set(runner.tracebacks.map(\.point)) == Set(runner.failed + runner.toRetry.map(\.point)))
        #expect(counts.all.values.allSatisfy { $0 <= 2 })
    }
}
