import Adaptive
import LuaKit

/// A `Learner1D` loss as a Lua value: built-ins and the user's own losses alike.
/// Callable from Lua (`default_loss(xs, ys)`) so custom losses can build on built-ins.
final class LuaLoss1D {
    let loss: Loss1D
    init(_ loss: Loss1D) { self.loss = loss }

    static var luaClass: LuaClass<LuaLoss1D> {
        let type = LuaClass<LuaLoss1D>("Loss1D")
        type.property("nth_neighbors") { .integer($0.loss.nthNeighbors) }
        type.property("name") { .string($0.loss.name) }
        type.tostring { "<Loss1D \($0.loss.name), nth_neighbors=\($0.loss.nthNeighbors)>" }
        type.metamethod("__call") { call in
            // __call receives the loss itself as argument 1.
            let loss = try call.object(1, as: LuaLoss1D.self).loss
            let xs = try scaledPoints(call, 2), ys = try scaledValues(call, 3)
            call.push(try loss(xs, ys))
            return 1
        }
        return type
    }

    /// A loss written in Lua: `function(xs, ys) ... end` on scaled values; missing
    /// neighbours are `false`. Runs in the kernel's state when the kernel tells, and in a
    /// copy when a background runner does (see `SharedLuaFunction`).
    static func custom(_ function: LuaRef, nthNeighbors: Int, state: LuaState) -> Loss1D {
        let shared = SharedLuaFunction(function, in: state, name: "the loss function")
        return .custom(nthNeighbors: nthNeighbors, name: "lua") { xs, ys in
            let luaXs: [LuaValue] = xs.map { $0.map { .number($0) } ?? .boolean(false) }
            let luaYs: [LuaValue] = ys.map { y in
                guard let y else { return .boolean(false) }
                return y.count == 1 ? .number(y[0]) : .array(y.map { .number($0) })
            }
            let result = try shared.call { _ in [.array(luaXs), .array(luaYs)] }
            guard let value = result.first?.double else {
                throw LuaCallError(
                    "loss_per_interval must return a number, got \(result.first?.typeName ?? "no value")")
            }
            return value
        }
    }

    /// `xs` of a loss call: numbers, `false` (or nil) for missing neighbours.
    static func scaledPoints(_ call: LuaCall, _ index: Int) throws -> [Double?] {
        guard case .array(let items) = try call.table(index) else {
            throw call.argumentError(index, "an array of numbers expected")
        }
        return try items.enumerated().map { i, item in
            if let d = item.double { return d }
            if !item.isTruthy { return nil }
            throw call.argumentError(index, "element \(i + 1) is a \(item.typeName), expected a number or false")
        }
    }

    /// `ys` of a loss call: numbers or arrays of numbers, `false` for missing neighbours.
    static func scaledValues(_ call: LuaCall, _ index: Int) throws -> [[Double]?] {
        guard case .array(let items) = try call.table(index) else {
            throw call.argumentError(index, "an array of values expected")
        }
        return try items.enumerated().map { i, item -> [Double]? in
            if let d = item.double { return [d] }
            if case .array(let parts) = item, let numbers = Optional(parts.compactMap(\.double)),
                numbers.count == parts.count, !numbers.isEmpty
            {
                return numbers
            }
            if !item.isTruthy { return nil }
            throw call.argumentError(index, "element \(i + 1) is a \(item.typeName), expected a number, an array of numbers or false")
        }
    }

    /// The loss given as a Lua value: a `Loss1D` object or a plain function.
    static func from(_ value: LuaValue, nthNeighbors: Int?, state: LuaState, function: String) throws -> Loss1D {
        if let box = state.object(value, as: LuaLoss1D.self) {
            if let n = nthNeighbors, n != box.loss.nthNeighbors {
                throw LuaCallError("\(function): nth_neighbors = \(n) conflicts with the loss's own \(box.loss.nthNeighbors)")
            }
            return box.loss
        }
        guard case .function(let ref) = value else {
            throw LuaCallError("\(function): loss_per_interval must be a function or a loss, got \(value.typeName)")
        }
        let n = nthNeighbors ?? 0
        guard n >= 0 else { throw LuaCallError("\(function): nth_neighbors must be >= 0, got \(n)") }
        return custom(ref, nthNeighbors: n, state: state)
    }

    /// Installs `adaptive.learner.learner1D.*`.
    static func install(in lua: LuaState) {
        lua.register(luaClass)
        let path = ["adaptive", "learner", "learner1D"]
        func set(_ name: String, _ loss: Loss1D) {
            if let value = try? lua.value(object: LuaLoss1D(loss)) { lua.setField(in: path, name, value) }
        }
        set("default_loss", .default)
        set("uniform_loss", .uniform)
        set("triangle_loss", .triangle)
        set("abs_min_log_loss", .absMinLog)
        lua.register(in: path, "curvature_loss_function") { call in
            let o = try factoryArguments(call, ["area_factor", "euclid_factor", "horizontal_factor"])
            let loss = Loss1D.curvature(
                areaFactor: try o.number("area_factor") ?? 1, euclidFactor: try o.number("euclid_factor") ?? 0.02,
                horizontalFactor: try o.number("horizontal_factor") ?? 0.02)
            try call.push(object: LuaLoss1D(loss))
            return 1
        }
        lua.register(in: path, "resolution_loss_function") { call in
            let o = try factoryArguments(call, ["min_length", "max_length"])
            let minLength = try o.number("min_length") ?? 0, maxLength = try o.number("max_length") ?? 1
            guard minLength <= maxLength else {
                throw LuaCallError("resolution_loss_function: min_length must be <= max_length, got \(minLength) and \(maxLength)")
            }
            try call.push(object: LuaLoss1D(.resolution(minLength: minLength, maxLength: maxLength)))
            return 1
        }
        lua.register(in: path, "uses_nth_neighbors") { call in
            let n = try call.integer(1)
            guard n >= 0 else { throw call.argumentError(1, "nth_neighbors must be >= 0, got \(n)") }
            call.push(.function(call.state.makeFunction(name: "uses_nth_neighbors(\(n))") { inner in
                let function = try inner.function(1)
                try inner.push(object: LuaLoss1D(custom(function, nthNeighbors: n, state: inner.state)))
                return 1
            }))
            return 1
        }
    }

    /// Factory arguments given either positionally (`f(1, 0.02)`) or as options (`f{area_factor = 1}`).
    static func factoryArguments(_ call: LuaCall, _ names: [String]) throws -> LuaOptions {
        if call.count == 1, !call.isNil(1), case .map = call.value(1) {
            return try LuaOptions(call, 1, allowed: names)
        }
        var values: [String: LuaValue] = [:]
        for (i, name) in names.enumerated() where !call.isNil(i + 1) {
            values[name] = .number(try call.number(i + 1))
        }
        if call.count > names.count { throw call.argumentError(names.count + 1, "at most \(names.count) arguments expected") }
        return LuaOptions(function: call.name, values: values)
    }
}
