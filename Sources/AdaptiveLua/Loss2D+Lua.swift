import Adaptive
import LuaKit

/// A `Learner2D` loss as a Lua value: a built-in or the user's own. Callable on one
/// triangle (`default_loss(tri)`) so custom losses can build on the built-ins.
///
/// **The custom-loss ABI.** `loss_per_triangle = function(tri) ... return number end` is
/// called once per triangle whose loss must be (re)computed. `tri` is a read-only
/// `Triangle` (see ``LuaTriangle``); the function returns the triangle's loss, a number
/// (larger: refined sooner; +inf: refined first; NaN counts as +inf).
final class LuaLoss2D {
    let loss: Loss2D
    init(_ loss: Loss2D) { self.loss = loss }

    static var luaClass: LuaClass<LuaLoss2D> {
        let type = LuaClass<LuaLoss2D>("Loss2D")
        type.property("name") { .string($0.loss.name) }
        type.tostring { "<Loss2D \($0.loss.name)>" }
        type.metamethod("__call") { call in
            // __call receives the loss itself as argument 1.
            let loss = try call.object(1, as: LuaLoss2D.self).loss
            guard let t = call.anyObject(2) as? LuaTriangle else {
                throw LuaCallError("Loss2D \(loss.name): \(expectedTriangle), got \(call.typeName(2))")
            }
            call.push(try loss(t.triangle))
            return 1
        }
        return type
    }

    static let expectedTriangle = "expected a triangle (the argument of a loss_per_triangle function)"

    /// The triangle at argument `index` of a helper's call.
    static func triangle(_ call: LuaCall, _ index: Int) throws -> Learner2D.Triangle {
        guard let t = call.anyObject(index) as? LuaTriangle else {
            throw call.argumentError(index, "\(expectedTriangle), got \(call.typeName(index))")
        }
        return t.triangle
    }

    /// A loss written in Lua. Runs in the kernel's state when the kernel tells, and in
    /// a copy when a background runner does (see `SharedLuaFunction`).
    static func custom(_ function: LuaRef, state: LuaState) -> Loss2D {
        let shared = SharedLuaFunction(function, in: state, name: "the loss function")
        return .custom(name: "lua") { triangle in
            let result = try shared.call { state in [try state.value(object: LuaTriangle(triangle))] }
            guard let value = result.first?.double else {
                throw LuaCallError("loss_per_triangle must return a number, got \(result.first?.typeName ?? "no value")")
            }
            return value
        }
    }

    /// The loss given as a Lua value: a `Loss2D` object or a plain function.
    static func from(_ value: LuaValue, state: LuaState) throws -> Loss2D {
        if let box = state.object(value, as: LuaLoss2D.self) { return box.loss }
        guard case .function(let ref) = value else {
            throw LuaCallError("Learner2D: loss_per_triangle must be a function or a loss, got \(value.typeName)")
        }
        return custom(ref, state: state)
    }

    /// Installs the `Loss2D` and `Triangle` classes and `adaptive.learner.learner2D.*`.
    static func install(in lua: LuaState) {
        lua.register(luaClass)
        lua.register(LuaTriangle.luaClass)
        let path = ["adaptive", "learner", "learner2D"]
        func set(_ name: String, _ loss: Loss2D) {
            if let value = try? lua.value(object: LuaLoss2D(loss)) { lua.setField(in: path, name, value) }
        }
        set("default_loss", .default)
        set("uniform_loss", .uniform)
        set("minimize_triangle_surface_loss", .minimizeTriangleSurface)
        // python's areas(ip) and deviations(ip), for one triangle.
        lua.register(in: path, "areas") { call in
            call.push(try triangle(call, 1).area)
            return 1
        }
        lua.register(in: path, "deviations") { call in
            call.push(.array(try triangle(call, 1).deviations.map { .number($0) }))
            return 1
        }
        lua.register(in: path, "resolution_loss_function") { call in
            let o = try LuaLoss1D.factoryArguments(call, ["min_distance", "max_distance"])
            let lo = try o.number("min_distance") ?? 0, hi = try o.number("max_distance") ?? 1
            guard lo >= 0, lo <= hi else {
                throw LuaCallError("resolution_loss_function: need 0 <= min_distance <= max_distance, got \(lo) and \(hi)")
            }
            try call.push(object: LuaLoss2D(.resolution(minDistance: lo, maxDistance: hi)))
            return 1
        }
        lua.register(in: path, "thresholded_loss_function") { call in
            let o = try LuaLoss1D.factoryArguments(call, ["lower_threshold", "upper_threshold", "priority_factor"])
            let loss = Loss2D.thresholded(
                lower: try o.number("lower_threshold"), upper: try o.number("upper_threshold"),
                priorityFactor: try o.number("priority_factor") ?? 0.1)
            try call.push(object: LuaLoss2D(loss))
            return 1
        }
    }
}

/// One triangle as a Lua loss sees it, read-only: python's `ip` narrowed to the
/// triangle being scored. Coordinates are scaled as python scales them (the bounds map
/// to the square [-0.5, 0.5]²), values are raw.
///
/// | field | what |
/// | --- | --- |
/// | `vertices` | `{{x, y}, {x, y}, {x, y}}`, scaled, counter-clockwise |
/// | `values` | the function's values at the vertices: 3 numbers, or 3 arrays for vector output |
/// | `area` | the area in scaled coordinates (the whole domain has area 1) |
/// | `deviation` | the default loss's gradient deviation (summed over components), values divided by `value_scale` |
/// | `deviations` | the deviation of each component |
/// | `value_scale` | the largest per-component range of all values (1 while it is 0) |
/// | `vdim` | the number of components |
final class LuaTriangle {
    let triangle: Learner2D.Triangle
    init(_ triangle: Learner2D.Triangle) { self.triangle = triangle }

    static var luaClass: LuaClass<LuaTriangle> {
        let type = LuaClass<LuaTriangle>("Triangle")
        type.property("vertices") { .array($0.triangle.vertices.map { .array([.number($0.x), .number($0.y)]) }) }
        type.property("values") { box in
            let t = box.triangle
            return .array((0..<3).map { v in
                t.vdim == 1 ? .number(t.value(v)) : .array((0..<t.vdim).map { .number(t.value(v, $0)) })
            })
        }
        type.property("area") { .number($0.triangle.area) }
        type.property("deviation") { .number($0.triangle.deviation) }
        type.property("deviations") { .array($0.triangle.deviations.map { .number($0) }) }
        type.property("value_scale") { .number($0.triangle.valueScale) }
        type.property("vdim") { .integer($0.triangle.vdim) }
        type.tostring { "<Triangle area=\(formatLoss($0.triangle.area)) deviation=\(formatLoss($0.triangle.deviation))>" }
        return type
    }
}
