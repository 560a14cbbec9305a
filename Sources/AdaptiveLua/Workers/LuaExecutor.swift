import Adaptive
import Foundation
import LuaKit

/// Where a runner evaluates a Lua function: `adaptive.executors.sequential()`,
/// `threads(n)`, `processes(n)` or `main()`. A specification: each runner makes its own
/// evaluator from it, with the function copied into that evaluator's workers.
final class LuaExecutor {
    enum Kind: String { case sequential, threads, processes, main }
    let kind: Kind
    let workers: Int

    init(_ kind: Kind, workers: Int) {
        self.kind = kind
        self.workers = workers
    }

    /// The default: one worker thread per processor.
    static var `default`: LuaExecutor { LuaExecutor(.threads, workers: ProcessInfo.processInfo.activeProcessorCount) }

    /// An evaluator of `function` (from the kernel's state) for points of a learner;
    /// `arguments` turns a point into the function's arguments, `value` its numbers into a value.
    func evaluator<Point: Sendable, Value: Sendable>(
        for function: LuaRef, in kernel: Kernel, name: String,
        arguments: @escaping @Sendable (Point) -> [Double],
        value: @escaping @Sendable ([Double]) throws -> Value
    ) throws -> any Evaluator<Point, Value> {
        switch kind {
        case .sequential, .threads:
            let portable = try copy(function, in: kernel.lua, name: name)
            let count = kind == .sequential ? 1 : workers
            return ThreadPoolEvaluator<Point, Value>(workers: count, name: "adaptive.lua-worker", makeWorker: { _ in
                let worker = try WorkerState(portable)
                return { point in try value(try worker.evaluate(arguments(point))) }
            })
        case .processes:
            let portable = try copy(function, in: kernel.lua, name: name)
            return try ProcessEvaluator<Point, Value>(workers: workers, function: portable, arguments: arguments, value: value)
        case .main:
            return MainEvaluator<Point, Value>(
                workers: workers, kernel: kernel, function: function, arguments: arguments, value: value)
        }
    }

    private func copy(_ function: LuaRef, in state: LuaState, name: String) throws -> PortableFunction {
        do { return try state.portable(function, name: name) } catch { throw LuaCallError(error.description) }
    }

    static var luaClass: LuaClass<LuaExecutor> {
        let type = LuaClass<LuaExecutor>("Executor")
        type.tostring { "<Executor \($0.kind.rawValue), \($0.workers) worker\($0.workers == 1 ? "" : "s")>" }
        type.property("kind") { .string($0.kind.rawValue) }
        type.property("workers") { .integer($0.workers) }
        return type
    }

    /// More workers than this would exhaust the machine's threads or processes.
    static let maximumWorkers = 1024

    static func install(in lua: LuaState) {
        lua.register(luaClass)
        let path = ["adaptive", "executors"]
        let cores = ProcessInfo.processInfo.activeProcessorCount
        lua.register(in: path, "sequential") { call in
            try call.push(object: LuaExecutor(.sequential, workers: 1))
            return 1
        }
        for kind in [Kind.threads, .processes, .main] {
            lua.register(in: path, kind.rawValue) { call in
                let n = call.isNil(1) ? (kind == .main ? 1 : cores) : try call.integer(1)
                guard n >= 1 else { throw call.argumentError(1, "at least 1 worker expected, got \(n)") }
                guard n <= maximumWorkers else {   // each worker is a thread (and a process) of its own
                    throw call.argumentError(1, "at most \(maximumWorkers) workers, got \(n)")
                }
                try call.push(object: LuaExecutor(kind, workers: n))
                return 1
            }
        }
    }
}
