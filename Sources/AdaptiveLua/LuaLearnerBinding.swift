import Adaptive
import LuaKit
import Plotting

/// A core learner bound to Lua whose function takes numbers and returns numbers: what
/// every such learner shares in Lua (ask/tell/loss methods, `runner.simple`, background
/// runners) written once. A binding says how its points and values look in Lua; the
/// extension does the rest.
///
///     final class LuaLearner2D: LuaNumericLearner { ... }
///     static var luaClass: LuaClass<LuaLearner2D> {
///         let type = LuaClass<LuaLearner2D>("Learner2D")
///         addLearnerMembers(to: type)   // npoints, function, ask, tell, tell_pending, loss, ...
///         ...                           // what is particular to the learner
///     }
///
/// Every such learner is also a ``LuaCoreBinding`` (LuaLearnerBinding+Core.swift), so data
/// savers can wrap it and balancing learners balance it, and saves its data.
protocol LuaNumericLearner: LuaLearner, LuaCoreBinding, LuaBindingProvider where Core: PersistentLearner {
    /// The user's function, in the kernel's state.
    var function: LuaRef { get }
    /// The function's arguments at a point (`f(x, y)` for {x, y}).
    static func arguments(_ point: Core.Point) -> [Double]
    /// A value from the numbers the function returned; throws a message saying what was
    /// expected when they do not fit (`LuaCallError`).
    static func value(_ numbers: [Double]) throws -> Core.Value
    /// A point as Lua shows it (a number or an array of coordinates).
    static func luaPoint(_ point: Core.Point) -> LuaValue
    /// A value as Lua shows it (a number or an array of numbers).
    static func luaValue(_ value: Core.Value) -> LuaValue
    /// The point at argument `index` of a method call.
    static func point(_ call: LuaCall, _ index: Int) throws -> Core.Point
    /// A point for messages (`x = 0.5`, `{0.5, 1}`, `seed = 3`).
    static func describe(_ point: Core.Point) -> String
    /// The learner's default figure (nil: it has none); used by `live_plot`.
    var plotter: (@Sendable () throws -> Figure)? { get }
}

extension LuaNumericLearner {
    var plotter: (@Sendable () throws -> Figure)? { nil }

    /// f at `point` in the kernel, as a learner value; a bad return value names the point.
    func evaluate(_ point: Core.Point) throws -> Core.Value {
        let numbers: [Double]
        do { numbers = try function.callNumbers(Self.arguments(point)) } catch let error as LuaCallError {
            throw LuaCallError("\(kindName): the function returned a bad value at \(Self.describe(point)): \(error.message)")
        }
        do { return try Self.value(numbers) } catch let error as LuaCallError {
            throw LuaCallError("\(kindName): the function returned a bad value at \(Self.describe(point)): \(error.message)")
        }
    }

    /// A point for messages: `x = 0.5` or `{0.5, 1}`.
    static func describe(_ point: Core.Point) -> String {
        let coordinates = arguments(point)
        if coordinates.count == 1 { return "x = \(coordinates[0])" }
        return "{" + coordinates.map { "\($0)" }.joined(separator: ", ") + "}"
    }

    func runSimple(goal: Goal) throws -> Int {
        try Adaptive.runSimple(core, goal: goal, evaluate: evaluate)
    }

    func startRunner(goal: Goal, executor: LuaExecutor, options: RunnerOptions, learnerValue: LuaValue,
                     kernel: Kernel) throws -> LuaRunner {
        let evaluator: any Evaluator<Core.Point, Core.Value> = try executor.evaluator(
            for: function, in: kernel, name: "the learner's function",
            arguments: { Self.arguments($0) }, value: { try Self.value($0) })
        let runner = Runner(core, evaluator: evaluator, goal: goal, options: options)
        let core = self.core
        return LuaRunner(
            control: runner, learnerValue: learnerValue, learnerObject: self, kind: kindName,
            details: .init(
                npoints: { core.npoints },
                loss: { core.loss(real: true) },
                pendingPoints: { .array(runner.pendingPoints.map { Self.luaPoint($0.point) }) },
                tracebacks: { .array(runner.tracebacks.map { .array([Self.luaPoint($0.point), .string($0.traceback)]) }) },
                toRetry: { .array(runner.toRetry.map { .array([Self.luaPoint($0.point), .integer($0.failures)]) }) },
                failed: { .array(runner.failed.map(Self.luaPoint)) },
                log: {
                    guard let log = runner.log else { return .nil }
                    return .array(log.map { entry in
                        switch entry {
                        case .ask(let n): return .array(["ask", .integer(n)])
                        case .tell(let x, let y): return .array(["tell", Self.luaPoint(x), Self.luaValue(y)])
                        }
                    })
                },
                save: saver,
                figure: plotter))
    }

    /// The value at argument `index` of a `tell`: numbers, or a hint when it is nil.
    static func value(_ call: LuaCall, _ index: Int) throws -> Core.Value {
        if call.isNil(index) {
            throw call.argumentError(index, "number or array of numbers expected, got nil; use tell_pending(point) for a point being evaluated")
        }
        do { return try value(try call.numbers(index)) } catch let error as LuaCallError {
            throw call.argumentError(index, error.message)
        }
    }

    /// The members every learner has: `npoints`, `function`, `ask(n [, tell_pending])`,
    /// `tell(point, value)`, `tell_pending(point)`, `loss([real])`, `remove_unfinished()`,
    /// `save(fname)` and `load(fname)`.
    static func addLearnerMembers(to type: LuaClass<Self>) {
        addPersistenceMembers(to: type)
        type.property("npoints") { .integer($0.core.npoints) }
        type.property("function") { .function($0.function) }
        type.method("ask") { learner, call in
            let n = try call.integer(1)
            let tellPending = try call.boolean(2, default: true)
            let (points, improvements) = try learner.core.ask(n, tellPending: tellPending)
            call.push(.array(points.map(luaPoint)))
            call.push(.array(improvements.map { .number($0) }))
            return 2
        }
        type.method("tell") { learner, call in
            try learner.core.tell(try point(call, 1), try value(call, 2))
            return 0
        }
        type.method("tell_pending") { learner, call in
            try learner.core.tellPending(try point(call, 1))
            return 0
        }
        type.method("loss") { learner, call in
            call.push(learner.core.loss(real: try call.boolean(1, default: true)))
            return 1
        }
        type.method("remove_unfinished") { learner, _ in
            learner.core.removeUnfinished()
            return 0
        }
    }
}

extension LuaCall {
    /// A point of `dimension` coordinates at argument `index` (`{x, y}`).
    func coordinates(_ index: Int, dimension: Int) throws -> [Double] {
        let xs = try numbers(index)
        guard xs.count == dimension else {
            throw argumentError(index, "a point of \(dimension) numbers expected, got \(xs.count)")
        }
        return xs
    }
}
