import Adaptive
import Foundation
import LuaKit
import Synchronization

/// What the `DataSaver` Lua class needs of a data saver binding, whatever it wraps.
protocol DataSaverEngine: LuaCoreBinding {
    func extraData(in state: LuaState) throws -> LuaValue
    /// The wrapped learner's kind ("Learner1D").
    var childKindName: String { get }
}

extension DataSaverBinding: DataSaverEngine {
    var childKindName: String { child.kindName }
}

/// `adaptive.DataSaver(learner, arg_picker)`: wraps a learner whose function returns a
/// record (a table) instead of its value. The learner learns `arg_picker(record)` (a
/// function, or a key such as `"y"`), the whole records are kept in `extra_data`, keyed by
/// point. Fields and methods of the wrapped learner pass through (`saver.bounds`,
/// `saver:plot()`); `saver.learner` is the wrapped learner itself.
final class LuaDataSaver: LuaLearner, LuaBindingProvider {
    let engine: any DataSaverEngine
    /// The wrapped learner's Swift object and its Lua value in the kernel.
    let childObject: AnyObject
    let childValue: LuaValue
    /// The arg_picker as given.
    let pickerValue: LuaValue
    var binding: any LuaCoreBinding { engine }
    var kindName: String { "DataSaver" }

    init(engine: any DataSaverEngine, childObject: AnyObject, childValue: LuaValue, pickerValue: LuaValue) {
        self.engine = engine
        self.childObject = childObject
        self.childValue = childValue
        self.pickerValue = pickerValue
    }

    func runSimple(goal: Goal) throws -> Int { try engine.runPlanSimple(goal: goal) }

    func startRunner(goal: Goal, executor: LuaExecutor, options: RunnerOptions, learnerValue: LuaValue,
                     kernel: Kernel) throws -> LuaRunner {
        try engine.startPlanRunner(goal: goal, executor: executor, options: options, learnerValue: learnerValue,
                                   learnerObject: self, kernel: kernel)
    }

    /// The wrapped learner as a value of `state`: the very value given in the kernel.
    func pushChild(_ call: LuaCall) throws {
        if case .ref(let ref) = childValue, ref.state === call.state { return call.push(childValue) }
        try call.push(object: childObject)
    }

    static func make<C: LuaCoreBinding>(_ child: C, _ picker: DataSaverPicker) -> any DataSaverEngine {
        DataSaverBinding(child, picker: picker)
    }

    /// The picker at argument `index`: a function, a string key or an integer key.
    static func picker(_ call: LuaCall, _ index: Int) throws -> DataSaverPicker {
        switch call.typeName(index) {
        case "function":
            return .function(SharedLuaFunction(try call.function(index), in: call.state, name: "the arg_picker"))
        case "string": return .key(.string(Array(try call.string(index).utf8)))
        case "number": return .key(.integer(Int64(try call.integer(index))))
        default:
            throw LuaCallError("DataSaver: arg_picker must be a function of the record or a key such as \"y\", got \(call.typeName(index))")
        }
    }

    static func install(in lua: LuaState) {
        lua.register(luaClass)
        lua.register(in: ["adaptive"], "DataSaver") { call in
            guard let provider = call.anyObject(1) as? any LuaBindingProvider else {
                throw LuaCallError("DataSaver: learner must be a learner such as adaptive.Learner1D(...), got \(call.typeName(1))")
            }
            let picker = try picker(call, 2)
            let saver = LuaDataSaver(engine: make(provider.binding, picker), childObject: provider,
                                     childValue: call.value(1), pickerValue: call.value(2))
            try call.push(object: saver)
            return 1
        }
        // adaptive.make_datasaver(learner_type, arg_picker): a learner type (a function
        // `(f, options) -> learner`) making data savers, for BalancingLearner.from_product.
        let factory = lua.builtinFunction("""
            local DataSaver = adaptive.DataSaver
            return function(learner_type, arg_picker)
              if learner_type == nil then
                error("adaptive.make_datasaver: learner_type must be a learner type such as adaptive.Learner1D, got nil", 2)
              end
              return function(f, options) return DataSaver(learner_type(f, options), arg_picker) end
            end
            """, chunkName: "=(adaptive.make_datasaver)")
        lua.setField(in: ["adaptive"], "make_datasaver", .function(factory))
    }

    static var luaClass: LuaClass<LuaDataSaver> {
        let type = LuaClass<LuaDataSaver>("DataSaver")
        addBindingMembers(to: type) { $0.engine }
        type.tostring { saver in
            "<DataSaver npoints=\(saver.engine.npoints) loss=\(formatLoss(saver.engine.realLoss)) of \(saver.engine.childKindName)>"
        }
        type.property("learner", pushing: { saver, call in try saver.pushChild(call) })
        type.property("arg_picker") { $0.pickerValue }
        type.property("extra_data", pushing: { saver, call in call.push(try saver.engine.extraData(in: call.state)) })
        addPersistenceMembers(to: type)
        type.fallback { saver, key, call in
            let forward = ForwardingHelper.function(in: call.state)
            try saver.pushChild(call)
            let child = call.value(call.count)
            let results = try forward.call([call.value(1), child, .string(key)])
            guard results.first == .boolean(true) else { return false }
            call.push(results.count > 1 ? results[1] : .nil)
            return true
        }
        return type
    }
}

/// `forward(wrapper, child, key)`: `true, child[key]` (methods bound so that
/// `wrapper:m(...)` calls `child:m(...)`), or `false` when the child has no such member.
/// One copy per Lua state.
enum ForwardingHelper {
    static let source = """
        return function(wrapper, child, key)
          local ok, v = pcall(function() return child[key] end)
          if not ok then return false end
          if type(v) == 'function' then
            return true, function(self, ...)
              if rawequal(self, wrapper) then self = child end
              return v(self, ...)
            end
          end
          return true, v
        end
        """
    private static let cache = Mutex<[ObjectIdentifier: LuaRef]>([:])

    static func function(in state: LuaState) -> LuaRef {
        let key = ObjectIdentifier(state)
        if let ref = cache.withLock({ $0[key] }), ref.state === state { return ref }
        let ref = state.builtinFunction(source, chunkName: "=(forward)")
        cache.withLock { $0[key] = ref }
        return ref
    }
}
