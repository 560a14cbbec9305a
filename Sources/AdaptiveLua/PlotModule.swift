import LuaKit
import Plotting

/// `adaptive.plot.*`: figures from plain Lua data.
enum PlotModule {
    static func install(in lua: LuaState) {
        let path = ["adaptive", "plot"]
        for (name, make) in [("curve", Element.curve), ("scatter", Element.scatter), ("path", Element.path)] {
            // adaptive.plot.curve(xs, ys [, opts]); opts may hold `label` and any figure option.
            lua.register(in: path, name) { call in
                let xs = try call.numbers(1), ys = try call.numbers(2)
                let options = try LuaFigure.optionValues(call, 3, extra: [])
                let element = try plotting { try make(xs, ys, nil) }
                return try call.returning(LuaFigure.figure(try plotting { try Figure(element).options(options) }, call))
            }
        }
        // adaptive.plot.histogram(values [, {bins = 20, range = {lo, hi}, ...}])
        lua.register(in: path, "histogram") { call in
            let values = try call.numbers(1)
            let extras = ["bins", "range"]
            let options = try LuaOptions(call, 2, allowed: Figure.optionNames + extras)
            let figureOptions = try LuaFigure.optionValues(call, 2, extra: extras)
            let element = try plotting {
                try Element.histogram(values: values, bins: try options.integer("bins") ?? 20,
                                      range: try LuaFigure.range(options, "range"))
            }
            return try call.returning(LuaFigure.figure(try plotting { try Figure(element).options(figureOptions) }, call))
        }
        // adaptive.plot.image(rows [, {x = {lo, hi}, y = {lo, hi}, ...}]): rows[j][i] is the value
        // at the i-th x and the j-th y, row 1 at the bottom.
        lua.register(in: path, "image") { call in
            guard case .array(let rows) = try call.table(1), !rows.isEmpty else {
                throw call.argumentError(1, "an array of rows of numbers expected")
            }
            var values: [Double] = []
            var nx = 0
            for (j, row) in rows.enumerated() {
                guard case .array(let cells) = row, !cells.isEmpty, nx == 0 || cells.count == nx,
                    cells.allSatisfy({ $0.double != nil })
                else {
                    throw call.argumentError(1, "row \(j + 1) must be an array of \(nx == 0 ? "" : "\(nx) ")numbers")
                }
                nx = cells.count
                values += cells.map { $0.double! }
            }
            let extras = ["x", "y"]
            let options = try LuaOptions(call, 2, allowed: Figure.optionNames + extras)
            let figureOptions = try LuaFigure.optionValues(call, 2, extra: extras)
            let element = try plotting {
                try Element.image(values, nx: nx, ny: rows.count, x: try LuaFigure.range(options, "x") ?? 0...1,
                                  y: try LuaFigure.range(options, "y") ?? 0...1)
            }
            return try call.returning(LuaFigure.figure(try plotting { try Figure(element).options(figureOptions) }, call))
        }
        // adaptive.plot.overlay{a, b, ...} = a * b * ...; adaptive.plot.layout({a, b, ...} [, {cols = n}])
        lua.register(in: path, "overlay") { call in
            let figures = try figureList(call, 1)
            var result = figures[0]
            for next in figures.dropFirst() { result = try plotting { try result * next } }
            return try call.returning(LuaFigure.figure(result, call))
        }
        lua.register(in: path, "layout") { call in
            let figures = try figureList(call, 1)
            let options = try LuaOptions(call, 2, allowed: ["cols"])
            return try call.returning(LuaFigure.figure(Figure.layout(figures, cols: try options.integer("cols")), call))
        }
    }

    /// A non-empty array of figures at argument `index`.
    static func figureList(_ call: LuaCall, _ index: Int) throws -> [Figure] {
        guard case .array(let items) = try call.table(index), !items.isEmpty else {
            throw call.argumentError(index, "a non-empty array of figures expected")
        }
        return try items.enumerated().map { i, item in
            guard let figure = call.state.object(item, as: LuaFigure.self)?.figure else {
                throw call.argumentError(index, "element \(i + 1) is a \(item.typeName), expected a figure")
            }
            return figure
        }
    }
}

/// Runs a Plotting call, turning its errors into Lua errors with the same message.
func plotting<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as PlotError { throw LuaCallError(error.message) }
}
