import Adaptive
import Foundation
import LuaKit
import Plotting

/// `adaptive.SequenceLearner(f, sequence)`: evaluates `f` at every element of a table, in
/// order (python-adaptive's `SequenceLearner`). Elements and results are any Lua values;
/// both are copied (elements when the learner is made, results when they arrive), so the
/// function runs on any executor. Points are `{i, element}` with `i` counting from 1.
final class LuaSequenceLearner: LuaLearner, LuaCoreBinding, LuaBindingProvider {
    typealias Core = SequenceLearner<PortableValue, PortableValue>
    let core: Core
    let function: LuaRef
    var kindName: String { "SequenceLearner" }
    var binding: any LuaCoreBinding { self }

    init(core: Core, function: LuaRef) {
        self.core = core
        self.function = function
    }

    var plan: LuaCallPlan<Int, PortableValue> {
        let sequence = core.sequence
        return LuaCallPlan(
            functions: [function], returnsNumbers: false,
            task: { LuaTask(function: 0, arguments: .values([sequence[$0]])) },
            value: { _, result in result.portable },
            describe: { "element \($0 + 1)" })
    }

    func value(_ result: PortableResult) throws -> PortableValue { result.portable }

    func lua(point i: Int, in state: LuaState) throws -> LuaValue {
        .array([.integer(i + 1), try state.value(restoring: core.sequence[i])])
    }

    func lua(value: PortableValue, in state: LuaState) throws -> LuaValue { try state.value(restoring: value) }

    /// `i` or `{i, element}`, with `i` from 1.
    func readPoint(_ call: LuaCall, _ index: Int) throws -> Int {
        let i = call.typeName(index) == "table" ? try call.withElement(index, 1) { try call.integer($0) } : try call.integer(index)
        guard (1...core.sequence.count).contains(i) else {
            throw call.argumentError(index, "index \(i) is outside the sequence (1 to \(core.sequence.count))")
        }
        return i - 1
    }

    func readValue(_ call: LuaCall, _ index: Int) throws -> PortableValue { try call.portable(index) }

    /// The file holds the evaluated (index, value) pairs.
    struct Saved: Codable {
        var count: Int
        var data: [Pair]
        struct Pair: Codable {
            var index: Int
            var value: PortableValue
        }
    }

    var saver: (@Sendable (String) throws -> Void)? {
        { [core] path in
            let saved = Saved(count: core.sequence.count, data: core.data.map { .init(index: $0.index + 1, value: $0.value) })
            try PortableFile.write(saved, to: path)
        }
    }

    var loader: (@Sendable (String) throws -> Void)? {
        { [core] path in
            guard let saved = try PortableFile.read(Saved.self, from: path, what: "SequenceLearner") else { return }
            guard saved.count == core.sequence.count else {
                throw LuaCallError("SequenceLearner:load: '\(path)' holds results of a sequence of \(saved.count) elements, this one has \(core.sequence.count)")
            }
            for pair in saved.data { try core.tell(pair.index - 1, pair.value) }
        }
    }

    var plotter: (@Sendable () throws -> Figure)? { { [core] in try core.figure() } }

    func runSimple(goal: Goal) throws -> Int { try runPlanSimple(goal: goal) }

    func startRunner(goal: Goal, executor: LuaExecutor, options: RunnerOptions, learnerValue: LuaValue,
                     kernel: Kernel) throws -> LuaRunner {
        try startPlanRunner(goal: goal, executor: executor, options: options, learnerValue: learnerValue,
                            learnerObject: self, kernel: kernel)
    }

    static func install(in lua: LuaState) {
        lua.register(luaClass)
        lua.register(in: ["adaptive"], "SequenceLearner") { call in
            let function = try call.function(1)
            guard call.typeName(2) == "table" else {
                throw LuaCallError("SequenceLearner: sequence must be a table of values ({1, 2, 3}), got \(call.typeName(2))")
            }
            let count = try call.length(2)
            var sequence: [PortableValue] = []
            sequence.reserveCapacity(count)
            for i in stride(from: 1, through: count, by: 1) {
                sequence.append(try call.withElement(2, i) { try call.portable($0, what: "element \(i) of the sequence") })
            }
            try call.push(object: LuaSequenceLearner(core: Core(sequence), function: function))
            return 1
        }
    }
}
