import Adaptive
import LuaKit
import Plotting

/// `adaptive.LearnerND(f, bounds [, {loss_per_simplex = ..., nth_neighbors = n}])`: the
/// core learner plus the Lua function `f(x1, ..., xn)` it learns (a number or an array of
/// numbers). `bounds` is one range per axis, `{{x0, x1}, {y0, y1}, {z0, z1}}`, or the
/// points whose convex hull is the domain, `{{x, y}, ...}` or `{hull = {{x, y}, ...}}`.
/// Points are arrays `{x1, ..., xn}`.
final class LuaLearnerND: LuaNumericLearner {
    let core: LearnerND
    let function: LuaRef
    /// The loss as the user gave it (a LossND object or a function), for `loss_per_simplex`.
    let lossValue: LuaValue
    var kindName: String { "LearnerND" }

    init(core: LearnerND, function: LuaRef, lossValue: LuaValue) {
        self.core = core
        self.function = function
        self.lossValue = lossValue
    }

    static func arguments(_ p: [Double]) -> [Double] { p }
    static func value(_ numbers: [Double]) throws -> LearnerND.Value {
        guard !numbers.isEmpty else { throw LuaCallError("expected a number or an array of numbers, got an empty array") }
        return numbers.count == 1 ? .scalar(numbers[0]) : .vector(numbers)
    }
    static func luaPoint(_ p: [Double]) -> LuaValue { .array(p.map { .number($0) }) }
    static func point(_ call: LuaCall, _ index: Int) throws -> [Double] {
        guard case .array(let items) = call.value(index), items.allSatisfy({ $0.double != nil }) else {
            throw call.argumentError(index, "a point {x1, ..., xn} expected, got \(describe(call.value(index)))")
        }
        return items.map { $0.double! }
    }
    static func luaValue(_ value: LearnerND.Value) -> LuaValue {
        switch value {
        case .scalar(let y): return .number(y)
        case .vector(let ys): return luaValue(ys)
        }
    }
    static func luaValue(_ ys: [Double]) -> LuaValue { ys.count == 1 ? .number(ys[0]) : .array(ys.map { .number($0) }) }
    /// `live_plot`'s figure: the image of a 2-D learner, the hull of a 3-D one, else the
    /// slice through the middle of the box along the first two axes.
    var plotter: (@Sendable () throws -> Figure)? {
        { [core] in
            switch core.dimension {
            case 2: return try core.figure()
            case 3: return try core.figure3D()
            default:
                let box = core.boundingBox
                return try core.sliceFigure([nil, nil] + box.dropFirst(2).map { ($0.lower + $0.upper) / 2 })
            }
        }
    }

    static func install(in lua: LuaState) {
        lua.register(luaClass)
        lua.register(in: ["adaptive"], "LearnerND") { call in
            let function = try call.function(1)
            let bounds = try boundsArgument(call, 2)
            var lossValue: LuaValue = .nil
            var nth: Int?
            var anisotropic = false
            if !call.isNil(3), call.typeName(3) == "function" || call.typeName(3) == "LossND" {
                lossValue = call.value(3)   // the loss given positionally, as python allows
            } else {
                let options = try LuaOptions(call, 3, allowed: ["loss_per_simplex", "nth_neighbors", "anisotropic"])
                lossValue = options.value("loss_per_simplex") ?? .nil
                nth = try options.integer("nth_neighbors")
                anisotropic = try options.boolean("anisotropic") ?? false
            }
            let loss: LossND = lossValue == .nil
                ? .default : try LuaLossND.from(lossValue, nthNeighbors: nth, state: call.state)
            let core: LearnerND
            do { core = try LearnerND(bounds: bounds, loss: loss, anisotropic: anisotropic) } catch let error as AdaptiveError {
                throw LuaCallError(error.message)
            }
            try call.push(object: LuaLearnerND(core: core, function: function, lossValue: lossValue))
            return 1
        }
    }

    /// A box `{{x0, x1}, ...}` (two or more ranges) or a hull `{{x, y, ...}, ...}` (points);
    /// `{hull = points}` says hull outright. A list of three or more pairs is a box when
    /// every pair is a range `{a, b}` with a < b, else the points of a plane hull.
    static func boundsArgument(_ call: LuaCall, _ index: Int) throws -> LearnerND.Bounds {
        let given = call.isNil(index) ? LuaValue.nil : call.value(index)
        if case .map(let fields) = given, fields.count == 1, let hull = fields["hull"] {
            guard let points = numberRows(hull) else {
                throw LuaCallError("LearnerND: hull must be a list of points {{x, y, ...}, ...}, got \(describe(hull))")
            }
            return .hull(points)
        }
        guard let rows = numberRows(given), rows.count >= 2 else {
            throw LuaCallError("LearnerND: bounds must be ranges {{x0, x1}, {y0, y1}, ...} or hull points {{x, y}, ...}, got \(describe(given))")
        }
        if rows.allSatisfy({ $0.count == 2 }) && (rows.count == 2 || rows.allSatisfy { $0[0] < $0[1] }) {
            return .box(rows.map { (lower: $0[0], upper: $0[1]) })
        }
        return .hull(rows)
    }

    /// A list of lists of numbers, or nil.
    static func numberRows(_ value: LuaValue) -> [[Double]]? {
        guard case .array(let items) = value else { return nil }
        var rows: [[Double]] = []
        for item in items {
            guard case .array(let xs) = item, xs.allSatisfy({ $0.double != nil }) else { return nil }
            rows.append(xs.map { $0.double! })
        }
        return rows
    }

    /// A short rendering of a Lua value for messages: `{0, 1}`, `{{0, 1}}`, `a string`.
    static func describe(_ value: LuaValue, depth: Int = 0) -> String {
        switch value {
        case .integer(let i): return "\(i)"
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)"
        case .array(let items) where depth < 2 && items.count <= 4:
            return "{" + items.map { describe($0, depth: depth + 1) }.joined(separator: ", ") + "}"
        case .array(let items): return "a table of \(items.count) elements"
        default: return depth == 0 ? "a \(value.typeName)" : value.typeName
        }
    }

    static var luaClass: LuaClass<LuaLearnerND> {
        let type = LuaClass<LuaLearnerND>("LearnerND")
        addLearnerMembers(to: type)
        type.tostring { "<LearnerND ndim=\($0.core.dimension) npoints=\($0.core.npoints) loss=\(formatLoss($0.core.loss()))>" }
        type.property("ndim") { .integer($0.core.dimension) }
        type.property("bounds") { l in
            switch l.core.bounds {
            case .box(let box): return .array(box.map { .array([.number($0.lower), .number($0.upper)]) })
            case .hull: return .array(l.core.boundsPoints.map(luaPoint))
            }
        }
        type.property("vdim") { $0.core.vdim.map { .integer($0) } ?? .nil }
        type.property("anisotropic") { .boolean($0.core.anisotropic) }
        type.property("loss_per_simplex") { $0.lossValue }
        type.property("pending_points") { .array($0.core.pendingPoints.map(luaPoint)) }
        // {{{x, y, z}, value}, ...} in the order the points were first told.
        type.property("data") { .array($0.core.data.map { .array([luaPoint($0.point), luaValue($0.value)]) }) }
        addDataMethods(to: type)
        addPlotMethods(to: type)
        type.method("new") { learner, call in
            try call.push(object: LuaLearnerND(core: learner.core.newEmpty(), function: learner.function, lossValue: learner.lossValue))
            return 1
        }
        return type
    }

    /// tell_many, to_table, interpolate.
    static func addDataMethods(to type: LuaClass<LuaLearnerND>) {
        type.method("tell_many") { learner, call in
            guard case .array(let points) = try call.table(1), case .array(let values) = try call.table(2),
                points.count == values.count
            else {
                throw LuaCallError("LearnerND:tell_many: points and values must be arrays of the same length")
            }
            for (i, (p, v)) in zip(points, values).enumerated() {
                guard case .array(let xs) = p, xs.allSatisfy({ $0.double != nil }) else {
                    throw call.argumentError(1, "element \(i + 1) is not a point {x1, ..., xn}")
                }
                let numbers: [Double]
                if let d = v.double { numbers = [d] } else if case .array(let ys) = v, !ys.isEmpty, ys.allSatisfy({ $0.double != nil }) {
                    numbers = ys.map { $0.double! }
                } else {
                    throw call.argumentError(2, "element \(i + 1) is a \(v.typeName), expected a number or an array of numbers")
                }
                try learner.core.tell(xs.map { $0.double! }, try value(numbers))
            }
            return 0
        }
        // Rows {x1, ..., xn, y1, ...} sorted by point, as python's to_numpy.
        type.method("to_table") { learner, call in
            let rows = learner.core.data.sorted { $0.point.lexicographicallyPrecedes($1.point) }
            call.push(.array(rows.map { .array(($0.point + $0.value).map { .number($0) }) }))
            return 1
        }
        // learner:interpolate(point) or learner:interpolate{points}: the linear model (nil outside).
        type.method("interpolate") { learner, call in
            guard case .array(let items) = try call.table(1) else { throw call.argumentError(1, "a point or an array of points expected") }
            if items.allSatisfy({ $0.double != nil }) {
                return call.returning(learner.core.interpolate(items.map { $0.double! }).map(luaValue) ?? .nil)
            }
            guard let rows = numberRows(.array(items)) else { throw call.argumentError(1, "a point or an array of points expected") }
            return call.returning(.array(learner.core.interpolate(rows).map { $0.map(luaValue) ?? .boolean(false) }))
        }
    }
}

extension Kernel {
    /// The core learner behind a Lua `LearnerND` value, or nil (benchmarks and tests use it).
    public func learnerND(_ value: LuaValue) -> LearnerND? {
        lua.object(value, as: LuaLearnerND.self)?.core
    }
}
