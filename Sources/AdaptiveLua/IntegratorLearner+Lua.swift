import Adaptive
import LuaKit
import Plotting

/// `adaptive.IntegratorLearner(f, {a, b}, {tol = 1e-8})`: learns ∫ₐᵇ f to the relative
/// tolerance `tol` (Gonnet's CQUAD). Runners without a goal run until `done()`.
final class LuaIntegratorLearner: LuaNumericLearner {
    let core: IntegratorLearner
    let function: LuaRef
    var kindName: String { "IntegratorLearner" }

    init(core: IntegratorLearner, function: LuaRef) {
        self.core = core
        self.function = function
    }

    static func arguments(_ x: Double) -> [Double] { [x] }
    static func value(_ numbers: [Double]) throws -> Double { try SeedArgument.scalar(numbers) }
    static func luaPoint(_ x: Double) -> LuaValue { .number(x) }
    static func luaValue(_ y: Double) -> LuaValue { .number(y) }
    static func point(_ call: LuaCall, _ index: Int) throws -> Double { try call.number(index) }
    static func describe(_ x: Double) -> String { "x = \(x)" }
    var plotter: (@Sendable () throws -> Figure)? { { [core] in try core.figure() } }

    static func install(in lua: LuaState) {
        lua.register(luaClass)
        lua.register(in: ["adaptive"], "IntegratorLearner") { call in
            let function = try call.function(1)
            let bounds = try call.numbers(2)
            guard bounds.count == 2 else {
                throw LuaCallError("IntegratorLearner: bounds must be {a, b} with a < b, got \(bounds.count) numbers")
            }
            let tol: Double
            if call.typeName(3) == "number" {
                tol = try call.number(3)   // positional, as python's IntegratorLearner(f, bounds, tol)
            } else {
                let options = try LuaOptions(call, 3, allowed: ["tol"])
                guard let given = try options.number("tol") else {
                    throw LuaCallError("IntegratorLearner: give the relative tolerance, like adaptive.IntegratorLearner(f, {0, 1}, {tol = 1e-8})")
                }
                tol = given
            }
            let core = try adaptiveCall { try IntegratorLearner(bounds: (bounds[0], bounds[1]), tol: tol) }
            try call.push(object: LuaIntegratorLearner(core: core, function: function))
            return 1
        }
    }

    static var luaClass: LuaClass<LuaIntegratorLearner> {
        let type = LuaClass<LuaIntegratorLearner>("IntegratorLearner")
        addLearnerMembers(to: type)
        type.tostring { "<IntegratorLearner npoints=\($0.core.npoints) igral=\(formatValue($0.core.igral)) err=\(formatLoss($0.core.err))>" }
        type.property("igral") { .number($0.core.igral) }
        type.property("err") { .number($0.core.err) }
        type.property("tol") { .number($0.core.tol) }
        type.property("bounds") { .array([.number($0.core.bounds.lower), .number($0.core.bounds.upper)]) }
        type.property("pending_points") { .array($0.core.pendingPoints.map { .number($0) }) }
        type.property("data") { learner in .pairs(learner.core.data.map { (.number($0.x), .number($0.y)) }) }
        type.property("approximating_intervals") { learner in
            .array(learner.core.approximatingIntervals.map { ival in
                .map(["a": .number(ival.a), "b": .number(ival.b), "depth": .integer(ival.depth),
                      "igral": .number(ival.igral), "err": .number(ival.err), "removed": .boolean(ival.removed)])
            })
        }
        type.method("done") { learner, call in call.returning(.boolean(learner.core.isDone ?? false)) }
        type.method("to_table") { learner, call in
            call.returning(.array(learner.core.data.map { .array([.number($0.x), .number($0.y)]) }))
        }
        type.method("plot") { learner, call in
            let figure = try plotting { try learner.core.figure().options(try LuaFigure.optionValues(call, 1, extra: [])) }
            return call.returning(try LuaFigure.figure(figure, call))
        }
        type.method("new") { learner, call in
            try call.push(object: LuaIntegratorLearner(core: learner.core.newEmpty(), function: learner.function))
            return 1
        }
        return type
    }
}

/// A value for one-line summaries: enough digits to compare integrals (`17.66438354`).
func formatValue(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    return String(format: "%.10g", value)
}
