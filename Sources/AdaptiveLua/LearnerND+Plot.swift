import Adaptive
import LuaKit
import Plotting

extension LearnerND {
    /// The largest grid a default `n` gives (python has no limit).
    static let maxDefaultPlotGrid = 400

    /// python's default grid for images: `max(10, 0.658 / √(smallest scaled simplex volume))`.
    var defaultGridSize: Int {
        let volumes = scaledSimplexVolumes
        guard let smallest = volumes.min(), smallest > 0 else { return 10 }
        return min(Self.maxDefaultPlotGrid, max(10, Int(0.658 / smallest.squareRoot())))
    }

    /// The figure `learner:plot()` shows for a 2-D learner, as python-adaptive's: the
    /// piecewise-linear model on an n × n grid as an image (one panel per output
    /// component) and, with `triAlpha` above 0, the triangle edges on top.
    public func figure(n: Int? = nil, triAlpha: Double = 0) throws -> Figure {
        guard dimension == 2 else {
            throw PlotError("LearnerND:plot: only 2-D learners have a plot (this one has \(dimension) dimensions); use plot_slice or plot_3D")
        }
        var figure = try sliceFigure([nil, nil], n: n)
        let (points, _, simplices) = snapshot
        if triAlpha > 0, points.count >= 3 {
            var edges = try Element.triangles(points.map { $0[0] }, points.map { $0[1] }, triangles: simplices.flatMap { $0 })
            edges.style.alpha = min(1, triAlpha)
            edges.style.lineWidth = 0.5
            figure = try figure * Figure([edges])
        }
        return figure
    }

    /// python's `plot_slice`: `cut[i]` fixes axis i at a value, nil leaves it free. One
    /// free axis: the model along it as a curve (n points, default 201, x range padded by
    /// 5%). Two: the model on an n × n grid as an image. A vector output gives one panel
    /// per component.
    public func sliceFigure(_ cut: [Double?], n: Int? = nil) throws -> Figure {
        guard cut.count == dimension else {
            throw PlotError("LearnerND:plot_slice: expected \(dimension) entries (a value or false per axis), got \(cut.count)")
        }
        let free = cut.indices.filter { cut[$0] == nil }
        guard free.count == 1 || free.count == 2 else {
            throw PlotError("LearnerND:plot_slice: 1 or 2 axes must be free (false), got \(free.count)")
        }
        let box = boundingBox, components = vdim ?? 1
        let names = free.map { dimension <= 3 ? ["x", "y", "z"][$0] : "x\($0 + 1)" }
        func point(_ values: [Double]) -> [Double] {
            var p = cut.map { $0 ?? 0 }
            for (axis, v) in zip(free, values) { p[axis] = v }
            return p
        }
        func panel(_ figure: Figure, _ k: Int) -> Figure { components > 1 ? figure.title("y\(k + 1)") : figure }
        if free.count == 1 {
            let count = n ?? 201, b = box[free[0]]
            let xs = (0..<count).map { count == 1 ? b.lower : b.lower + (b.upper - b.lower) * Double($0) / Double(count - 1) }
            let values = interpolate(xs.map { point([$0]) })
            let margin = 0.05 * (b.upper - b.lower)
            let panels = try (0..<components).map { k -> Figure in
                let ys = values.map { $0?[k] ?? .nan }
                return panel(Figure([try Element.curve(xs, ys)]).xlim((b.lower - margin)...(b.upper + margin))
                    .xlabel(names[0]).ylabel("y"), k)
            }
            return panels.count == 1 ? panels[0] : Figure.layout(panels)
        }
        let count = n ?? defaultGridSize
        let (bx, by) = (box[free[0]], box[free[1]])
        let xRange = bx.lower...bx.upper, yRange = by.lower...by.upper
        // Cell centres, row j (the j-th y) after row j - 1, as Element.image wants.
        var grid: [[Double]] = []
        grid.reserveCapacity(count * count)
        for j in 0..<count {
            let y = by.lower + (by.upper - by.lower) * (Double(j) + 0.5) / Double(count)
            for i in 0..<count { grid.append(point([bx.lower + (bx.upper - bx.lower) * (Double(i) + 0.5) / Double(count), y])) }
        }
        let values = npoints > dimension ? interpolate(grid) : Array(repeating: nil, count: grid.count)
        let panels = try (0..<components).map { k -> Figure in
            let image = try Element.image(values.map { $0?[k] ?? .nan }, nx: count, ny: count, x: xRange, y: yRange)
            return panel(Figure([image]).xlim(xRange).ylim(yRange).xlabel(names[0]).ylabel(names[1]), k)
        }
        return panels.count == 1 ? panels[0] : Figure.layout(panels)
    }
}

extension LuaLearnerND {
    static func addPlotMethods(to type: LuaClass<LuaLearnerND>) {
        // learner:plot([opts]): 2-D learners; options n, tri_alpha and figure options.
        type.method("plot") { learner, call in
            let extras = ["n", "tri_alpha"]
            let options = try LuaOptions(call, 1, allowed: Figure.optionNames + extras)
            let n = try gridSize(options.integer("n"), "plot")
            let alpha = try options.number("tri_alpha") ?? 0
            guard alpha >= 0 && alpha <= 1 else { throw LuaCallError("LearnerND:plot: tri_alpha must be from 0 to 1, got \(alpha)") }
            let figure = try plotting {
                try learner.core.figure(n: n, triAlpha: alpha).options(try LuaFigure.optionValues(call, 1, extra: extras))
            }
            return call.returning(try LuaFigure.figure(figure, call))
        }
        // learner:plot_slice({false, false, 0.5} [, n] [, opts]): a value per fixed axis.
        type.method("plot_slice") { learner, call in
            let cut = try cutArgument(call, 1, dimension: learner.core.dimension)
            let n = call.isNil(2) || call.typeName(2) == "table" ? nil : try call.integer(2)
            let optionIndex = call.typeName(2) == "table" ? 2 : 3
            _ = try LuaOptions(call, optionIndex, allowed: Figure.optionNames)
            let figure = try plotting {
                try learner.core.sliceFigure(cut, n: try gridSize(n, "plot_slice", max: 100_000))
                    .options(try LuaFigure.optionValues(call, optionIndex, extra: []))
            }
            return call.returning(try LuaFigure.figure(figure, call))
        }
        addPlot3D(to: type)
        addIsoPlots(to: type)
    }

    /// The slice argument: an array with a number (fixed) or false (free) per axis, or a
    /// table {[axis] = value} of the fixed axes (python's `cut_mapping`, 1-based).
    static func cutArgument(_ call: LuaCall, _ index: Int, dimension: Int) throws -> [Double?] {
        let given = call.isNil(index) ? LuaValue.nil : call.value(index)
        var cut = [Double?](repeating: nil, count: dimension)
        let entries: [(key: LuaValue, value: LuaValue)]
        switch given {
        case .array(let items): entries = items.enumerated().map { (.integer($0.offset + 1), $0.element) }
        case .pairs(let pairs): entries = pairs
        case .map(let fields) where fields.isEmpty: entries = []
        case .ref(let table) where table.typeName == "table":
            // A sparse table such as {[3] = 0.5}: read axes 1...d in Lua, and any other key.
            let read = call.state.builtinFunction("""
                return function(t, n)
                  local r, extra = {}, nil
                  for i = 1, n do local v = rawget(t, i); if v == nil then v = false end; r[i] = v end
                  for k in pairs(t) do
                    if math.type(k) ~= "integer" or k < 1 or k > n then extra = k end
                  end
                  return r, extra
                end
                """, chunkName: "=(plot_slice)")
            let results = try read.call([.ref(table), .integer(dimension)])
            if results.count > 1, results[1] != .nil {
                throw call.argumentError(index, "axes are 1 to \(dimension), got \(describe(results[1]))")
            }
            guard case .array(let items) = results[0] else { return cut }
            entries = items.enumerated().map { (.integer($0.offset + 1), $0.element) }
        default:
            throw call.argumentError(index, "a value or false per axis expected, e.g. {false, false, 0.5}, got \(describe(given))")
        }
        for (key, value) in entries {
            guard let k = key.double, k == k.rounded(), k >= 1, Int(k) <= dimension else {
                throw call.argumentError(index, "axes are 1 to \(dimension), got \(describe(key))")
            }
            if let v = value.double { cut[Int(k) - 1] = v } else if value.isTruthy {
                throw call.argumentError(index, "axis \(Int(k)) must be a number or false, got \(value.typeName)")
            }
        }
        return cut
    }

    static func gridSize(_ n: Int?, _ method: String, max: Int = 10_000) throws -> Int? {
        if let n, n < 2 || n > max { throw LuaCallError("LearnerND:\(method): n must be from 2 to \(max), got \(n)") }
        return n
    }
}
