import Adaptive
import LuaKit
import Plotting

extension LuaAverageLearner1D {
    /// Fields and methods beyond every learner's: `bounds`, `nsamples`,
    /// `min_samples_per_point`, `data` (x → mean), `error` (x → error of the mean),
    /// `pending_points`, `loss_per_interval`, `to_table{mean =}`, `tell_many`, `plot`,
    /// `save`, `load`, `new`.
    static func addMembers(to type: LuaClass<LuaAverageLearner1D>) {
        type.property("bounds") { .array([.number($0.core.bounds.lower), .number($0.core.bounds.upper)]) }
        type.property("nsamples") { .integer($0.core.nsamples) }
        type.property("min_samples_per_point") { .integer($0.core.minSamplesPerPoint) }
        type.property("loss_per_interval") { $0.lossValue }
        type.property("data") { learner in .pairs(learner.core.data.map { (.number($0.x), .number($0.mean)) }) }
        type.property("error") { learner in .pairs(learner.core.statistics.map { (.number($0.x), .number($0.error)) }) }
        type.property("pending_points") { .array($0.core.pendingPoints.map(luaPoint)) }
        // to_table{mean = true}: rows {x, mean}; otherwise rows {seed, x, y}, as python's to_numpy.
        type.method("to_table") { learner, call in
            let options = try LuaOptions(call, 1, allowed: ["mean"])
            if try options.boolean("mean") ?? false {
                return call.returning(.array(learner.core.data.map { .array([.number($0.x), .number($0.mean)]) }))
            }
            return call.returning(.array(learner.core.samples.map { .array([.integer($0.seed), .number($0.x), .number($0.y)]) }))
        }
        type.method("tell_many") { learner, call in
            guard case .array(let items) = try call.table(1) else {
                throw call.argumentError(1, "an array of points {seed, x} expected")
            }
            let values = try call.numbers(2)
            guard items.count == values.count else {
                throw LuaCallError("AverageLearner1D:tell_many: points and values must have the same length, got \(items.count) and \(values.count)")
            }
            let points = try items.enumerated().map { i, item -> Point in
                guard case .array(let parts) = item, parts.count == 2, let s = parts[0].double, let seed = Int(exactly: s), seed >= 0,
                      let x = parts[1].double else {
                    throw call.argumentError(1, "element \(i + 1) is not a point {seed, x} with an integer seed >= 0")
                }
                return Point(seed: seed, x: x)
            }
            try adaptiveCall { try learner.core.tellMany(points, values) }
            return 0
        }
        type.method("plot") { learner, call in
            let figure = try plotting { try learner.core.figure().options(try LuaFigure.optionValues(call, 1, extra: [])) }
            return call.returning(try LuaFigure.figure(figure, call))
        }
        type.method("new") { learner, call in
            try call.push(object: LuaAverageLearner1D(core: learner.core.newEmpty(), userFunction: learner.userFunction,
                                                      lossValue: learner.lossValue, state: call.state))
            return 1
        }
    }
}
