import Adaptive
import LuaKit
import Plotting

extension Learner1D {
    /// The figure `learner:plot()` shows: the data as markers with a line through them,
    /// one colour per output component, the x range padded by 5% of the domain on each
    /// side (as python-adaptive does). With `markers` false, only the lines.
    public func figure(markers: Bool = true) throws -> Figure {
        let data = self.data
        var elements: [Element] = []
        let components = data.count == 0 ? 1 : data.vdim
        for k in 0..<components {
            let ys = (0..<data.count).map { data.values[$0 * data.vdim + k] }
            let label = components > 1 ? "y\(k + 1)" : nil
            elements.append(try Element.curve(data.xs, ys, label: label))
            if markers { elements.append(try Element.scatter(data.xs, ys)) }
        }
        let (a, b) = bounds
        let margin = 0.05 * (b - a)
        return Figure(elements).xlim((a - margin)...(b + margin)).xlabel("x").ylabel("y")
    }
}

extension LuaLearner1D {
    /// `learner:plot([opts])`: see `Learner1D.figure(markers:)`; `scatter_or_line = "line"`
    /// drops the markers, other options are figure options.
    static func plot(_ learner: LuaLearner1D, _ call: LuaCall) throws -> Int {
        let extras = ["scatter_or_line"]
        let options = try LuaOptions(call, 1, allowed: Figure.optionNames + extras)
        let style = options.value("scatter_or_line") ?? .string("scatter")
        guard style == .string("scatter") || style == .string("line") else {
            throw LuaCallError("Learner1D:plot: scatter_or_line must be \"scatter\" or \"line\"")
        }
        let figure = try plotting {
            try learner.core.figure(markers: style == .string("scatter"))
                .options(try LuaFigure.optionValues(call, 1, extra: extras))
        }
        return call.returning(try LuaFigure.figure(figure, call))
    }
}
