import Adaptive
import Foundation
import LuaKit
import Plotting

/// What the `BalancingLearner` Lua class needs of a balancing binding, whatever its children.
protocol BalancingEngine: LuaCoreBinding {
    var childCount: Int { get }
    var strategyName: String { get }
    func setStrategy(_ name: String) throws
    /// True when every child has at least `n` points (python's `npoints_goal`).
    func everyChild(has n: Int) -> Bool
    func saveChild(_ i: Int, to path: String) throws
    func loadChild(_ i: Int, from path: String) throws
    /// Child `i`'s default figure.
    func childFigure(_ i: Int) throws -> Figure
    /// After children changed directly (loaded): the core's caches are dropped.
    func forgetCaches()
}

/// A balancing learner of learners of kind `Child`, bound to Lua: the core's
/// `BalancingLearner<Child.Core>` (specialized code for `Learner1D` children) and one plan
/// over all children's functions, so that an evaluation of point `{i, x}` calls child i's
/// function at x, whichever executor runs it.
final class BalancingBinding<Child: LuaCoreBinding>: LuaCoreBinding, BalancingEngine {
    typealias Core = BalancingLearner<Child.Core>
    let children: [Child]
    let core: Core
    let plan: LuaCallPlan<Core.ChildPoint, Child.Core.Value>
    var kindName: String { "BalancingLearner" }

    init(_ children: [Child], strategy: Core.Strategy) throws {
        self.children = children
        core = try Core(children.map(\.core), strategy: strategy)
        plan = Self.plan(of: children.map(\.plan))
    }

    /// One plan over the children's: their functions one after the other, each child's
    /// tasks pointing at its own.
    static func plan(of plans: [LuaCallPlan<Child.Core.Point, Child.Core.Value>]) -> LuaCallPlan<Core.ChildPoint, Child.Core.Value> {
        var starts: [Int] = [], functions: [LuaRef] = []
        for plan in plans {
            starts.append(functions.count)
            functions += plan.functions
        }
        let offsets = starts
        let tasks = plans.map(\.task), values = plans.map(\.value), describers = plans.map(\.describe)
        let oneFunctionEach = plans.allSatisfy { $0.functions.count == 1 }
        return LuaCallPlan(
            functions: functions, returnsNumbers: plans[0].returnsNumbers,
            task: { p in
                var task = tasks[p.child](p.point)
                task.function = oneFunctionEach ? p.child : task.function + offsets[p.child]
                return task
            },
            value: { p, result in try values[p.child](p.point, result) },
            describe: { p in "learner \(p.child + 1), \(describers[p.child](p.point))" })
    }

    func value(_ result: PortableResult) throws -> Child.Core.Value { try children[0].value(result) }

    func lua(point: Core.ChildPoint, in state: LuaState) throws -> LuaValue {
        .array([.integer(point.child + 1), try children[point.child].lua(point: point.point, in: state)])
    }

    func lua(value: Child.Core.Value, in state: LuaState) throws -> LuaValue { try children[0].lua(value: value, in: state) }

    /// `{i, point}` with `i` from 1.
    func readPoint(_ call: LuaCall, _ index: Int) throws -> Core.ChildPoint {
        guard call.typeName(index) == "table" else {
            throw call.argumentError(index, "a point {i, x} of a child expected, got \(call.typeName(index))")
        }
        let i = try call.withElement(index, 1) { slot -> Int in
            guard call.typeName(slot) == "number", let i = try? call.integer(slot) else {
                throw call.argumentError(index, "a point {i, x} expected, its first element is not a child's number")
            }
            return i
        }
        guard (1...children.count).contains(i) else {
            throw call.argumentError(index, "there is no learner \(i) (there are \(children.count))")
        }
        let point = try call.withElement(index, 2) { slot in
            do { return try children[i - 1].readPoint(call, slot) } catch let error as LuaCallError {
                throw call.argumentError(index, "bad point of learner \(i): \(error.argumentProblem)")
            }
        }
        return .init(child: i - 1, point: point)
    }

    func readValue(_ call: LuaCall, _ index: Int) throws -> Child.Core.Value { try children[0].readValue(call, index) }

    var saver: (@Sendable (String) throws -> Void)? { nil }   // one file per child: see `saveChild`
    var loader: (@Sendable (String) throws -> Void)? { nil }
    var plotter: (@Sendable () throws -> Figure)? {
        let plotters = children.map(\.plotter)
        guard plotters.allSatisfy({ $0 != nil }) else { return nil }
        return { try Figure.layout(plotters.map { try $0!() }) }
    }

    var childCount: Int { children.count }
    var strategyName: String { core.strategy.rawValue }

    func setStrategy(_ name: String) throws { core.strategy = try Self.strategy(name) }

    static func strategy(_ name: String) throws -> Core.Strategy {
        guard let strategy = Core.Strategy(rawValue: name) else {
            let names = Core.Strategy.allCases.map { "\"\($0.rawValue)\"" }
            throw LuaCallError("BalancingLearner: strategy must be \(names.dropLast().joined(separator: ", ")) or \(names.last!), got \"\(name)\"")
        }
        return strategy
    }

    func everyChild(has n: Int) -> Bool { core.learners.allSatisfy { $0.npoints >= n } }

    func saveChild(_ i: Int, to path: String) throws {
        guard let save = children[i].saver else {
            throw LuaCallError("BalancingLearner:save: a \(children[i].kindName) cannot be saved")
        }
        try save(path)
    }

    func loadChild(_ i: Int, from path: String) throws {
        guard let load = children[i].loader else {
            throw LuaCallError("BalancingLearner:load: a \(children[i].kindName) cannot be loaded")
        }
        try load(path)
    }

    func forgetCaches() { core.forgetCaches() }

    func childFigure(_ i: Int) throws -> Figure {
        guard let plot = children[i].plotter else {
            throw LuaCallError("BalancingLearner:plot: a \(children[i].kindName) has no plot; give a plotter")
        }
        return try plot()
    }
}

extension LuaCoreBinding {
    /// The kind as messages name it: "Learner1D", "DataSaver of Learner1D".
    var typeDescription: String {
        if let saver = self as? any DataSaverEngine { return "DataSaver of \(saver.childKindName)" }
        return kindName
    }

    /// A balancing learner of `all` (which must be of this binding's own type) with `self` first.
    func balancing(_ all: [any LuaCoreBinding], strategy: String) throws -> any BalancingEngine {
        let children = try all.enumerated().map { i, binding in
            guard let child = binding as? Self else {
                throw LuaCallError(
                    "BalancingLearner: all learners must be of one type, as in python-adaptive; learner 1 is "
                        + "\(article(typeDescription)), learner \(i + 1) is \(article(binding.typeDescription))")
            }
            return child
        }
        return try BalancingBinding(children, strategy: try BalancingBinding<Self>.strategy(strategy))
    }
}

/// "a Learner1D", "an IntegratorLearner".
func article(_ name: String) -> String {
    ("AEIOU".contains(name.first ?? "x") ? "an " : "a ") + name
}
