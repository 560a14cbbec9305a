import Adaptive
import LuaKit
import Plotting

extension LuaLearner1D {
    /// `learner:plot([opts])`: the data as markers with a line through them, one colour
    /// per output component, the x range padded by 5% of the domain on each side (as
    /// python-adaptive does). `scatter_or_line = "line"` drops the markers.
    static func plot(_ learner: LuaLearner1D, _ call: LuaCall) throws -> Int {
        let extras = ["scatter_or_line"]
        let options = try LuaOptions(call, 1, allowed: Figure.optionNames + extras)
        let style = options.value("scatter_or_line") ?? .string("scatter")
        guard style == .string("scatter") || style == .string("line") else {
            throw LuaCallError("Learner1D:plot: scatter_or_line must be \"scatter\" or \"line\"")
        }
        let data = learner.core.data
        var elements: [Element] = []
        let components = data.count == 0 ? 1 : data.vdim
        for k in 0..<components {
            let ys = (0..<data.count).map { data.values[$0 * data.vdim + k] }
            let label = components > 1 ? "y\(k + 1)" : nil
            elements.append(try plotting { try Element.curve(data.xs, ys, label: label) })
            if style == .string("scatter") { elements.append(try plotting { try Element.scatter(data.xs, ys) }) }
        }
        let (a, b) = learner.core.bounds
        let margin = 0.05 * (b - a)
        var figure = Figure(elements).xlim((a - margin)...(b + margin)).xlabel("x").ylabel("y")
        figure = try plotting { try figure.options(try LuaFigure.optionValues(call, 1, extra: extras)) }
        return try call.returning(LuaFigure.figure(figure, call))
    }
}
