import Adaptive
import Foundation
import LuaKit
import Plotting

/// `adaptive.Learner1D(f, {a, b} [, {loss_per_interval = ..., nth_neighbors = n}])`:
/// the core learner plus the Lua function it learns.
final class LuaLearner1D: LuaNumericLearner {
    let core: Learner1D
    let function: LuaRef
    /// The loss as the user gave it (a Loss1D object or a function), for `loss_per_interval`.
    let lossValue: LuaValue
    var kindName: String { "Learner1D" }

    init(core: Learner1D, function: LuaRef, lossValue: LuaValue) {
        self.core = core
        self.function = function
        self.lossValue = lossValue
    }

    static func arguments(_ x: Double) -> [Double] { [x] }
    static func value(_ numbers: [Double]) throws -> Learner1D.Value { Learner1D.Value(numbers) }
    static func luaPoint(_ x: Double) -> LuaValue { .number(x) }
    static func point(_ call: LuaCall, _ index: Int) throws -> Double { try call.number(index) }
    static func luaValue(_ value: Learner1D.Value) -> LuaValue {
        switch value {
        case .scalar(let y): return .number(y)
        case .vector(let ys): return .array(ys.map { .number($0) })
        }
    }
    var plotter: (@Sendable () throws -> Figure)? { { [core] in try core.figure() } }

    static func luaValue(_ value: ArraySlice<Double>) -> LuaValue {
        value.count == 1 ? .number(value.first!) : .array(value.map { .number($0) })
    }

    static func install(in lua: LuaState) {
        lua.register(luaClass)
        // Learner1D(f, {a, b} [, options]) or, with every argument by name (python's keywords,
        // what BalancingLearner.from_product passes), Learner1D(f, {bounds = {a, b}, ...}).
        lua.register(in: ["adaptive"], "Learner1D") { call in
            let function = try call.function(1)
            var named = false
            if call.typeName(2) == "table" { named = try call.table(2).field("bounds") != nil }
            let bounds: [Double]
            if named {
                guard let given = try LuaOptions(call, 2, allowed: ["bounds", "loss_per_interval", "nth_neighbors"]).value("bounds"),
                    case .array(let items) = given, items.allSatisfy({ $0.double != nil })
                else { throw LuaCallError("Learner1D: bounds must be {a, b} with a < b") }
                bounds = items.map { $0.double! }
            } else {
                bounds = try call.numbers(2)
            }
            guard bounds.count == 2 else {
                throw LuaCallError("Learner1D: bounds must be {a, b} with a < b, got \(bounds.count) numbers")
            }
            var lossValue: LuaValue = .nil
            var nth: Int? = nil
            let optionsIndex = named ? 2 : 3
            if !named, !call.isNil(3), call.typeName(3) == "function" || call.typeName(3) == "Loss1D" {
                lossValue = call.value(3)   // the loss given positionally, as python allows
            } else {
                let options = try LuaOptions(call, optionsIndex, allowed: (named ? ["bounds"] : []) + ["loss_per_interval", "nth_neighbors"])
                lossValue = options.value("loss_per_interval") ?? .nil
                nth = try options.integer("nth_neighbors")
            }
            let loss: Loss1D = lossValue == .nil
                ? .default : try LuaLoss1D.from(lossValue, nthNeighbors: nth, state: call.state, function: "Learner1D")
            let core: Learner1D
            do { core = try Learner1D(bounds: (bounds[0], bounds[1]), loss: loss) } catch let error as AdaptiveError {
                throw LuaCallError(error.message)
            }
            try call.push(object: LuaLearner1D(core: core, function: function, lossValue: lossValue))
            return 1
        }
    }

    static var luaClass: LuaClass<LuaLearner1D> {
        let type = LuaClass<LuaLearner1D>("Learner1D")
        addLearnerMembers(to: type)
        type.tostring { "<Learner1D npoints=\($0.core.npoints) loss=\(formatLoss($0.core.loss()))>" }
        type.property("bounds") { .array([.number($0.core.bounds.lower), .number($0.core.bounds.upper)]) }
        type.property("vdim") { $0.core.vdim.map { .integer($0) } ?? .nil }
        type.property("loss_per_interval") { $0.lossValue }
        type.property("pending_points") { .array($0.core.pendingPoints.map { .number($0) }) }
        type.property("data") { learner in
            let data = learner.core.data
            return .pairs((0..<data.count).map { (.number(data.xs[$0]), luaValue(data.value(at: $0))) })
        }
        type.method("tell_many") { learner, call in
            let xs = try call.numbers(1)
            guard case .array(let items) = try call.table(2), items.count == xs.count else {
                throw LuaCallError("Learner1D:tell_many: xs and ys must have the same length, got \(xs.count) and \(call.typeName(2) == "table" ? "a different number" : call.typeName(2))")
            }
            var scalars: [Double] = [], vectors: [[Double]] = []
            for (i, item) in items.enumerated() {
                if let d = item.double { scalars.append(d); vectors.append([d]); continue }
                guard case .array(let parts) = item, !parts.isEmpty, parts.allSatisfy({ $0.double != nil }) else {
                    throw call.argumentError(2, "element \(i + 1) is a \(item.typeName), expected a number or an array of numbers")
                }
                vectors.append(parts.map { $0.double! })
            }
            if scalars.count == items.count { try learner.core.tellMany(xs, scalars) } else { try learner.core.tellMany(xs, vectors) }
            return 0
        }
        type.method("to_table") { learner, call in
            let data = learner.core.data
            call.push(.array((0..<data.count).map { i in
                .array([.number(data.xs[i])] + data.value(at: i).map { .number($0) })
            }))
            return 1
        }
        type.method("plot", plot)
        type.method("new") { learner, call in
            try call.push(object: LuaLearner1D(core: learner.core.newEmpty(), function: learner.function, lossValue: learner.lossValue))
            return 1
        }
        return type
    }
}

extension Kernel {
    /// The core learner behind a Lua `Learner1D` value, or nil (benchmarks and tests use it).
    public func learner1D(_ value: LuaValue) -> Learner1D? {
        lua.object(value, as: LuaLearner1D.self)?.core
    }
}
