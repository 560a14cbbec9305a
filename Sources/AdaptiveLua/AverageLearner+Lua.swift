import Adaptive
import Foundation
import LuaKit
import Plotting

/// `adaptive.AverageLearner(g, {atol = ..., rtol = ..., min_npoints = ...})`: learns the
/// mean of `g(seed)`, a random variable sampled with the integer seeds 0, 1, 2, …
final class LuaAverageLearner: LuaNumericLearner {
    let core: AverageLearner
    /// What the runners call: the user's function, given its seed as a Lua integer.
    let function: LuaRef
    /// The user's function as given (`learner.function`).
    let userFunction: LuaRef
    var kindName: String { "AverageLearner" }

    init(core: AverageLearner, userFunction: LuaRef, state: LuaState) {
        self.core = core
        self.userFunction = userFunction
        function = SeedArgument.wrap(userFunction, seedPosition: 1, in: state)
    }

    static func arguments(_ seed: Int) -> [Double] { [Double(seed)] }
    static func value(_ numbers: [Double]) throws -> Double { try SeedArgument.scalar(numbers) }
    static func luaPoint(_ seed: Int) -> LuaValue { .integer(seed) }
    static func luaValue(_ value: Double) -> LuaValue { .number(value) }
    static func point(_ call: LuaCall, _ index: Int) throws -> Int { try SeedArgument.seed(call, index) }
    static func describe(_ seed: Int) -> String { "seed = \(seed)" }
    var plotter: (@Sendable () throws -> Figure)? { { [core] in try core.figure() } }

    static func install(in lua: LuaState) {
        lua.register(luaClass)
        lua.register(in: ["adaptive"], "AverageLearner") { call in
            let function = try call.function(1)
            let options = try LuaOptions(call, 2, allowed: ["atol", "rtol", "min_npoints"])
            let atol = try options.number("atol"), rtol = try options.number("rtol")
            guard atol != nil || rtol != nil else {
                throw LuaCallError("AverageLearner: give at least one of atol and rtol, like adaptive.AverageLearner(g, {rtol = 0.01})")
            }
            let core = try adaptiveCall { try AverageLearner(atol: atol, rtol: rtol, minNpoints: try options.integer("min_npoints") ?? 2) }
            try call.push(object: LuaAverageLearner(core: core, userFunction: function, state: call.state))
            return 1
        }
    }

    static var luaClass: LuaClass<LuaAverageLearner> {
        let type = LuaClass<LuaAverageLearner>("AverageLearner")
        addLearnerMembers(to: type)
        type.property("function") { .function($0.userFunction) }
        type.tostring { "<AverageLearner npoints=\($0.core.npoints) mean=\(formatLoss($0.core.mean)) loss=\(formatLoss($0.core.loss()))>" }
        type.property("mean") { .number($0.core.mean) }
        type.property("std") { .number($0.core.std) }
        type.property("atol") { .number($0.core.atol) }
        type.property("rtol") { .number($0.core.rtol) }
        type.property("min_npoints") { .integer($0.core.minNpoints) }
        type.property("pending_points") { .array($0.core.pendingPoints.map { .integer($0) }) }
        type.property("data") { learner in .pairs(learner.core.data.map { (.integer($0.seed), .number($0.value)) }) }
        type.method("to_table") { learner, call in
            call.returning(.array(learner.core.data.map { .array([.integer($0.seed), .number($0.value)]) }))
        }
        type.method("tell_many") { learner, call in
            let seeds = try call.numbers(1), values = try call.numbers(2)
            guard seeds.count == values.count else {
                throw LuaCallError("AverageLearner:tell_many: seeds and values must have the same length, got \(seeds.count) and \(values.count)")
            }
            for (seed, value) in zip(seeds, values) {
                guard let s = Int(exactly: seed) else { throw call.argumentError(1, "seeds must be integers, got \(seed)") }
                try adaptiveCall { try learner.core.tell(s, value) }
            }
            return 0
        }
        type.method("plot") { learner, call in
            let figure = try plotting { try learner.core.figure().options(try LuaFigure.optionValues(call, 1, extra: [])) }
            return call.returning(try LuaFigure.figure(figure, call))
        }
        type.method("new") { learner, call in
            try call.push(object: LuaAverageLearner(core: learner.core.newEmpty(), userFunction: learner.userFunction, state: call.state))
            return 1
        }
        return type
    }
}

/// How learners whose points carry a seed show it to Lua: as an integer argument of
/// the user's function, and as integers in tables.
enum SeedArgument {
    /// A Lua function calling `function` with its argument at `seedPosition` (1-based)
    /// turned into a Lua integer: the runners pass numbers as floats, and a seed reads
    /// better as `3` than `3.0`. The wrapper is plain Lua, so it travels to worker states.
    static func wrap(_ function: LuaRef, seedPosition: Int, in state: LuaState) -> LuaRef {
        let source = seedPosition == 1
            ? "local f = ... return function(seed) return f(math.tointeger(seed)) end"
            : "local f = ... return function(x, seed) return f(x, math.tointeger(seed)) end"
        return state.builtinFunction(source, chunkName: "=(adaptive seeds)", arguments: [.function(function)])
    }

    /// A seed at argument `index`: an integer >= 0.
    static func seed(_ call: LuaCall, _ index: Int) throws -> Int {
        let seed = try call.integer(index)
        guard seed >= 0 else { throw call.argumentError(index, "a seed must be an integer >= 0, got \(seed)") }
        return seed
    }

    /// The one number a function of a seed returns.
    static func scalar(_ numbers: [Double]) throws -> Double {
        guard numbers.count == 1 else {
            throw LuaCallError("expected one number, got \(numbers.count == 0 ? "none" : "\(numbers.count) numbers")")
        }
        return numbers[0]
    }
}

/// Runs a core call, turning its `AdaptiveError` into a Lua error with the same message.
func adaptiveCall<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as AdaptiveError { throw LuaCallError(error.message) }
}
