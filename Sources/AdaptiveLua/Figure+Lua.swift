import LuaKit
import Plotting

/// A figure as a Lua value: built by `learner:plot()` and `adaptive.plot.*`, combined
/// with `+` (side by side) and `*` (overlaid), styled with `:opts{}`, saved with `:save()`.
/// Figures are values: every method returns a new figure and leaves the old one as it was.
final class LuaFigure {
    let figure: Figure
    init(_ figure: Figure) { self.figure = figure }

    static var luaClass: LuaClass<LuaFigure> {
        let type = LuaClass<LuaFigure>("Figure")
        type.tostring { $0.figure.description }
        type.method("save") { fig, call in
            let path = try call.string(1)
            let options = try LuaOptions(call, 2, allowed: ["scale"])
            let scale = try options.number("scale") ?? Plotting.defaultScale
            do { try fig.figure.save(to: path, scale: scale) } catch let error as PlotError {
                throw LuaCallError("Figure:save: \(error.message)")
            }
            return 0
        }
        type.method("opts") { fig, call in
            let values = try optionValues(call, 1, extra: [])
            return try call.returning(figure(try fig.figure.options(values), call))
        }
        type.method("relabel") { fig, call in
            try call.returning(figure(fig.figure.relabel(try call.string(1)), call))
        }
        type.method("cols") { fig, call in
            let n = try call.integer(1)
            guard n >= 1 else { throw call.argumentError(1, "cols must be at least 1, got \(n)") }
            return try call.returning(figure(fig.figure.cols(n), call))
        }
        type.method("select") { fig, call in
            let options = try LuaOptions(call, 1, allowed: ["x", "y"])
            let x = try range(options, "x"), y = try range(options, "y")
            return try call.returning(figure(fig.figure.select(x: x, y: y), call))
        }
        type.method("svg") { fig, call in call.returning(.string(fig.figure.svg())) }
        type.metamethod("__add") { call in
            let a = try call.object(1, as: LuaFigure.self), b = try call.object(2, as: LuaFigure.self)
            return try call.returning(figure(a.figure + b.figure, call))
        }
        type.metamethod("__mul") { call in
            let a = try call.object(1, as: LuaFigure.self), b = try call.object(2, as: LuaFigure.self)
            return try call.returning(figure(try a.figure * b.figure, call))
        }
        return type
    }

    /// A figure as a Lua value.
    static func figure(_ figure: Figure, _ call: LuaCall) throws -> LuaValue {
        try call.state.value(object: LuaFigure(figure))
    }

    /// `{lo, hi}` at `key`, or nil.
    static func range(_ options: LuaOptions, _ key: String) throws -> ClosedRange<Double>? {
        guard let value = options.value(key) else { return nil }
        guard case .array(let items) = value, items.count == 2, let lo = items[0].double, let hi = items[1].double, lo <= hi else {
            throw LuaCallError("\(options.function): \(key) must be {lo, hi} with lo <= hi")
        }
        return lo...hi
    }

    /// Figure options from an options table (`{title = "peak", logy = true, width = 400}`).
    /// Keys in `extra` are left for the caller; any other unknown key is an error that
    /// lists the figure options.
    static func optionValues(_ call: LuaCall, _ index: Int, extra: [String]) throws -> [String: OptionValue] {
        let options = try LuaOptions(call, index, allowed: Figure.optionNames + extra)
        var values: [String: OptionValue] = [:]
        for (key, value) in options.values where !extra.contains(key) {
            switch value {
            case .string(let s): values[key] = .string(s)
            case .boolean(let b): values[key] = .bool(b)
            case .integer, .number: values[key] = .number(value.double!)
            case .array(let items) where items.allSatisfy({ $0.double != nil }):
                values[key] = .numbers(items.map { $0.double! })
            default:
                throw LuaCallError("\(call.name): option '\(key)' cannot be a \(value.typeName)")
            }
        }
        return values
    }

    static func install(in lua: LuaState, kernel: Kernel) {
        lua.register(luaClass)
        lua.register(LuaFigureMap.luaClass)
        lua.register(in: ["adaptive"], "display") { [unowned kernel] call in
            let figure = try call.object(1, as: LuaFigure.self).figure
            kernel.display(figure)
            return 0
        }
        PlotModule.install(in: lua)
    }
}

extension Kernel {
    /// The figure a Lua value holds, if it is one (a notebook shows a cell's figure value).
    public func figure(of value: LuaValue) -> Figure? {
        lua.object(value, as: LuaFigure.self)?.figure ?? figure(ofMap: value)
    }

    /// Hands a figure to `onDisplay` (`adaptive.display(fig)` calls this).
    public func display(_ figure: Figure) {
        onDisplay?(figure)
    }
}
