import Foundation
import Synchronization
import Testing

@testable import Adaptive

// Helpers shared by the Runner test files (named Runner*Tests.swift like them).

enum RT {
    /// python-adaptive's tutorial peak, `x + a**2 / (a**2 + (x - offset)**2)`, a = 0.01.
    static func peak(_ x: Double, offset: Double = 0) -> Double {
        let a = 0.01
        let d = offset == 0 ? x : x - offset
        return x + pow(a, 2) / (pow(a, 2) + pow(d, 2))
    }

    static func value(_ x: Double) -> Learner1D.Value { .scalar(peak(x)) }

    static func learner() -> Learner1D { try! Learner1D(bounds: (-1, 1)) }

    /// Generous limit for waits that should end at once (never a speed assertion).
    static let patience = 20.0

    /// The x values of the `tell` entries of a log, in order.
    static func toldPoints(_ log: [RunnerLogEntry<Double, Learner1D.Value>]) -> [Double] {
        log.compactMap { if case .tell(let x, _) = $0 { x } else { nil } }
    }

    /// The spec's fixture: 200 points of Learner1D on peak(offset 0.123), ask(1)/tell.
    static func fixtureTrace() throws -> (xs: [Double], finalLoss: Double) {
        let trace = try Learner1DFixture.load()
        return (trace.points.map { $0[0].value }, trace.final_loss)
    }
}

/// A counter threads can wait on (no polling).
final class WaitableCounter: @unchecked Sendable {
    private let condition = NSCondition()
    private var count = 0

    var value: Int {
        condition.lock()
        defer { condition.unlock() }
        return count
    }

    @discardableResult
    func increment() -> Int {
        condition.lock()
        defer { condition.unlock() }
        count += 1
        condition.broadcast()
        return count
    }

    /// Waits until the count is at least `n`, at most `timeout` seconds.
    func wait(atLeast n: Int, timeout: Double = RT.patience) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while count < n {
            if !condition.wait(until: deadline) { return count >= n }
        }
        return true
    }
}

/// Evaluations per point, counted under a lock.
final class EvaluationCounts: Sendable {
    private let counts = Mutex<[Double: Int]>([:])

    func add(_ x: Double) { counts.withLock { $0[x, default: 0] += 1 } }
    subscript(x: Double) -> Int { counts.withLock { $0[x] ?? 0 } }
    var all: [Double: Int] { counts.withLock { $0 } }
}

/// A gate evaluations wait at until the test opens it (with a generous time limit,
/// so that a broken test fails instead of hanging).
final class Gate: Sendable {
    private let signal = ThreadSignal()
    func open() { signal.notify() }
    func pass() { signal.wait(until: Monotonic.now() + RT.patience) }
}

/// Wraps an evaluator and counts completions that were delivered (after the runner's
/// callback returned), to know when abandoned evaluations have come back.
final class CountingEvaluator<Point: Sendable, Value: Sendable>: Evaluator {
    let inner: any Evaluator<Point, Value>
    let delivered = WaitableCounter()

    init(_ inner: any Evaluator<Point, Value>) { self.inner = inner }

    var workers: Int { inner.workers }

    func submit(_ point: Point, id: Int, completion: @escaping @Sendable (EvaluationOutcome<Value>) -> Void) {
        let delivered = self.delivered
        inner.submit(point, id: id) { outcome in
            completion(outcome)
            delivered.increment()
        }
    }

    func cancel(ids: [Int]) { inner.cancel(ids: ids) }
    func shutdown() { inner.shutdown() }
}

/// A learner of a fixed list of points 0..<count, done when all are told: the automatic
/// goal's test case (like python-adaptive's SequenceLearner).
final class ListLearner: Learner {
    private struct State {
        var next = 0
        var pending: Set<Int> = []
        var data: [Int: Double] = [:]
    }

    let count: Int
    private let state = Mutex(State())

    init(count: Int) { self.count = count }

    func ask(_ n: Int, tellPending: Bool) throws -> (points: [Int], lossImprovements: [Double]) {
        state.withLock { s in
            var points: [Int] = []
            var i = 0
            while points.count < n && i < count {
                if s.data[i] == nil && !s.pending.contains(i) { points.append(i) }
                i += 1
            }
            if tellPending { s.pending.formUnion(points) }
            return (points, points.map { _ in 1 })
        }
    }

    func tell(_ point: Int, _ value: Double) throws {
        state.withLock { s in
            s.pending.remove(point)
            s.data[point] = value
        }
    }

    func tellPending(_ point: Int) throws { _ = state.withLock { $0.pending.insert(point) } }
    func loss(real: Bool) -> Double { npoints == count ? 0 : 1 }
    var npoints: Int { state.withLock { $0.data.count } }
    func removeUnfinished() { state.withLock { $0.pending.removeAll() } }
    var isDone: Bool? { npoints == count }
    var data: [Int: Double] { state.withLock { $0.data } }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
}

/// A value behind a lock, as a class so escaping closures can share it.
final class Locked<T: Sendable>: Sendable {
    private let mutex: Mutex<T>
    init(_ value: T) { mutex = Mutex(value) }
    func withLock<R: Sendable>(_ body: (inout T) -> R) -> R { mutex.withLock { body(&$0) } }
    var value: T { mutex.withLock { $0 } }
}
