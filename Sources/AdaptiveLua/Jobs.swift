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

    /// Runners still running.
    public var running: Int { state.withLock { $0.runners.filter { !$0.runner.control.isDone }.count } }

    /// Cancels every runner (at exit).
    public func cancelAll() {
        for handle in state.withLock({ $0.runners }) { handle.runner.control.cancel() }
    }
}

/// A runner kept by the job list (Lua objects are used by one thread at a time; the job
/// list only reads the runner's thread-safe parts).
struct LuaRunnerHandle: @unchecked Sendable {
    let runner: LuaRunner
}

/// Marks the threads that are running the kernel's Lua code, so that a Lua function
/// (a custom loss, a goal) called from Swift knows whether it may use the kernel's
/// state or must use a copy of its own.
enum KernelThread {
    private static let key = "adaptive.kernel-depth"

    /// True on a thread that is inside the kernel right now.
    static var isCurrent: Bool { (Thread.current.threadDictionary[key] as? Int ?? 0) > 0 }

    /// Runs `body` marked as inside the kernel.
    static func enter<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let dictionary = Thread.current.threadDictionary
        dictionary[key] = (dictionary[key] as? Int ?? 0) + 1
        defer { dictionary[key] = (dictionary[key] as? Int ?? 1) - 1 }
        return try body()
    }
}
