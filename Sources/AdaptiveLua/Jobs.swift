import Adaptive
import Foundation
import Synchronization

/// The runners started in a session, numbered from 1 as the shell's `%jobs` shows them.
/// Thread-safe: runners end on their own threads.
public final class JobList: Sendable {
    private let state = Mutex<(runners: [LuaRunnerHandle], ended: [Int])>(([], []))

    /// Adds a runner; returns its job number.
    @discardableResult
    func add(_ runner: LuaRunner) -> Int {
        let number = state.withLock { s -> Int in
            s.runners.append(LuaRunnerHandle(runner: runner))
            return s.runners.count
        }
        runner.control.onFinish { [weak self] _ in self?.state.withLock { $0.ended.append(number) } }
        return number
    }

    /// One line per job: number, status and progress.
    public var lines: [String] {
        state.withLock { s in s.runners.enumerated().map { "[\($0.offset + 1)] \($0.element.runner.summary)" } }
    }

    /// Jobs that ended since the last call, as notices (`[2] finished Learner1D npoints=...`).
    public func takeNotices() -> [String] {
        state.withLock { s in
            defer { s.ended.removeAll() }
            return s.ended.map { "[\($0)] \(s.runners[$0 - 1].runner.summary)" }
        }
    }

    /// A snapshot of every job, in job-number order.
    public var snapshots: [JobSnapshot] {
        state.withLock { s in s.runners.enumerated().map { JobSnapshot($0.offset + 1, $0.element.runner) } }
    }

    /// Jobs that ended since the last call (shares its record with ``takeNotices()``).
    public func takeEnded() -> [JobSnapshot] {
        state.withLock { s in
            defer { s.ended.removeAll() }
            return s.ended.map { JobSnapshot($0, s.runners[$0 - 1].runner) }
        }
    }

    /// Cancels job `number`; false when there is no such job.
    @discardableResult
    public func cancel(_ number: Int) -> Bool {
        guard let handle = state.withLock({ s in s.runners.indices.contains(number - 1) ? s.runners[number - 1] : nil })
        else { return false }
        handle.runner.control.cancel()
        return true
    }

    /// Waits up to `timeout` seconds for job `number` to end: true when it has ended,
    /// false when still running, nil when there is no such job.
    public func wait(_ number: Int, timeout: Double) -> Bool? {
        guard let handle = state.withLock({ s in s.runners.indices.contains(number - 1) ? s.runners[number - 1] : nil })
        else { return nil }
        return handle.runner.control.waitUntilDone(timeout: timeout)
    }

    /// Runners still running.
    public var running: Int { state.withLock { $0.runners.filter { !$0.runner.control.isDone }.count } }

    /// Cancels every runner (at exit).
    public func cancelAll() {
        for handle in state.withLock({ $0.runners }) { handle.runner.control.cancel() }
    }
}

/// One job as the shell's `%jobs` and its notices show it.
public struct JobSnapshot: Sendable, Equatable {
    public var number: Int
    /// The learner's kind (`Learner1D`).
    public var learner: String
    /// `running`, `finished`, `cancelled` or `failed`.
    public var status: String
    public var npoints: Int
    public var loss: Double
    /// The loss as the learners print it.
    public var lossText: String
    public var elapsed: Double
    /// Why it failed, when it did.
    public var error: String?

    init(_ number: Int, _ runner: LuaRunner) {
        self.number = number
        learner = runner.kind
        status = runner.control.status().rawValue
        npoints = runner.details.npoints()
        loss = runner.details.loss()
        lossText = formatLoss(loss)
        elapsed = runner.control.elapsedTime()
        error = runner.control.error.map { "\($0)" }
    }
}

/// A runner kept by the job list (Lua objects are used by one thread at a time; the job
/// list only reads the runner's thread-safe parts).
struct LuaRunnerHandle: @unchecked Sendable {
    let runner: LuaRunner
}
