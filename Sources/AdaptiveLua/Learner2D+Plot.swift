import Adaptive
import LuaKit
import Plotting

extension Learner2D {
    /// The largest grid the default `n` of a plot uses (python has no limit; a grid of
    /// 10⁶ cells already shows more than a figure can).
    static let maxDefaultPlotGrid = 1000

    /// The figure `learner:plot()` shows, as python-adaptive's: the piecewise-linear model
    /// on an n × n grid over the bounds as an image (n defaults to python's
    /// `interpolated_on_grid` choice, at most ``maxDefaultPlotGrid``) and, when `triAlpha`
    /// is above 0, the triangle edges with that opacity on top. A vector-valued function
    /// gives one panel per component, side by side, titled `z1`, `z2`, ... Before the
    /// corners are evaluated the panel is empty.
    public func figure(n: Int? = nil, triAlpha: Double = 0) throws -> Figure {
        let b = bounds
        let xRange = b.x.lower...b.x.upper, yRange = b.y.lower...b.y.upper
        // About equal units on both axes (as holoviews draws images), within 1:2 and 2:1.
        let aspect = min(2, max(0.5, (b.y.upper - b.y.lower) / (b.x.upper - b.x.lower)))
        let height = (300 * aspect + 70).rounded()
        let frame = { (figure: Figure) in
            figure.xlim(xRange).ylim(yRange).xlabel("x").ylabel("y").size(width: 440, height: height)
        }
        let data = self.data
        guard data.count >= 4, case let grid = interpolatedOnGrid(n: n ?? min(Self.maxDefaultPlotGrid, defaultGridSize)),
            !grid.xs.isEmpty
        else {
            return frame(Figure.empty)
        }
        let d = vdim ?? 1, count = grid.xs.count
        var edges: Element?
        if triAlpha > 0 {
            let flat = triangles.flatMap { [$0.0, $0.1, $0.2] }
            var element = try Element.triangles(data.map(\.point.x), data.map(\.point.y), triangles: flat)
            element.style.alpha = min(1, triAlpha)
            element.style.lineWidth = 0.5
            edges = element
        }
        let panels = try (0..<d).map { k -> Figure in
            // Element.image wants row j (the j-th y) after row j - 1; the grid is x-major.
            var values = [Double](repeating: .nan, count: count * count)
            for i in 0..<count {
                for j in 0..<count { values[j * count + i] = grid.values[(i * count + j) * d + k] }
            }
            let image = try Element.image(values, nx: count, ny: count, x: xRange, y: yRange)
            let panel = frame(Figure([image] + (edges.map { [$0] } ?? [])))
            return d > 1 ? panel.title("z\(k + 1)") : panel
        }
        return panels.count == 1 ? panels[0] : Figure.layout(panels)
    }
}

extension LuaLearner2D {
    /// `learner:plot([opts])`: see `Learner2D.figure(n:triAlpha:)`. Options `n` and
    /// `tri_alpha` (0 to 1), and any figure option (`logz = true` for a log colour
    /// scale, `cmap`, `title`, ...).
    static func plot(_ learner: LuaLearner2D, _ call: LuaCall) throws -> Int {
        let extras = ["n", "tri_alpha"]
        let options = try LuaOptions(call, 1, allowed: Figure.optionNames + extras)
        let n = try options.integer("n")
        if let n, n < 2 || n > 10_000 {
            throw LuaCallError("Learner2D:plot: n must be from 2 to 10000, got \(n)")
        }
        let alpha = try options.number("tri_alpha") ?? 0
        guard alpha >= 0 && alpha <= 1 else {
            throw LuaCallError("Learner2D:plot: tri_alpha must be from 0 to 1, got \(alpha)")
        }
        let figure = try plotting {
            try learner.core.figure(n: n, triAlpha: alpha).options(try LuaFigure.optionValues(call, 1, extra: extras))
        }
        return call.returning(try LuaFigure.figure(figure, call))
    }
}
