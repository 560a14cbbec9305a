import Foundation
import Testing

@testable import Adaptive

@Suite("Runner goals")
struct RunnerGoalTests {
    typealias Value = Learner1D.Value

    static func sequential() -> SequentialEvaluator<Double, Value> { SequentialEvaluator { RT.value($0) } }

    @Test func lossGoal() throws {
        let learner = RT.learner()
        try Runner(learner, evaluator: Self.sequential(), goal: Goal([.loss(0.01)])).blockUntilDone()
        // python-adaptive's tutorial: runner.simple(learner, loss_goal=0.01) -> 383 points.
        #expect(learner.loss() <= 0.01)
        #expect(learner.npoints == 383)
    }

    @Test func npointsGoal() throws {
        let learner = RT.learner()
        let evaluator = ThreadPoolEvaluator<Double, Value>(workers: 3) { RT.value($0) }
        defer { evaluator.shutdown() }
        try Runner(learner, evaluator: evaluator, goal: Goal([.npoints(77)])).blockUntilDone()
        // The goal is checked after each batch of values: at most ntasks - 1 more.
        #expect(learner.npoints >= 77 && learner.npoints < 77 + 3)
    }

    @Test func durationGoal() throws {
        let runner = Runner(RT.learner(), evaluator: Self.sequential(), goal: Goal([.duration(0.05)]))
        try runner.blockUntilDone()
        #expect(runner.status() == .finished)
        #expect(runner.elapsedTime() >= 0.05)
    }

    @Test func endTimeGoal() throws {
        let end = Date(timeIntervalSinceNow: 0.05)
        let runner = Runner(RT.learner(), evaluator: Self.sequential(), goal: Goal([.endTime(end)]))
        try runner.blockUntilDone()
        #expect(Date() >= end)
        #expect(runner.status() == .finished)
    }

    /// A time goal ends the runner even while an evaluation never comes back: the loop
    /// wakes at the deadline, and the evaluation is abandoned.
    @Test(arguments: [false, true])
    func timeGoalWakesTheRunner(endTime: Bool) throws {
        let gate = Gate()
        let started = WaitableCounter()
        let evaluator = ThreadPoolEvaluator<Double, Value>(workers: 1) { x in
            if started.increment() > 3 { gate.pass() }
            return RT.value(x)
        }
        defer {
            gate.open()
            evaluator.shutdown()
        }
        let learner = RT.learner()
        let goal = Goal([endTime ? .endTime(Date(timeIntervalSinceNow: 0.05)) : .duration(0.05)])
        let runner = Runner(learner, evaluator: evaluator, goal: goal)
        #expect(runner.waitUntilDone(timeout: RT.patience))
        #expect(runner.status() == .finished)
        #expect(learner.npoints <= 3)
        #expect(learner.pendingPoints.isEmpty)
    }

    @Test func customGoal() throws {
        let learner = RT.learner()
        let runner = Runner(
            learner, evaluator: Self.sequential(), goal: Goal([.custom { learner.npoints >= 12 }]))
        try runner.blockUntilDone()
        #expect(learner.npoints == 12)
    }

    @Test func throwingGoalFailsTheRunner() throws {
        let runner = Runner(
            RT.learner(), evaluator: Self.sequential(),
            goal: Goal([.custom { throw TestFailure(description: "bad goal") }]))
        #expect(throws: TestFailure.self) { try runner.blockUntilDone() }
        #expect(runner.status() == .failed)
    }

    /// Several conditions must all hold.
    @Test func combinedGoal() throws {
        let learner = RT.learner()
        try Runner(learner, evaluator: Self.sequential(), goal: Goal([.npoints(50), .loss(0.05)])).blockUntilDone()
        #expect(learner.npoints >= 50 && learner.loss() <= 0.05)
    }

    /// No goal: the runner stops when the learner is done (SequenceLearner-like) ...
    @Test(arguments: [1, 3])
    func automaticGoalEndsWhenTheLearnerIsDone(workers: Int) throws {
        let learner = ListLearner(count: 25)
        let evaluator = ThreadPoolEvaluator<Int, Double>(workers: workers) { Double($0 * $0) }
        defer { evaluator.shutdown() }
        let runner = Runner(learner, evaluator: evaluator)
        try runner.blockUntilDone()
        #expect(runner.status() == .finished)
        #expect(learner.data == Dictionary(uniqueKeysWithValues: (0..<25).map { ($0, Double($0 * $0)) }))
    }

    /// ... or proposes nothing more while nothing is in flight, whatever the goal.
    @Test func runnerEndsWhenTheLearnerHasNoMorePoints() throws {
        let learner = ListLearner(count: 5)
        let runner = Runner(learner, evaluator: SequentialEvaluator { Double($0) }, goal: Goal([.npoints(10)]))
        try runner.blockUntilDone()
        #expect(runner.status() == .finished)
        #expect(learner.npoints == 5)
    }

    /// ... and otherwise runs until cancelled (Learner1D is never done).
    @Test func automaticGoalRunsUntilCancelled() throws {
        let evaluated = WaitableCounter()
        let learner = RT.learner()
        let runner = Runner(
            learner,
            evaluator: SequentialEvaluator { x in
                evaluated.increment()
                return RT.value(x)
            })
        #expect(evaluated.wait(atLeast: 500))
        #expect(runner.status() == .running)
        runner.cancel()
        #expect(throws: RunnerError.cancelled) { try runner.blockUntilDone() }
        #expect(learner.npoints >= 499)
    }
}
