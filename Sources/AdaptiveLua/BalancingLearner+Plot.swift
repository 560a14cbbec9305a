import Adaptive
import LuaKit
import Plotting

extension LuaBalancingLearner {
    /// `bl:plot([{plotter = function(learner) ... end, cdims = ...}])`: every child's plot
    /// (its default, or the plotter's figure) in a `HoloMap` keyed by the children's
    /// combinations (`cdims`; without them, by `i`, the child's number). Other options are
    /// figure options for every panel.
    static func plot(_ bl: LuaBalancingLearner, _ call: LuaCall) throws -> Int {
        let extras = ["plotter", "cdims"]
        let options = try LuaOptions(call, 1, allowed: Figure.optionNames + extras)
        let figureOptions = try LuaFigure.optionValues(call, 1, extra: extras)
        let dims = try options.value("cdims").map { try ChildDimensions(lua: $0) } ?? bl.cdims
            ?? ChildDimensions(names: ["i"], rows: bl.childObjects.indices.map { [.integer($0 + 1)] })
        guard dims.rows.count == bl.childObjects.count else {
            throw LuaCallError("BalancingLearner:plot: cdims has \(dims.rows.count) entries for \(bl.childObjects.count) learners")
        }
        let plotter = try options.function("plotter")
        var entries: [(key: [FacetValue], figure: Figure)] = []
        for i in bl.childObjects.indices {
            var figure: Figure
            if let plotter {
                let result = try plotter.call([try bl.child(i, in: call)]).first ?? .nil
                guard let given = call.state.object(result, as: LuaFigure.self)?.figure else {
                    throw LuaCallError("BalancingLearner:plot: the plotter must return a figure, got \(result.typeName) for learner \(i + 1)")
                }
                figure = given
            } else {
                figure = try bl.engine.childFigure(i)
            }
            figure = try plotting { try figure.options(figureOptions) }
            entries.append((dims.rows[i].map(ChildDimensions.facetValue), figure))
        }
        let map = try plotting { try FigureMap(dimensions: dims.names, entries: entries) }
        return call.returning(try LuaFigureMap.value(map, call))
    }
}
