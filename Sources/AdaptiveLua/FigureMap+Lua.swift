import LuaKit
import Plotting

/// Panels keyed by named dimensions as a Lua value (holoviews' HoloMap): what
/// `BalancingLearner:plot()` gives. `map:overlay("beta")` draws the panels that differ only
/// in beta in one panel, `map:grid()` and `map:layout()` make figures; a notebook cell or
/// `map:save(file)` shows the default (a grid for two or more dimensions, else a layout).
/// `select`, `opts` and `relabel` apply to every panel.
final class LuaFigureMap {
    let map: FigureMap
    init(_ map: FigureMap) { self.map = map }

    static var luaClass: LuaClass<LuaFigureMap> {
        let type = LuaClass<LuaFigureMap>("HoloMap")
        type.tostring { m in
            let n = m.map.entries.count
            let dims = m.map.dimensions.isEmpty ? "" : " over \(m.map.dimensions.joined(separator: ", "))"
            return "<HoloMap \(n) panel\(n == 1 ? "" : "s")\(dims)>"
        }
        type.property("kdims") { .array($0.map.dimensions.map { .string($0) }) }
        // map:overlay("beta") or map:overlay{"alpha", "beta"}; no argument overlays every dimension.
        type.method("overlay") { m, call in
            var names: [String] = []
            if call.typeName(1) == "table" {
                guard case .array(let items) = try call.table(1) else { throw call.argumentError(1, "an array of dimension names expected") }
                names = try items.map { item in
                    guard case .string(let s) = item else { throw call.argumentError(1, "dimension names must be strings") }
                    return s
                }
            } else if call.isNil(1) {
                names = m.map.dimensions
            } else {
                for i in 1...call.count { names.append(try call.string(i)) }
            }
            return try call.returning(value(try plotting { try m.map.overlay(names) }, call))
        }
        type.method("grid") { m, call in try call.returning(LuaFigure.figure(try plotting { try m.map.grid() }, call)) }
        type.method("layout") { m, call in
            let cols = call.isNil(1) ? nil : try call.integer(1)
            return try call.returning(LuaFigure.figure(m.map.layout(cols: cols), call))
        }
        type.method("select") { m, call in
            let options = try LuaOptions(call, 1, allowed: ["x", "y"])
            let x = try LuaFigure.range(options, "x"), y = try LuaFigure.range(options, "y")
            return try call.returning(value(m.map.map { $0.select(x: x, y: y) }, call))
        }
        type.method("opts") { m, call in
            let values = try LuaFigure.optionValues(call, 1, extra: [])
            return try call.returning(value(try plotting { try m.map.map { try $0.options(values) } }, call))
        }
        type.method("save") { m, call in
            let path = try call.string(1)
            do { try m.map.figure().save(to: path) } catch let error as PlotError {
                throw LuaCallError("HoloMap:save: \(error.message)")
            }
            return 0
        }
        type.method("svg") { m, call in call.returning(.string(try plotting { try m.map.figure() }.svg())) }
        return type
    }

    static func value(_ map: FigureMap, _ call: LuaCall) throws -> LuaValue {
        try call.state.value(object: LuaFigureMap(map))
    }
}

extension Kernel {
    /// The default figure of a `HoloMap` value, or nil (a notebook shows a cell's value).
    func figure(ofMap value: LuaValue) -> Figure? {
        guard let map = lua.object(value, as: LuaFigureMap.self)?.map else { return nil }
        return try? map.figure()
    }
}
