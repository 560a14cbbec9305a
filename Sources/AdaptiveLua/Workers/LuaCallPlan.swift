import Adaptive
import LuaKit

/// One evaluation for a worker: which of the runner's functions to call (an index into
/// ``LuaCallPlan/functions``) and with what.
struct LuaTask: Sendable, Codable, Equatable {
    var function: Int
    var arguments: PortableArguments
}

/// How a learner's points become calls of its Lua functions, and what the calls return
/// becomes the learner's values: the general path of the executors, for learners whose
/// functions take or return more than numbers (a sequence's elements, a data saver's
/// records) or whose points choose among several functions (a balancing learner's children).
///
///     LuaCallPlan(functions: [f], returnsNumbers: false, task: { x in LuaTask(function: 0, arguments: .numbers([x])) },
///                 value: { _, result in result }, describe: { "x = \($0)" })
///
/// Evaluators copy `functions` into their workers once (together, so what they share
/// stays shared), then send tasks. Learners of one function of numbers use the numeric
/// fast path instead (`LuaExecutor.evaluator(for:in:name:arguments:value:)`).
struct LuaCallPlan<Point: Sendable, Value: Sendable>: Sendable {
    /// The functions, in the kernel's state.
    var functions: [LuaRef]
    /// Whether calls return numbers (read as numbers, the fast path) or any value (copied).
    var returnsNumbers: Bool
    /// The call evaluating a point.
    var task: @Sendable (Point) -> LuaTask
    /// The learner's value from a call's result; throws a `LuaCallError` saying what was
    /// expected when it does not fit.
    var value: @Sendable (Point, PortableResult) throws -> Value
    /// A point for messages (`x = 0.5`).
    var describe: @Sendable (Point) -> String

    /// The value at `point`, computed in the kernel's state (`runner.simple`, the main
    /// executor's coroutines do their own calls). `kind` names the learner in messages.
    func evaluateInKernel(_ point: Point, kind: String) throws -> Value {
        let task = self.task(point)
        let result: PortableResult
        do { result = try functions[task.function].call(task.arguments, returningNumbers: returnsNumbers) } catch let error as LuaCallError {
            throw LuaCallError("\(kind): the function returned a bad value at \(describe(point)): \(error.message)")
        }
        return try value(point, result, kind: kind)
    }

    /// `value`, with the point named in its errors.
    func value(_ point: Point, _ result: PortableResult, kind: String) throws -> Value {
        do { return try value(point, result) } catch let error as LuaCallError {
            throw LuaCallError("\(kind): the function returned a bad value at \(describe(point)): \(error.message)")
        }
    }
}

extension PortableResult {
    /// The numbers of a result, whichever way it was read; throws a message naming what was
    /// given otherwise.
    func numbers() throws -> [Double] {
        switch self {
        case .numbers(let xs): return xs
        case .value(let value):
            if let xs = value.numbers { return xs }
            if case .table(_, let entries, _) = value, entries.isEmpty {
                throw LuaCallError("expected a number or an array of numbers, got an empty table")
            }
            throw LuaCallError("expected a number or an array of numbers, got \(value.typeName)")
        }
    }

    /// The result as one copied value (numbers become a number or an array of numbers).
    var portable: PortableValue {
        switch self {
        case .value(let value): return value
        case .numbers(let xs):
            if xs.count == 1 { return .number(xs[0]) }
            return .table(id: 1, entries: xs.enumerated().map { .init(.integer(Int64($0 + 1)), .number($1)) },
                          metatable: nil)
        }
    }
}
