import Adaptive
import Foundation
import LuaKit
import Plotting

/// `adaptive.Runner(learner, {goals..., executor, ntasks, retries, ...})`: a runner working
/// in the background while the kernel goes on. It never touches the kernel's Lua state:
/// the function is copied into the executor's workers (see `LuaExecutor`).
final class LuaRunner {
    let control: any RunnerControl
    /// The learner as the Lua value the user passed.
    let learnerValue: LuaValue
    let kind: String
    /// Learner-specific views of the runner, as Lua values.
    let details: RunnerDetails
    let started = Date()

    struct RunnerDetails {
        var npoints: () -> Int
        var loss: () -> Double
        var pendingPoints: () -> LuaValue
        var tracebacks: () -> LuaValue
        var toRetry: () -> LuaValue
        var failed: () -> LuaValue
        var log: () -> LuaValue
        /// Saves the learner's data to a file (nil: this learner cannot be saved yet).
        var save: (@Sendable (String) throws -> Void)?
        /// The learner's default plot (nil: it has none).
        var figure: (@Sendable () throws -> Figure)?
    }

    /// The learner's Swift object (thread-safe), handed to plotters in other states.
    let learnerObject: AnyObject

    init(control: any RunnerControl, learnerValue: LuaValue, learnerObject: AnyObject, kind: String, details: RunnerDetails) {
        self.control = control
        self.learnerObject = learnerObject
        self.learnerValue = learnerValue
        self.kind = kind
        self.details = details
    }

    /// The one-line snapshot of `live_info()` and of the shell's job list.
    var summary: String {
        "\(control.status()) \(kind) npoints=\(details.npoints()) loss=\(formatLoss(details.loss())) "
            + "elapsed=\(String(format: "%.2f", control.elapsedTime())) s overhead=\(String(format: "%.1f", control.overhead()))%"
    }

    static let optionNames = goalOptionNames + ["executor", "ntasks", "retries", "raise_if_retries_exceeded", "log", "shutdown_executor"]

    /// Runner options and the executor from a Lua options table.
    static func options(_ options: LuaOptions, call: LuaCall) throws -> (RunnerOptions, LuaExecutor) {
        var executor = LuaExecutor.default
        if let value = options.value("executor") {
            guard let given = call.state.object(value, as: LuaExecutor.self) else {
                throw LuaCallError("\(options.function): executor must be one of adaptive.executors.*(), got \(value.typeName)")
            }
            executor = given
        }
        let retries = try options.integer("retries") ?? 0
        guard retries >= 0 else { throw LuaCallError("\(options.function): retries must be >= 0, got \(retries)") }
        if let n = try options.integer("ntasks"), n < 1 {
            throw LuaCallError("\(options.function): ntasks must be >= 1, got \(n)")
        }
        let runnerOptions = RunnerOptions(
            ntasks: try options.integer("ntasks") ?? (executor.kind == .sequential ? 1 : nil),
            retries: retries,
            raiseIfRetriesExceeded: try options.boolean("raise_if_retries_exceeded") ?? true,
            log: try options.boolean("log") ?? false,
            shutdownEvaluator: try options.boolean("shutdown_executor") ?? true)
        return (runnerOptions, executor)
    }

    static func install(in lua: LuaState, kernel: Kernel) {
        lua.register(luaClass)
        lua.register(LuaRunnerTask.luaClass)
        lua.register(in: ["adaptive"], "Runner") { [unowned kernel] call in
            let learner = try call.learner(1)
            let options = try LuaOptions(call, 2, allowed: optionNames)
            let (runnerOptions, executor) = try Self.options(options, call: call)
            let goal = try Goal(options: options, learner: learner, state: call.state)
            let runner = try learner.startRunner(
                goal: goal, executor: executor, options: runnerOptions, learnerValue: call.value(1), kernel: kernel)
            kernel.jobs.add(runner)
            let loop = kernel.eventLoop
            runner.control.onFinish { _ in loop.post {} }   // wakes a waiting event loop at once
            try call.push(object: runner)
            return 1
        }
    }

    static var luaClass: LuaClass<LuaRunner> {
        let type = LuaClass<LuaRunner>("Runner")
        type.tostring { "<Runner \($0.summary)>" }
        type.property("learner") { $0.learnerValue }
        type.property("pending_points") { $0.details.pendingPoints() }
        type.property("tracebacks") { $0.details.tracebacks() }
        type.property("to_retry") { $0.details.toRetry() }
        type.property("failed") { $0.details.failed() }
        type.property("log") { $0.details.log() }
        type.property("ntasks") { .integer($0.control.ntasks) }
        type.property("task", pushing: { runner, call in try call.push(object: LuaRunnerTask(runner)) })
        type.method("status") { runner, call in call.returning(.string(runner.control.status().rawValue)) }
        type.method("cancel") { runner, _ in runner.control.cancel(); return 0 }
        type.method("elapsed_time") { runner, call in call.push(runner.control.elapsedTime()); return 1 }
        type.method("overhead") { runner, call in call.push(runner.control.overhead()); return 1 }
        type.method("live_info") { runner, call in call.returning(.string(runner.summary)) }
        installExtras(type)
        type.method("block_until_done") { runner, call in
            try runner.waitInterruptibly(call)
            try runner.raiseError()
            return 0
        }
        return type
    }

    /// Waits for the end in short slices, so Ctrl-C (an interrupt of the kernel) stops the wait.
    func waitInterruptibly(_ call: LuaCall) throws {
        while !control.waitUntilDone(timeout: 0.05) {
            try call.state.checkInterrupt()
        }
    }

    /// Raises the runner's error in Lua (python's `task.result()`).
    func raiseError() throws {
        switch control.status() {
        // LuaErrors carry no position of their own: the Lua wrappers add the caller's line.
        case .failed:
            throw LuaError(kind: .runtime, message: "the runner failed: \(control.error.map { "\($0)" } ?? "unknown error")")
        case .cancelled: throw LuaError(kind: .runtime, message: "the runner was cancelled")
        default: return
        }
    }
}

/// `runner.task`: python-adaptive's asyncio task, `task:done()` and `task:result()`.
final class LuaRunnerTask {
    let runner: LuaRunner
    init(_ runner: LuaRunner) { self.runner = runner }

    static var luaClass: LuaClass<LuaRunnerTask> {
        let type = LuaClass<LuaRunnerTask>("RunnerTask")
        type.tostring { "<Task \($0.runner.control.status())>" }
        type.method("done") { task, call in call.returning(.boolean(task.runner.control.isDone)) }
        type.method("result") { task, call in
            try task.runner.waitInterruptibly(call)
            try task.runner.raiseError()
            return 0
        }
        type.method("cancel") { task, _ in task.runner.control.cancel(); return 0 }
        return type
    }
}
