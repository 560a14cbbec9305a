import Adaptive
import Foundation
import LuaKit
import Plotting

extension LearnerND {
    /// python's `plot_isosurface`: the surface where a 3-D learner's model equals `level`,
    /// seen as ``figure3D(azimuth:elevation:component:)`` sees the hull: its triangles drawn
    /// back to front, shaded by a light over the viewer's shoulder (both sides lit) and
    /// coloured by height (z).
    public func isosurfaceFigure(level: Double, azimuth: Double = -50, elevation: Double = 25) throws -> Figure {
        guard dimension == 3 else {
            throw PlotError("LearnerND:plot_isosurface: only 3-D learners have iso-surfaces (this one has \(dimension) dimensions); use plot_isoline for 2-D")
        }
        let (points, cells) = try plotting3D { try isoSurface(level: level) }
        let box = boundingBox, view = View(azimuth: azimuth, elevation: elevation)
        func unit(_ p: [Double]) -> [Double] {
            (0..<3).map { 2 * (p[$0] - box[$0].lower) / (box[$0].upper - box[$0].lower) - 1 }
        }
        let projected = points.map { view.project(unit($0)) }
        let faces = cells.map { t -> (corners: [Int], depth: Double, height: Double, shade: Double) in
            let a = unit(points[t[0]]), b = unit(points[t[1]]), c = unit(points[t[2]])
            let u = (0..<3).map { b[$0] - a[$0] }, w = (0..<3).map { c[$0] - a[$0] }
            let n = view.rotate([u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]])
            let length = max(1e-300, (n[0] * n[0] + n[1] * n[1] + n[2] * n[2]).squareRoot())
            let light = abs(-0.35 * n[0] - 0.8 * n[1] + 0.5 * n[2]) / length / 1.00623
            let height = t.map { points[$0][2] }.reduce(0, +) / 3
            return (t, t.map { projected[$0].depth }.reduce(0, +) / 3, height, 0.4 + 0.6 * min(1, light))
        }.sorted { $0.depth > $1.depth }
        var elements = [try boxEdges(view)]
        if !faces.isEmpty {
            elements.append(try Element.shadedTriangles(
                projected.map(\.x), projected.map(\.y), triangles: faces.flatMap(\.corners),
                values: faces.map(\.height), shades: faces.map(\.shade)))
        }
        elements += axisLabels(view)
        let limit = 1.95
        return try Figure(elements).xlim(-limit...limit).ylim(-limit...limit).size(width: 520, height: 460)
            .options(["xticks": .numbers([]), "yticks": .numbers([]), "show_grid": .bool(false)])
            .clabel("z").title("value = \(AdaptiveError.describe(level))")
    }

    /// python's `plot_isoline`: the lines where a 2-D learner's model equals `level`, over
    /// the image of `figure(n:triAlpha:)`.
    public func isolineFigure(level: Double, n: Int? = nil, triAlpha: Double = 0) throws -> Figure {
        guard dimension == 2 else {
            throw PlotError("LearnerND:plot_isoline: only 2-D learners have iso-lines (this one has \(dimension) dimensions)")
        }
        let (points, cells) = try plotting3D { try isoSurface(level: level) }
        var xs: [Double] = [], ys: [Double] = []
        for segment in cells {
            xs += [points[segment[0]][0], points[segment[1]][0], .nan]
            ys += [points[segment[0]][1], points[segment[1]][1], .nan]
        }
        var lines = try Element.path(xs, ys)
        lines.style.color = Color(hex: 0xFFFFFF)
        lines.style.lineWidth = 1.5
        return try figure(n: n, triAlpha: triAlpha) * Figure([lines])
    }

    private func plotting3D<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as AdaptiveError { throw PlotError(error.message) }
    }
}

extension AdaptiveError {
    /// A number as messages show it (`0.5`, `1`, `inf`).
    static func describe(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}

extension LuaLearnerND {
    /// `l:plot_isosurface([level [, opts]])` (3-D) and `l:plot_isoline([level [, opts]])` (2-D):
    /// python's names; `level` defaults to 0; options are figure options (and `n`,
    /// `tri_alpha` for iso-lines, `azimuth`, `elevation` for iso-surfaces).
    static func addIsoPlots(to type: LuaClass<LuaLearnerND>) {
        type.method("plot_isosurface") { learner, call in
            let level = call.isNil(1) || call.typeName(1) == "table" ? 0 : try call.number(1)
            let index = call.typeName(1) == "table" ? 1 : 2
            let extras = ["azimuth", "elevation"]
            let options = try LuaOptions(call, index, allowed: Figure.optionNames + extras)
            let figure = try plotting {
                try learner.core.isosurfaceFigure(
                    level: level, azimuth: try options.number("azimuth") ?? -50, elevation: try options.number("elevation") ?? 25
                ).options(try LuaFigure.optionValues(call, index, extra: extras))
            }
            return call.returning(try LuaFigure.figure(figure, call))
        }
        type.method("plot_isoline") { learner, call in
            let level = call.isNil(1) || call.typeName(1) == "table" ? 0 : try call.number(1)
            let index = call.typeName(1) == "table" ? 1 : 2
            let extras = ["n", "tri_alpha"]
            let options = try LuaOptions(call, index, allowed: Figure.optionNames + extras)
            let n = try gridSize(options.integer("n"), "plot_isoline")
            let figure = try plotting {
                try learner.core.isolineFigure(level: level, n: n, triAlpha: try options.number("tri_alpha") ?? 0)
                    .options(try LuaFigure.optionValues(call, index, extra: extras))
            }
            return call.returning(try LuaFigure.figure(figure, call))
        }
    }
}
