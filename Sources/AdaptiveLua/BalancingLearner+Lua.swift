import Adaptive
import Foundation
import LuaKit

/// `adaptive.BalancingLearner(learners [, {strategy = "loss_improvements", cdims = ...}])`:
/// one learner over several learners of one type, each point going to the child that needs
/// it most (python-adaptive's `BalancingLearner`). Points are `{i, x}`: child `i` (from 1)
/// and its point; evaluating one calls child i's own function, on any executor.
final class LuaBalancingLearner: LuaLearner, LuaNpointsGoal {
    private(set) var engine: any BalancingEngine
    /// The children: Swift objects, and Lua values in the kernel.
    private(set) var childObjects: [AnyObject]
    private(set) var childValues: [LuaValue]
    /// Labels of the children (`from_product`'s combinations), for plots and file names.
    private(set) var cdims: ChildDimensions?
    var kindName: String { "BalancingLearner" }

    init(engine: any BalancingEngine, childObjects: [AnyObject], childValues: [LuaValue], cdims: ChildDimensions?) {
        self.engine = engine
        self.childObjects = childObjects
        self.childValues = childValues
        self.cdims = cdims
    }

    func runSimple(goal: Goal) throws -> Int {
        // Learner1D children (W7) get code specialized for them, as the core has.
        if let learners1D = engine as? BalancingBinding<LuaLearner1D> { return try learners1D.runPlanSimple(goal: goal) }
        return try engine.runPlanSimple(goal: goal)
    }

    func startRunner(goal: Goal, executor: LuaExecutor, options: RunnerOptions, learnerValue: LuaValue,
                     kernel: Kernel) throws -> LuaRunner {
        try engine.startPlanRunner(goal: goal, executor: executor, options: options, learnerValue: learnerValue,
                                   learnerObject: self, kernel: kernel)
    }

    /// `npoints_goal = n` means every child has n points, as python-adaptive's `auto_goal`.
    func npointsCondition(_ n: Int) -> Goal.Condition {
        let engine = UncheckedSendable(self.engine)
        return .custom { engine.value.everyChild(has: n) }
    }

    /// Child `i` as a value of `state`: the very value given, in the kernel.
    func child(_ i: Int, in call: LuaCall) throws -> LuaValue {
        if case .ref(let ref) = childValues[i], ref.state === call.state { return childValues[i] }
        return try call.state.value(object: childObjects[i])
    }

    /// A balancing learner of the learners in `values` (Lua values of `state`).
    static func make(_ values: [LuaValue], objects: [AnyObject?], strategy: String, cdims: ChildDimensions?) throws -> LuaBalancingLearner {
        guard !values.isEmpty else {
            throw LuaCallError("BalancingLearner: needs at least one learner, got an empty table")
        }
        var bindings: [any LuaCoreBinding] = [], children: [AnyObject] = []
        for (i, object) in objects.enumerated() {
            guard let provider = object as? any LuaBindingProvider else {
                let what = object.map { ($0 as? LuaLearner)?.kindName ?? "\(type(of: $0))" } ?? values[i].typeName
                throw LuaCallError("BalancingLearner: learner \(i + 1) is \(article(what)), not a learner it can balance")
            }
            bindings.append(provider.binding)
            children.append(provider)
        }
        if let cdims, cdims.rows.count != values.count {
            throw LuaCallError("BalancingLearner: cdims has \(cdims.rows.count) entries for \(values.count) learners")
        }
        // Learner1D children (W7) get code specialized for them, plan closures included.
        let engine = try (bindings[0] as? LuaLearner1D)?.balancing(bindings, strategy: strategy)
            ?? bindings[0].balancing(bindings, strategy: strategy)
        return LuaBalancingLearner(engine: engine, childObjects: children, childValues: values, cdims: cdims)
    }

    /// Replaces the children (`bl.learners = {...}`): a new balancing learner of the same
    /// strategy; labels are kept when their number still fits.
    func replaceChildren(_ call: LuaCall, _ index: Int) throws {
        let (values, objects) = try Self.learners(call, index)
        let made = try Self.make(values, objects: objects, strategy: engine.strategyName,
                                 cdims: cdims?.rows.count == values.count ? cdims : nil)
        engine = made.engine
        childObjects = made.childObjects
        childValues = made.childValues
        cdims = made.cdims
    }

    /// The array of learners at argument `index`: their Lua values and Swift objects.
    static func learners(_ call: LuaCall, _ index: Int) throws -> ([LuaValue], [AnyObject?]) {
        guard call.typeName(index) == "table" else {
            throw LuaCallError("BalancingLearner: learners must be an array of learners, got \(call.typeName(index))")
        }
        var values: [LuaValue] = [], objects: [AnyObject?] = []
        for i in stride(from: 1, through: try call.length(index), by: 1) {
            try call.withElement(index, i) { slot in
                values.append(call.value(slot))
                objects.append(call.anyObject(slot))
            }
        }
        return (values, objects)
    }

    static func install(in lua: LuaState) {
        lua.register(luaClass)
        let new = lua.makeFunction(name: "adaptive.BalancingLearner") { call in
            let (values, objects) = try learners(call, 1)
            let options = try LuaOptions(call, 2, allowed: ["strategy", "cdims"])
            var strategy = "loss_improvements"
            if let given = options.value("strategy") {
                guard case .string(let name) = given else {
                    throw LuaCallError("BalancingLearner: strategy must be a string such as \"loss\", got \(given.typeName)")
                }
                strategy = name
            }
            let cdims = try options.value("cdims").map { try ChildDimensions(lua: $0) }
            try call.push(object: try make(values, objects: objects, strategy: strategy, cdims: cdims))
            return 1
        }
        let fromProduct = lua.makeFunction(name: "adaptive.BalancingLearner.from_product", ChildDimensions.fromProduct)
        // A table callable as the constructor, holding `from_product`. Errors are raised
        // again at the caller's level (from within pcall they carry no position of their own).
        let define = lua.builtinFunction("""
            local new, from_product, pcall, error = ...
            return function()
              local function call(_, ...)
                local ok, result = pcall(new, ...)
                if ok then return result end
                error(result, 2)
              end
              adaptive.BalancingLearner = setmetatable({from_product = from_product}, {__call = call})
            end
            """, chunkName: "=(adaptive.BalancingLearner)", arguments: [.function(new), .function(fromProduct), lua.global("pcall"), lua.global("error")])
        do { try define.call() } catch { fatalError("BalancingLearner: the constructor table failed: \(error)") }
    }
}
