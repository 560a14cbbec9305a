import Adaptive
import LuaKit
import Plotting

/// Every learner of numbers as a ``LuaCoreBinding``: its one function called with numbers,
/// returning numbers (the plan's fast path).
extension LuaNumericLearner {
    var plan: LuaCallPlan<Core.Point, Core.Value> {
        LuaCallPlan(
            functions: [function], returnsNumbers: true,
            task: { LuaTask(function: 0, arguments: .numbers(Self.arguments($0))) },
            value: { _, result in try Self.value(try result.numbers()) },
            describe: { Self.describe($0) })
    }

    func value(_ result: PortableResult) throws -> Core.Value { try Self.value(try result.numbers()) }
    func lua(point: Core.Point, in state: LuaState) -> LuaValue { Self.luaPoint(point) }
    func lua(value: Core.Value, in state: LuaState) -> LuaValue { Self.luaValue(value) }
    func readPoint(_ call: LuaCall, _ index: Int) throws -> Core.Point { try Self.point(call, index) }
    func readValue(_ call: LuaCall, _ index: Int) throws -> Core.Value { try Self.value(call, index) }
    /// The core's own `save`/`load`: for Lua, runners' periodic saving, data savers and
    /// balancing learners.
    var saver: (@Sendable (String) throws -> Void)? { { [core] in try core.save(to: $0) } }
    var loader: (@Sendable (String) throws -> Void)? { { [core] in try core.load(from: $0) } }
    var binding: any LuaCoreBinding { self }
}
