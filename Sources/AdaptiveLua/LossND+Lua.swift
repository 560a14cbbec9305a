import Adaptive
import LuaKit

/// A `LearnerND` loss as a Lua value: the built-ins and the user's own losses alike.
/// Callable from Lua, `loss(simplex, values [, value_scale, neighbors, neighbor_values])`,
/// so custom losses can build on built-ins.
final class LuaLossND {
    let loss: LossND
    init(_ loss: LossND) { self.loss = loss }

    static var luaClass: LuaClass<LuaLossND> {
        let type = LuaClass<LuaLossND>("LossND")
        type.property("nth_neighbors") { .integer($0.loss.nthNeighbors) }
        type.property("name") { .string($0.loss.name) }
        type.tostring { "<LossND \($0.loss.name), nth_neighbors=\($0.loss.nthNeighbors)>" }
        type.metamethod("__call") { call in
            // __call receives the loss itself as argument 1.
            let loss = try call.object(1, as: LuaLossND.self).loss
            call.push(try loss.evaluate(try simplexArgument(call, from: 2)))
            return 1
        }
        return type
    }

    /// A loss written in Lua: `function(simplex, values, value_scale, neighbors,
    /// neighbor_values)`; `simplex` is the array of the d + 1 vertices (arrays of d scaled
    /// coordinates), `values` their scaled values (numbers, or arrays for vector
    /// outputs). With `nthNeighbors` 1, `neighbors[i]` is the vertex across from vertex
    /// i (or `false` on the hull) and `neighbor_values[i]` its value (or `false`).
    static func custom(_ function: LuaRef, nthNeighbors: Int, state: LuaState) throws -> LossND {
        let shared = SharedLuaFunction(function, in: state, name: "the loss function")
        return try .custom(name: "lua", nthNeighbors: nthNeighbors) { s in
            let result = try shared.call { _ in arguments(s) }
            guard let value = result.first?.double else {
                throw LuaCallError("loss_per_simplex must return a number, got \(result.first?.typeName ?? "no value")")
            }
            return value
        }
    }

    /// The Lua arguments of a loss call for `s`.
    static func arguments(_ s: LearnerND.Simplex) -> [LuaValue] {
        func value(_ v: [Double]) -> LuaValue { v.count == 1 ? .number(v[0]) : .array(v.map { .number($0) }) }
        let d = s.dimension
        var args: [LuaValue] = [
            .array((0...d).map { .array(s.vertex($0).map { .number($0) }) }),
            .array((0...d).map { value(s.value($0)) }),
            .number(s.valueScale),
        ]
        if !s.neighbors.isEmpty {
            args.append(.array(s.neighbors.map { $0.map { .array($0.map { .number($0) }) } ?? .boolean(false) }))
            args.append(.array(s.neighborValues.map { $0.map(value) ?? .boolean(false) }))
        }
        return args
    }

    /// The simplex of a Lua call of a loss: arguments `index` (vertices), `index + 1`
    /// (values), then optionally the value scale, neighbours and their values.
    static func simplexArgument(_ call: LuaCall, from index: Int) throws -> LearnerND.Simplex {
        let vertices = try vertexList(call, index, allowFalse: false)
        guard let d = vertices.first??.count, d >= 1, vertices.count == d + 1,
            vertices.allSatisfy({ $0?.count == d })
        else {
            throw call.argumentError(index, "the d + 1 vertices of a simplex expected, each an array of d numbers")
        }
        let values = try valueList(call, index + 1)
        guard values.count == d + 1, let vdim = values.first??.count,
            values.allSatisfy({ $0?.count == vdim })
        else {
            throw call.argumentError(index + 1, "\(d + 1) values expected (numbers, or arrays of one length)")
        }
        var s = LearnerND.Simplex(
            dimension: d, vdim: vdim, vertices: vertices.flatMap { $0! }, values: values.flatMap { $0! },
            valueScale: call.isNil(index + 2) ? 1 : try call.number(index + 2))
        if !call.isNil(index + 3) {
            s.neighbors = try vertexList(call, index + 3, allowFalse: true)
            s.neighborValues = try valueList(call, index + 4)
        } else {
            s.neighbors = Array(repeating: nil, count: d + 1)
            s.neighborValues = s.neighbors
        }
        return s
    }

    static func vertexList(_ call: LuaCall, _ index: Int, allowFalse: Bool) throws -> [[Double]?] {
        guard case .array(let items) = try call.table(index) else {
            throw call.argumentError(index, "an array of points expected")
        }
        return try items.enumerated().map { i, item in
            if case .array(let xs) = item, xs.allSatisfy({ $0.double != nil }) { return xs.map { $0.double! } }
            if allowFalse, !item.isTruthy { return nil }
            throw call.argumentError(index, "element \(i + 1) is a \(item.typeName), expected an array of numbers\(allowFalse ? " or false" : "")")
        }
    }

    static func valueList(_ call: LuaCall, _ index: Int) throws -> [[Double]?] {
        guard case .array(let items) = try call.table(index) else {
            throw call.argumentError(index, "an array of values expected")
        }
        return try items.enumerated().map { i, item -> [Double]? in
            if let d = item.double { return [d] }
            if case .array(let xs) = item, !xs.isEmpty, xs.allSatisfy({ $0.double != nil }) { return xs.map { $0.double! } }
            if !item.isTruthy { return nil }
            throw call.argumentError(index, "element \(i + 1) is a \(item.typeName), expected a number, an array of numbers or false")
        }
    }

    /// The loss given as a Lua value: a `LossND` object or a plain function.
    static func from(_ value: LuaValue, nthNeighbors: Int?, state: LuaState) throws -> LossND {
        if let box = state.object(value, as: LuaLossND.self) {
            if let n = nthNeighbors, n != box.loss.nthNeighbors {
                throw LuaCallError("LearnerND: nth_neighbors = \(n) conflicts with the loss's own \(box.loss.nthNeighbors)")
            }
            return box.loss
        }
        guard case .function(let ref) = value else {
            throw LuaCallError("LearnerND: loss_per_simplex must be a function or a loss, got \(value.typeName)")
        }
        let n = nthNeighbors ?? 0
        guard n == 0 || n == 1 else { throw LuaCallError("LearnerND: nth_neighbors must be 0 or 1, got \(n)") }
        return try custom(ref, nthNeighbors: n, state: state)
    }

    /// Installs `adaptive.learner.learnerND.*` (python's names).
    static func install(in lua: LuaState) {
        lua.register(luaClass)
        let path = ["adaptive", "learner", "learnerND"]
        func set(_ name: String, _ loss: LossND) {
            if let value = try? lua.value(object: LuaLossND(loss)) { lua.setField(in: path, name, value) }
        }
        set("default_loss", .default)
        set("uniform_loss", .uniform)
        set("std_loss", .std)
        set("triangle_loss", .triangle)
        lua.register(in: path, "curvature_loss_function") { call in
            let exploration: Double
            if call.count == 1, !call.isNil(1), case .map = call.value(1) {
                exploration = try LuaOptions(call, 1, allowed: ["exploration"]).number("exploration") ?? 0.05
            } else {
                exploration = call.isNil(1) ? 0.05 : try call.number(1)
            }
            guard exploration >= 0 else { throw call.argumentError(1, "exploration must be >= 0, got \(exploration)") }
            try call.push(object: LuaLossND(.curvature(exploration: exploration)))
            return 1
        }
    }
}
