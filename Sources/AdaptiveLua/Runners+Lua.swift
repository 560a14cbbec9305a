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
    static func install(in lua: LuaState) {
        lua.register(LuaBlockingRunner.luaClass)
        // runner.simple(learner, {goals}): evaluate one point at a time, in order, in the kernel.
        lua.register(in: ["adaptive", "runner"], "simple") { call in
            let learner = try call.learner(1)
            let options = try LuaOptions(call, 2, allowed: goalOptionNames)
            _ = try learner.runSimple(goal: try Goal(options: options, learner: learner, state: call.state))
            return 0
        }
        // BlockingRunner(learner, {goals}): the same, returning a finished runner.
        lua.register(in: ["adaptive"], "BlockingRunner") { call in
            let learner = try call.learner(1)
            let options = try LuaOptions(call, 2, allowed: goalOptionNames)
            let start = Date()
            let evaluated = try learner.runSimple(goal: try Goal(options: options, learner: learner, state: call.state))
            try call.push(object: LuaBlockingRunner(learner: call.value(1), elapsed: Date().timeIntervalSince(start), evaluated: evaluated))
            return 1
        }
    }
}
