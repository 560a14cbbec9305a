import Adaptive
import LuaKit
import Plotting

/// `adaptive.Learner2D(f, {{x0, x1}, {y0, y1}} [, {loss_per_triangle = ..., stack_size = 10}])`:
/// the core learner plus the Lua function `f(x, y)` it learns (a number or an array of
/// numbers). Points are `{x, y}` arrays.
final class LuaLearner2D: LuaNumericLearner {
    let core: Learner2D
    let function: LuaRef
    /// The loss as the user gave it (a Loss2D object or a function), for `loss_per_triangle`.
    let lossValue: LuaValue
    var kindName: String { "Learner2D" }

    init(core: Learner2D, function: LuaRef, lossValue: LuaValue) {
        self.core = core
        self.function = function
        self.lossValue = lossValue
    }

    static func arguments(_ p: SIMD2<Double>) -> [Double] { [p.x, p.y] }
    static func value(_ numbers: [Double]) throws -> Learner2D.Value {
        numbers.count == 1 ? .scalar(numbers[0]) : .vector(numbers)
    }
    static func luaPoint(_ p: SIMD2<Double>) -> LuaValue { .array([.number(p.x), .number(p.y)]) }
    static func point(_ call: LuaCall, _ index: Int) throws -> SIMD2<Double> {
        let xs = try call.coordinates(index, dimension: 2)
        return SIMD2(xs[0], xs[1])
    }
    static func luaValue(_ value: Learner2D.Value) -> LuaValue {
        switch value {
        case .scalar(let z): return .number(z)
        case .vector(let zs): return luaValue(zs)
        }
    }
    static func luaValue(_ zs: [Double]) -> LuaValue {
        zs.count == 1 ? .number(zs[0]) : .array(zs.map { .number($0) })
    }
    var plotter: (@Sendable () throws -> Figure)? { { [core] in try core.figure() } }

    static func install(in lua: LuaState) {
        lua.register(luaClass)
        lua.register(in: ["adaptive"], "Learner2D") { call in
            let function = try call.function(1)
            let bounds = try boundsArgument(call, 2)
            var lossValue: LuaValue = .nil
            var stackSize = 10
            if !call.isNil(3), call.typeName(3) == "function" || call.typeName(3) == "Loss2D" {
                lossValue = call.value(3)   // the loss given positionally, as python allows
            } else {
                let options = try LuaOptions(call, 3, allowed: ["loss_per_triangle", "stack_size"])
                lossValue = options.value("loss_per_triangle") ?? .nil
                stackSize = try options.integer("stack_size") ?? 10
            }
            let loss: Loss2D = lossValue == .nil ? .default : try LuaLoss2D.from(lossValue, state: call.state)
            let core: Learner2D
            do { core = try Learner2D(bounds: bounds, loss: loss, stackSize: stackSize) } catch let error as AdaptiveError {
                throw LuaCallError(error.message)
            }
            try call.push(object: LuaLearner2D(core: core, function: function, lossValue: lossValue))
            return 1
        }
    }

    /// `{{x0, x1}, {y0, y1}}` at argument `index`; the core checks that each is a range.
    static func boundsArgument(_ call: LuaCall, _ index: Int) throws -> ((Double, Double), (Double, Double)) {
        let given = call.isNil(index) ? .nil : call.value(index)
        let ranges: [[Double]]? = {
            guard case .array(let items) = given, items.count == 2 else { return nil }
            let pairs = items.map { item -> [Double]? in
                guard case .array(let xs) = item, xs.count == 2, let a = xs[0].double, let b = xs[1].double else { return nil }
                return [a, b]
            }
            return pairs.allSatisfy { $0 != nil } ? pairs.map { $0! } : nil
        }()
        guard let ranges else {
            throw LuaCallError("Learner2D: bounds must be two ranges {{x0, x1}, {y0, y1}}, got \(describe(given))")
        }
        return ((ranges[0][0], ranges[0][1]), (ranges[1][0], ranges[1][1]))
    }

    /// A short rendering of a Lua value for messages: `{0, 1}`, `{{0, 1}}`, `a string`.
    static func describe(_ value: LuaValue, depth: Int = 0) -> String {
        switch value {
        case .integer, .number: return AdaptiveLuaFormat.number(value.double!)
        case .array(let items) where depth < 2 && items.count <= 4:
            return "{" + items.map { describe($0, depth: depth + 1) }.joined(separator: ", ") + "}"
        case .array(let items): return "a table of \(items.count) elements"
        default: return depth == 0 ? "a \(value.typeName)" : value.typeName
        }
    }

    static var luaClass: LuaClass<LuaLearner2D> {
        let type = LuaClass<LuaLearner2D>("Learner2D")
        addLearnerMembers(to: type)
        type.tostring { "<Learner2D npoints=\($0.core.npoints) loss=\(formatLoss($0.core.loss()))>" }
        type.property("bounds") { l in
            let b = l.core.bounds
            return .array([.array([.number(b.x.lower), .number(b.x.upper)]), .array([.number(b.y.lower), .number(b.y.upper)])])
        }
        type.property("vdim") { $0.core.vdim.map { .integer($0) } ?? .nil }
        type.property("loss_per_triangle") { $0.lossValue }
        type.property("pending_points") { .array($0.core.pendingPoints.map(luaPoint)) }
        type.property("stack") { .array($0.core.stack.map { .array([luaPoint($0.point), .number($0.loss)]) }) }
        type.property("stack_size") { .integer($0.core.stackSize) }
        // {{{x, y}, z}, ...} in the order the points were first told.
        type.property("data") { .array($0.core.data.map { .array([luaPoint($0.point), luaValue($0.value)]) }) }
        addDataMethods(to: type)
        type.method("plot", plot)
        type.method("new") { learner, call in
            try call.push(object: LuaLearner2D(core: learner.core.newEmpty(), function: learner.function, lossValue: learner.lossValue))
            return 1
        }
        return type
    }

    /// tell_many, to_table, interpolate, interpolated_on_grid.
    static func addDataMethods(to type: LuaClass<LuaLearner2D>) {
        type.method("tell_many") { learner, call in
            guard case .array(let points) = try call.table(1), case .array(let values) = try call.table(2),
                points.count == values.count
            else {
                throw LuaCallError("Learner2D:tell_many: expected two arrays of the same length, points {{x, y}, ...} and values")
            }
            var ps: [SIMD2<Double>] = [], vs: [[Double]] = []
            for (i, (p, v)) in zip(points, values).enumerated() {
                guard case .array(let xy) = p, xy.count == 2, let x = xy[0].double, let y = xy[1].double else {
                    throw call.argumentError(1, "element \(i + 1) is not a point {x, y}")
                }
                if let z = v.double { vs.append([z]) } else if case .array(let zs) = v, !zs.isEmpty, zs.allSatisfy({ $0.double != nil }) {
                    vs.append(zs.map { $0.double! })
                } else {
                    throw call.argumentError(2, "element \(i + 1) is a \(v.typeName), expected a number or an array of numbers")
                }
                ps.append(SIMD2(x, y))
            }
            try learner.core.tellMany(ps, vs)
            return 0
        }
        // Rows {x, y, z...} sorted by x then y (python's to_numpy).
        type.method("to_table") { learner, call in
            call.push(.array(learner.core.sortedRows.map { .array($0.map { .number($0) }) }))
            return 1
        }
        // interpolate(x, y) or interpolate{x, y}: the piecewise-linear model (python's ip()).
        type.method("interpolate") { learner, call in
            let p = call.typeName(1) == "table" ? try point(call, 1) : SIMD2(try call.number(1), try call.number(2))
            guard let z = learner.core.interpolate(p) else { return call.returning(.nil) }
            return call.returning(luaValue(z))
        }
        // xs, ys, zs = interpolated_on_grid([n]): zs[i][j] is the model at xs[i], ys[j].
        type.method("interpolated_on_grid") { learner, call in
            var n: Int?
            if !call.isNil(1) {
                n = try call.integer(1)
                guard n! >= 2 && n! <= 10_000 else { throw call.argumentError(1, "n must be from 2 to 10000, got \(n!)") }
            }
            let grid = learner.core.interpolatedOnGrid(n: n)
            let count = grid.xs.count, d = learner.core.vdim ?? 1
            let zs: [LuaValue] = (0..<count).map { i in
                .array((0..<count).map { j in
                    let base = (i * count + j) * d
                    return luaValue(Array(grid.values[base..<(base + d)]))
                })
            }
            call.push(.array(grid.xs.map { .number($0) }))
            call.push(.array(grid.ys.map { .number($0) }))
            call.push(.array(zs))
            return 3
        }
    }
}

extension Kernel {
    /// The core learner behind a Lua `Learner2D` value, or nil (benchmarks and tests use it).
    public func learner2D(_ value: LuaValue) -> Learner2D? {
        lua.object(value, as: LuaLearner2D.self)?.core
    }
}

/// Number formatting for messages about Lua values.
enum AdaptiveLuaFormat {
    static func number(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }
}
