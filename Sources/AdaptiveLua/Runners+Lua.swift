import Adaptive
import Foundation
import LuaKit

/// The result of `adaptive.BlockingRunner`: it has run to its goal when it is returned.
final class LuaBlockingRunner {
    let learner: LuaValue
    let elapsed: Double
    let evaluated: Int
    init(learner: LuaValue, elapsed: Double, evaluated: Int) {
        self.learner = learner
        self.elapsed = elapsed
        self.evaluated = evaluated
    }

    static var luaClass: LuaClass<LuaBlockingRunner> {
        let type = LuaClass<LuaBlockingRunner>("BlockingRunner")
        type.tostring { "<BlockingRunner finished, \($0.evaluated) points>" }   // no time: renders stay reproducible
        type.property("learner") { $0.learner }
        type.method("elapsed_time") { runner, call in
            call.push(runner.elapsed)
            return 1
        }
        type.method("status") { _, call in call.returning("finished") }
        return type
    }
}

enum RunnersModule {
    static func install(in lua: LuaState, kernel: Kernel) {
        lua.register(LuaBlockingRunner.luaClass)
        // runner.simple(learner, {goals}): evaluate one point at a time, in order, in the kernel.
        // With an `executor` (and any Runner option): a Runner on it, waited for.
        lua.register(in: ["adaptive", "runner"], "simple") { [unowned kernel] call in
            let learner = try call.learner(1)
            let options = try LuaOptions(call, 2, allowed: LuaRunner.optionNames)
            if options.value("executor") != nil {
                _ = try runBlocking(learner, options: options, call: call, kernel: kernel)
                return 0
            }
            _ = try LuaOptions(call, 2, allowed: goalOptionNames)   // the other runner options need an executor
            _ = try learner.runSimple(goal: try Goal(options: options, learner: learner, state: call.state))
            return 0
        }
        // BlockingRunner(learner, {goals}): the same, returning a finished runner.
        lua.register(in: ["adaptive"], "BlockingRunner") { [unowned kernel] call in
            let learner = try call.learner(1)
            let options = try LuaOptions(call, 2, allowed: LuaRunner.optionNames)
            if options.value("executor") != nil {
                try call.push(object: try runBlocking(learner, options: options, call: call, kernel: kernel))
                return 1
            }
            _ = try LuaOptions(call, 2, allowed: goalOptionNames)
            let start = Date()
            let evaluated = try learner.runSimple(goal: try Goal(options: options, learner: learner, state: call.state))
            try call.push(object: LuaBlockingRunner(learner: call.value(1), elapsed: Date().timeIntervalSince(start), evaluated: evaluated))
            return 1
        }
    }

    /// A Runner on the options' executor, waited for through the event loop; raises its error.
    static func runBlocking(_ learner: any LuaLearner, options: LuaOptions, call: LuaCall, kernel: Kernel) throws -> LuaRunner {
        let (runnerOptions, executor) = try LuaRunner.options(options, call: call)
        let goal = try Goal(options: options, learner: learner, state: call.state)
        let runner = try learner.startRunner(
            goal: goal, executor: executor, options: runnerOptions, learnerValue: call.value(1), kernel: kernel)
        try kernel.runEventLoop(until: { runner.control.isDone })
        try runner.raiseError()
        return runner
    }
}
