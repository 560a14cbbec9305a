import Adaptive
import LuaKit

/// The general path of a worker: tasks of a `LuaCallPlan`.
extension WorkerState {
    /// The functions in `value`: the array elements of a plan's table of functions, or the
    /// value itself when it is a function.
    static func elements(of value: LuaRef, in lua: LuaState) throws -> [LuaRef] {
        guard value.typeName == "table" else { return [value] }
        let unpack = lua.builtinFunction("return function(t) return table.unpack(t, 1, #t) end", chunkName: "=(worker)")
        return try unpack.call([.ref(value)]).map { item in
            guard case .function(let f) = item else {
                throw LuaCallError("a worker's table of functions holds a \(item.typeName)")
            }
            return f
        }
    }

    /// Calls the task's function; its first result read as numbers (`returningNumbers`) or
    /// copied. Fails with the Lua traceback, or saying what is wrong with the result.
    func evaluate(_ task: LuaTask, returningNumbers: Bool) throws(EvaluationFailure) -> PortableResult {
        guard functions.indices.contains(task.function) else {
            throw EvaluationFailure(message: "the worker has no function \(task.function + 1) (it has \(functions.count))")
        }
        do {
            return try functions[task.function].call(task.arguments, returningNumbers: returningNumbers)
        } catch {
            throw WorkerState.failure(error)
        }
    }
}
