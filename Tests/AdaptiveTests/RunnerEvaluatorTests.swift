import Foundation
import Testing

@testable import Adaptive

@Suite("Runner evaluators")
struct RunnerEvaluatorTests {
    /// Collects outcomes by id.
    final class Outcomes: Sendable {
        let received = Locked<[Int: [EvaluationOutcome<Double>]]>([:])
        let count = WaitableCounter()

        func completion(_ id: Int) -> @Sendable (EvaluationOutcome<Double>) -> Void {
            { outcome in
                self.received.withLock { $0[id, default: []].append(outcome) }
                self.count.increment()
            }
        }

        subscript(id: Int) -> [EvaluationOutcome<Double>] { received.value[id] ?? [] }
    }

    @Test func sequentialEvaluatesInTheCallersThread() throws {
        final class Calls { var count = 0 }  // not Sendable: the evaluator keeps it confined
        let calls = Calls()
        let evaluator = SequentialEvaluator<Double, Double> { x in
            calls.count += 1
            if x < 0 { throw TestFailure(description: "negative") }
            return 2 * x
        }
        let outcomes = Outcomes()
        evaluator.submit(3, id: 1, completion: outcomes.completion(1))
        #expect(outcomes.count.value == 1)  // before submit returned
        #expect(try outcomes[1].first?.get() == 6)
        evaluator.submit(-1, id: 2, completion: outcomes.completion(2))
        #expect(outcomes[2].first.map { if case .failure(let f) = $0 { f.message } else { "" } } == "negative")
        #expect(evaluator.workers == 1)
        evaluator.shutdown()
        evaluator.submit(1, id: 3, completion: outcomes.completion(3))
        #expect(outcomes[3].count == 1 && (try? outcomes[3][0].get()) == nil)
    }

    @Test func failureKeepsItsTraceback() {
        let failure = EvaluationFailure(EvaluationFailure(message: "m", traceback: "tb"))
        #expect(failure.message == "m" && failure.traceback == "tb")
        let wrapped = EvaluationFailure(TestFailure(description: "oops"))
        #expect(wrapped.message == "oops" && wrapped.traceback == "oops")
    }

    /// Every submitted point completes exactly once, with its own value.
    @Test func threadPoolCompletesEveryPointOnce() throws {
        let evaluator = ThreadPoolEvaluator<Double, Double>(workers: 3) { $0 * $0 }
        let outcomes = Outcomes()
        let ids = (0..<500).map { _ in EvaluationID.next() }
        for (i, id) in ids.enumerated() {
            evaluator.submit(Double(i), id: id, completion: outcomes.completion(id))
        }
        #expect(outcomes.count.wait(atLeast: 500))
        for (i, id) in ids.enumerated() {
            #expect(outcomes[id].count == 1)
            #expect(try outcomes[id][0].get() == Double(i * i))
        }
        evaluator.shutdown()
        #expect(evaluator.waitUntilStopped(timeout: RT.patience))
        #expect(outcomes.count.value == 500)
    }

    /// Each worker makes its function on its own thread and always evaluates there.
    @Test func threadPoolWorkersKeepTheirState() throws {
        final class WorkerState {  // not Sendable: confined to its worker thread
            let thread = pthread_self()
            var evaluations = 0
        }
        let made = Locked<[Int]>([])
        let wrongThread = Locked<Int>(0)
        let evaluator = ThreadPoolEvaluator<Double, Double>(workers: 4) { index in
            made.withLock { $0.append(index) }
            let state = WorkerState()
            return { x in
                if pthread_equal(state.thread, pthread_self()) == 0 { wrongThread.withLock { $0 += 1 } }
                state.evaluations += 1
                return x + Double(index)
            }
        }
        let outcomes = Outcomes()
        for i in 0..<200 { evaluator.submit(Double(i), id: EvaluationID.next(), completion: outcomes.completion(i)) }
        #expect(outcomes.count.wait(atLeast: 200))
        evaluator.shutdown()
        #expect(evaluator.waitUntilStopped(timeout: RT.patience))
        #expect(made.value.sorted() == [0, 1, 2, 3])
        #expect(wrongThread.value == 0)
    }

    @Test func threadPoolCancelDropsQueuedPoints() throws {
        let gate = Gate()
        let started = WaitableCounter()
        let evaluator = ThreadPoolEvaluator<Double, Double>(workers: 1) { x in
            if started.increment() == 1 { gate.pass() }
            return x
        }
        let outcomes = Outcomes()
        let ids = (0..<6).map { _ in EvaluationID.next() }
        for (i, id) in ids.enumerated() { evaluator.submit(Double(i), id: id, completion: outcomes.completion(id)) }
        #expect(started.wait(atLeast: 1))  // the first is running, five are queued
        evaluator.cancel(ids: [ids[0], ids[2], ids[4]])
        gate.open()
        // Keyed -1: ids count up from 0 in the whole process, so any number >= 0 could be
        // one of `ids` when other tests ran first.
        evaluator.submit(9, id: EvaluationID.next(), completion: outcomes.completion(-1))
        #expect(outcomes.count.wait(atLeast: 5))  // ids 0 (running), 1, 3, 5 and the new one
        evaluator.shutdown()
        #expect(evaluator.waitUntilStopped(timeout: RT.patience))
        #expect(outcomes[ids[2]].isEmpty && outcomes[ids[4]].isEmpty)
        #expect(outcomes[ids[0]].count == 1 && outcomes[ids[1]].count == 1 && outcomes[-1].count == 1)
        #expect(outcomes.count.value == 5)
    }

    @Test func threadPoolWorkerThatCannotStart() throws {
        let evaluator = ThreadPoolEvaluator<Double, Double>(
            workers: 2,
            makeWorker: { _ in throw TestFailure(description: "cannot copy upvalue 'learner'") })
        let outcomes = Outcomes()
        evaluator.submit(1, id: 1, completion: outcomes.completion(1))
        #expect(outcomes.count.wait(atLeast: 1))
        guard case .failure(let failure) = outcomes[1].first else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.message.hasPrefix("worker ") && failure.message.hasSuffix("could not start: cannot copy upvalue 'learner'"))
        evaluator.shutdown()
    }

    @Test func threadPoolAfterShutdownAndWithoutWorkers() throws {
        let evaluator = ThreadPoolEvaluator<Double, Double>(workers: 2) { $0 }
        evaluator.shutdown()
        evaluator.shutdown()  // idempotent
        #expect(evaluator.waitUntilStopped(timeout: RT.patience))
        let outcomes = Outcomes()
        evaluator.submit(1, id: 1, completion: outcomes.completion(1))
        #expect(outcomes.count.value == 1 && (try? outcomes[1][0].get()) == nil)

        let none = ThreadPoolEvaluator<Double, Double>(workers: 0) { $0 }
        none.submit(1, id: 2, completion: outcomes.completion(2))
        #expect(outcomes.count.value == 2 && (try? outcomes[2][0].get()) == nil)
    }

    @Test func evaluationIDsAreUniqueAcrossThreads() throws {
        let ids = Locked<[Int]>([])
        let evaluator = ThreadPoolEvaluator<Int, Int>(workers: 4) { _ in
            let batch = (0..<100).map { _ in EvaluationID.next() }
            ids.withLock { $0 += batch }
            return 0
        }
        let done = WaitableCounter()
        for i in 0..<20 { evaluator.submit(i, id: i) { _ in done.increment() } }
        #expect(done.wait(atLeast: 20))
        evaluator.shutdown()
        #expect(Set(ids.value).count == 2000)
    }
}
