import Adaptive
import Foundation
import LuaKit
import Plotting

extension LearnerND {
    /// The figure of `learner:plot_3D()` for a 3-D learner: the hull of the evaluated
    /// points seen from a fixed direction (`azimuth` degrees around z, `elevation` degrees
    /// above the xy plane), each hull triangle filled with the colour of the mean value of
    /// its corners and shaded by a light over the viewer's shoulder; triangles are drawn
    /// back to front (the painter's algorithm). The box edges and the axis names frame it.
    /// Coordinates are scaled to the bounding box, so every axis has the same length.
    public func figure3D(azimuth: Double = -50, elevation: Double = 25, component: Int = 0) throws -> Figure {
        guard dimension == 3 else {
            throw PlotError("LearnerND:plot_3D: only 3-D learners have a 3-D plot (this one has \(dimension) dimensions); use plot_slice")
        }
        let (points, values, hull) = hullSnapshot
        let box = boundingBox
        guard component >= 0 && component < (vdim ?? 1) else {
            throw PlotError("LearnerND:plot_3D: component must be from 1 to \(vdim ?? 1), got \(component + 1)")
        }
        let view = View(azimuth: azimuth, elevation: elevation)
        // Box coordinates in [-1, 1]³, projected.
        func unit(_ p: [Double]) -> [Double] {
            (0..<3).map { 2 * (p[$0] - box[$0].lower) / (box[$0].upper - box[$0].lower) - 1 }
        }
        let projected = points.map { view.project(unit($0)) }
        var triangles: [(corners: [Int], depth: Double, value: Double, shade: Double)] = []
        for t in hull {
            let a = unit(points[t[0]]), b = unit(points[t[1]]), c = unit(points[t[2]])
            let normal = view.rotate(cross(sub(b, a), sub(c, a)))
            guard normal[1] < 0 else { continue }  // facing away from the viewer (who looks along +y)
            let length = (normal[0] * normal[0] + normal[1] * normal[1] + normal[2] * normal[2]).squareRoot()
            // Light from the viewer's upper left: (-0.35, -0.8, 0.5) in view coordinates.
            let light = max(0, (-0.35 * normal[0] - 0.8 * normal[1] + 0.5 * normal[2]) / length / 1.00623)
            let value = t.map { values[$0][component] }.reduce(0, +) / 3
            let depth = t.map { projected[$0].depth }.reduce(0, +) / 3
            triangles.append((t, depth, value, 0.45 + 0.55 * min(1, light)))
        }
        triangles.sort { $0.depth > $1.depth }  // far first
        var elements: [Element] = []
        elements.append(try boxEdges(view))
        if !triangles.isEmpty {
            elements.append(try Element.shadedTriangles(
                projected.map(\.x), projected.map(\.y), triangles: triangles.flatMap(\.corners),
                values: triangles.map(\.value), shades: triangles.map(\.shade)))
        }
        elements += axisLabels(view)
        let limit = 1.95
        return try Figure(elements).xlim(-limit...limit).ylim(-limit...limit).size(width: 520, height: 460)
            .options(["xticks": .numbers([]), "yticks": .numbers([]), "show_grid": .bool(false)])
            .clabel(vdim ?? 1 > 1 ? "y\(component + 1)" : "value")
    }

    /// A fixed orthographic view from above: rotate by `azimuth` around z, then tilt by
    /// `elevation`; the viewer looks along +y (the depth), screen x is x, screen y is z.
    struct View {
        let ca: Double, sa: Double, ce: Double, se: Double
        init(azimuth: Double, elevation: Double) {
            (ca, sa) = (cos(azimuth * .pi / 180), sin(azimuth * .pi / 180))
            (ce, se) = (cos(elevation * .pi / 180), sin(elevation * .pi / 180))
        }
        func rotate(_ p: [Double]) -> [Double] {
            let x = ca * p[0] - sa * p[1], y = sa * p[0] + ca * p[1]
            return [x, ce * y - se * p[2], se * y + ce * p[2]]
        }
        func project(_ p: [Double]) -> (x: Double, y: Double, depth: Double) {
            let r = rotate(p)
            return (r[0], r[2], r[1])
        }
    }

    /// The axis names beside the middle of a box edge along each axis: the lowest one on
    /// the screen for x and y, the leftmost for z, pushed away from the box's centre.
    func axisLabels(_ view: View) -> [Element] {
        ["x", "y", "z"].enumerated().map { axis, name in
            var best: (x: Double, y: Double)?
            for a in [-1.0, 1.0] {
                for b in [-1.0, 1.0] {
                    var m = [a, b]
                    m.insert(0, at: axis)
                    let p = view.project(m)
                    let better = axis == 2 ? p.x < (best?.x ?? .infinity) : p.y < (best?.y ?? .infinity)
                    if better { best = (p.x, p.y) }
                }
            }
            let (x, y) = best!
            let length = max(1e-9, (x * x + y * y).squareRoot())
            return Element.text(x + 0.22 * x / length, y + 0.22 * y / length, name)
        }
    }

    /// The box's edges as a light grey path.
    func boxEdges(_ view: View) throws -> Element {
        var xs: [Double] = [], ys: [Double] = []
        let corners = [[-1.0, -1, -1], [1, -1, -1], [1, 1, -1], [-1, 1, -1], [-1, -1, 1], [1, -1, 1], [1, 1, 1], [-1, 1, 1]]
        let edges = [(0, 1), (1, 2), (2, 3), (3, 0), (4, 5), (5, 6), (6, 7), (7, 4), (0, 4), (1, 5), (2, 6), (3, 7)]
        for (a, b) in edges {
            let p = view.project(corners[a]), q = view.project(corners[b])
            xs += [p.x, q.x, .nan]
            ys += [p.y, q.y, .nan]
        }
        var path = try Element.path(xs, ys)
        path.style.color = Color(hex: 0xB0B0B0)
        path.style.lineWidth = 0.8
        return path
    }
}

private func sub(_ a: [Double], _ b: [Double]) -> [Double] { [a[0] - b[0], a[1] - b[1], a[2] - b[2]] }
private func cross(_ a: [Double], _ b: [Double]) -> [Double] {
    [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
}

extension LuaLearnerND {
    /// `learner:plot_3D([opts])`: see `LearnerND.figure3D`; options `azimuth`,
    /// `elevation` (degrees), `component` (1-based, for vector outputs) and figure options.
    static func addPlot3D(to type: LuaClass<LuaLearnerND>) {
        type.method("plot_3D") { learner, call in
            let extras = ["azimuth", "elevation", "component"]
            let options = try LuaOptions(call, 1, allowed: Figure.optionNames + extras)
            let component = try options.integer("component") ?? 1
            let figure = try plotting {
                try learner.core.figure3D(
                    azimuth: try options.number("azimuth") ?? -50, elevation: try options.number("elevation") ?? 25,
                    component: component - 1
                ).options(try LuaFigure.optionValues(call, 1, extra: extras))
            }
            return call.returning(try LuaFigure.figure(figure, call))
        }
    }
}
