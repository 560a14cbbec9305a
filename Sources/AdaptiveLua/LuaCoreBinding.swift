import Adaptive
import LuaKit
import Plotting

/// A core learner bound to Lua, seen generically: its function(s) as a ``LuaCallPlan`` and
/// its points and values as Lua sees them. What runners, data savers and balancing learners
/// need of any learner they drive or wrap.
///
/// Every ``LuaNumericLearner`` is one (LuaLearnerBinding+Core.swift); the wrappers'
/// bindings (`DataSaverBinding`, `BalancingBinding`, `SequenceBinding`) are generic over
/// what they wrap, so a balancing learner of ten `Learner1D`s runs the core's
/// `BalancingLearner<Learner1D>` with no type erasure in the loop.
protocol LuaCoreBinding: AnyObject, SendableMetatype {
    /// Points are hashable, so a data saver can key its records by them.
    associatedtype Core: Learner where Core.Point: Hashable
    var core: Core { get }
    /// The Lua class name ("Learner1D").
    var kindName: String { get }
    /// How points become calls of the learner's Lua function(s).
    var plan: LuaCallPlan<Core.Point, Core.Value> { get }
    /// A value from what the function returned; throws a `LuaCallError` saying what was
    /// expected when it does not fit.
    func value(_ result: PortableResult) throws -> Core.Value
    /// A point as Lua shows it, made in `state`.
    func lua(point: Core.Point, in state: LuaState) throws -> LuaValue
    /// A value as Lua shows it, made in `state`.
    func lua(value: Core.Value, in state: LuaState) throws -> LuaValue
    /// The point at argument `index` of a method call.
    func readPoint(_ call: LuaCall, _ index: Int) throws -> Core.Point
    /// The value at argument `index` of a `tell`.
    func readValue(_ call: LuaCall, _ index: Int) throws -> Core.Value
    /// Saves the learner's data to a file (nil: it cannot be saved).
    var saver: (@Sendable (String) throws -> Void)? { get }
    /// Loads data saved by `saver` (nil: it cannot be loaded).
    var loader: (@Sendable (String) throws -> Void)? { get }
    /// The learner's default figure (nil: it has none).
    var plotter: (@Sendable () throws -> Figure)? { get }
}

/// A Lua object backed by a ``LuaCoreBinding``: learners a data saver can wrap and a
/// balancing learner can balance.
protocol LuaBindingProvider: AnyObject {
    var binding: any LuaCoreBinding { get }
}

extension LuaBindingProvider {
    /// `save(fname)` and `load(fname)` through the binding's `saver` and `loader`: the
    /// learner's data as a text file, written atomically (python-adaptive's
    /// `learner.save` / `learner.load`).
    static func addPersistenceMembers(to type: LuaClass<Self>) {
        type.method("save") { object, call in
            let path = try call.string(1)
            guard let save = object.binding.saver else { throw LuaCallError("\(type.name):save: this learner cannot be saved") }
            try save(path)
            return 0
        }
        type.method("load") { object, call in
            let path = try call.string(1)
            guard let load = object.binding.loader else { throw LuaCallError("\(type.name):load: this learner cannot be loaded") }
            try load(path)
            return 0
        }
    }
}

/// Core learners that mean "every child has N points" by `npoints_goal` (python-adaptive's
/// `auto_goal` for a balancing learner).
protocol LuaNpointsGoal {
    func npointsCondition(_ n: Int) -> Goal.Condition
}

extension LuaCoreBinding {
    /// `runner.simple`: evaluates in the kernel, one point at a time.
    func runPlanSimple(goal: Goal) throws -> Int {
        let plan = self.plan, kind = kindName
        return try Adaptive.runSimple(core, goal: goal) { try plan.evaluateInKernel($0, kind: kind) }
    }

    /// A background runner evaluating the plan on `executor`.
    func startPlanRunner(goal: Goal, executor: LuaExecutor, options: RunnerOptions, learnerValue: LuaValue,
                         learnerObject: AnyObject, kernel: Kernel) throws -> LuaRunner {
        let evaluator = try executor.evaluator(for: plan, in: kernel, name: "the learner's function", kind: kindName)
        let runner = Runner(core, evaluator: evaluator, goal: goal, options: options)
        let core = self.core
        let state = kernel.lua
        return LuaRunner(
            control: runner, learnerValue: learnerValue, learnerObject: learnerObject, kind: kindName,
            details: .init(
                npoints: { core.npoints },
                loss: { core.loss(real: true) },
                pendingPoints: { [self] in .array(runner.pendingPoints.map { show($0.point, state) }) },
                tracebacks: { [self] in .array(runner.tracebacks.map { .array([show($0.point, state), .string($0.traceback)]) }) },
                toRetry: { [self] in .array(runner.toRetry.map { .array([show($0.point, state), .integer($0.failures)]) }) },
                failed: { [self] in .array(runner.failed.map { show($0, state) }) },
                log: { [self] in
                    guard let log = runner.log else { return .nil }
                    return .array(log.map { entry in
                        switch entry {
                        case .ask(let n): return .array(["ask", .integer(n)])
                        case .tell(let x, let y): return .array(["tell", show(x, state), (try? lua(value: y, in: state)) ?? .nil])
                        }
                    })
                },
                save: saver,
                figure: plotter))
    }

    /// A point as Lua shows it, nil if it cannot be rebuilt (for runner views).
    func show(_ point: Core.Point, _ state: LuaState) -> LuaValue { (try? lua(point: point, in: state)) ?? .nil }

    // The members every learner has, for Lua classes of wrappers (see `addBindingMembers`).

    func luaAsk(_ call: LuaCall) throws -> Int {
        let n = try call.integer(1)
        let tellPending = try call.boolean(2, default: true)
        let (points, improvements) = try core.ask(n, tellPending: tellPending)
        call.push(.array(try points.map { try lua(point: $0, in: call.state) }))
        call.push(.array(improvements.map { .number($0) }))
        return 2
    }

    func luaTell(_ call: LuaCall) throws -> Int {
        try core.tell(try readPoint(call, 1), try readValue(call, 2))
        return 0
    }

    func luaTellPending(_ call: LuaCall) throws -> Int {
        try core.tellPending(try readPoint(call, 1))
        return 0
    }

    func luaLoss(_ call: LuaCall) throws -> Int {
        call.push(core.loss(real: try call.boolean(1, default: true)))
        return 1
    }

    var npoints: Int { core.npoints }
    func removeUnfinished() { core.removeUnfinished() }
    var isDone: Bool? { core.isDone }
    var realLoss: Double { core.loss(real: true) }
}

/// The members every learner has (`npoints`, `ask`, `tell`, `tell_pending`, `loss`,
/// `remove_unfinished`, `done`), for a Lua class whose objects hold a binding.
func addBindingMembers<W: AnyObject>(to type: LuaClass<W>, _ binding: @escaping (W) -> any LuaCoreBinding) {
    type.property("npoints") { .integer(binding($0).npoints) }
    type.method("ask") { object, call in try binding(object).luaAsk(call) }
    type.method("tell") { object, call in try binding(object).luaTell(call) }
    type.method("tell_pending") { object, call in try binding(object).luaTellPending(call) }
    type.method("loss") { object, call in try binding(object).luaLoss(call) }
    type.method("remove_unfinished") { object, _ in
        binding(object).removeUnfinished()
        return 0
    }
    type.method("done") { object, call in call.returning(.boolean(binding(object).isDone ?? false)) }
}
