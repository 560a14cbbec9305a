import Adaptive
import LuaKit
import Plotting

extension LuaSequenceLearner {
    static var luaClass: LuaClass<LuaSequenceLearner> {
        let type = LuaClass<LuaSequenceLearner>("SequenceLearner")
        addBindingMembers(to: type) { $0.binding }
        type.tostring { learner in
            let total = learner.core.sequence.count
            return "<SequenceLearner \(learner.core.npoints) of \(total) done loss=\(formatLoss(learner.core.loss()))>"
        }
        type.property("function") { .function($0.function) }
        // The elements, as a new table (copies: changing it changes nothing in the learner).
        type.property("sequence", pushing: { learner, call in
            call.push(.array(try learner.core.sequence.map { try call.state.value(restoring: $0) }))
        })
        // {[i] = value} of the evaluated elements.
        type.property("data", pushing: { learner, call in
            call.push(.pairs(try learner.core.data.map { (.integer($0.index + 1), try call.state.value(restoring: $0.value)) }))
        })
        type.property("pending_points", pushing: { learner, call in
            call.push(.array(try learner.core.pendingPoints.map { try learner.lua(point: $0, in: call.state) }))
        })
        // learner:result(): the values in sequence order; an error until every element is done.
        type.method("result") { learner, call in
            let values: [PortableValue]
            do { values = try learner.core.result() } catch let error as AdaptiveError {
                throw LuaCallError("SequenceLearner:result: \(error.message.replacingOccurrences(of: "SequenceLearner: ", with: ""))")
            }
            call.push(.array(try values.map { try call.state.value(restoring: $0) }))
            return 1
        }
        type.method("plot") { learner, call in
            let figure = try plotting {
                try learner.core.figure().options(try LuaFigure.optionValues(call, 1, extra: []))
            }
            return call.returning(try LuaFigure.figure(figure, call))
        }
        addPersistenceMembers(to: type)
        type.method("new") { learner, call in
            try call.push(object: LuaSequenceLearner(core: learner.core.newEmpty(), function: learner.function))
            return 1
        }
        return type
    }
}

/// Plotting's element (inside `SequenceLearner`, `Element` is the sequence's element type).
private typealias PlotElement = Element

extension SequenceLearner where Element == PortableValue, Output == PortableValue {
    /// The figure of `learner:plot()`: the values against the elements when both are
    /// numbers, else against the index (from 1), as markers.
    func figure() throws -> Figure {
        let data = self.data
        var xs: [Double] = [], ys: [Double] = []
        var byElement = true
        for (i, value) in data {
            guard let y = value.double else {
                throw LuaCallError("SequenceLearner:plot: the value of element \(i + 1) is a \(value.typeName), not a number; plot learner.data yourself")
            }
            if let x = sequence[i].double { xs.append(x) } else { byElement = false }
            ys.append(y)
        }
        if !byElement { xs = data.map { Double($0.index + 1) } }
        return Figure(try PlotElement.scatter(xs, ys)).xlabel(byElement ? "x" : "index").ylabel("y")
    }
}

extension Kernel {
    /// The core learner behind a Lua `SequenceLearner` value, or nil (tests use it).
    func sequenceLearner(_ value: LuaValue) -> SequenceLearner<PortableValue, PortableValue>? {
        lua.object(value, as: LuaSequenceLearner.self)?.core
    }
}
