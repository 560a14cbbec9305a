import Adaptive
import LuaKit

/// Evaluators for `LuaCallPlan`s: the general path of every executor.
extension LuaExecutor {
    /// An evaluator of the plan's functions (from the kernel's state) on this executor:
    /// threads and processes get copies of all the functions at once, the main executor
    /// calls them in the kernel. `name` names the functions in messages.
    func evaluator<Point: Sendable, Value: Sendable>(
        for plan: LuaCallPlan<Point, Value>, in kernel: Kernel, name: String, kind: String
    ) throws -> any Evaluator<Point, Value> {
        let returnsNumbers = plan.returnsNumbers
        switch self.kind {
        case .sequential, .threads:
            let portable = try copy(plan.functions, in: kernel.lua, name: name)
            let count = self.kind == .sequential ? 1 : workers
            return ThreadPoolEvaluator<Point, Value>(workers: count, name: "adaptive.lua-worker", makeWorker: { _ in
                let worker = try WorkerState(portable)
                return { point in
                    let result = try worker.evaluate(plan.task(point), returningNumbers: returnsNumbers)
                    do { return try plan.value(point, result, kind: kind) } catch { throw EvaluationFailure(error) }
                }
            })
        case .processes:
            let portable = try copy(plan.functions, in: kernel.lua, name: name)
            return try ProcessEvaluator<Point, Value>(workers: workers, function: portable) { connection, point in
                let id = EvaluationID.next()
                switch try connection.evaluate(id: id, plan.task(point), returningNumbers: returnsNumbers,
                                               describing: plan.describe(point)) {
                case .success(let result):
                    do { return try plan.value(point, result, kind: kind) } catch { throw EvaluationFailure(error) }
                case .failure(let failure): throw failure
                }
            }
        case .main:
            return MainEvaluator<Point, Value>(
                workers: workers, kernel: kernel,
                prepare: { point, lua in
                    let task = plan.task(point)
                    let arguments: [LuaValue]
                    switch task.arguments {
                    case .numbers(let xs): arguments = xs.map { .number($0) }
                    case .values(let values): arguments = try values.map { try lua.value(restoring: $0) }
                    }
                    return (plan.functions[task.function], arguments)
                },
                read: { point, call in
                    // The completion call's argument 2 is the function's first result.
                    let result: PortableResult = returnsNumbers ? .numbers(try call.numbers(2)) : .value(try call.portable(2))
                    return try plan.value(point, result, kind: kind)
                })
        }
    }

    /// The functions copied for workers: the function itself when there is one, else a
    /// table of them (copied at once, so what they share stays shared). An error names the
    /// function that cannot travel.
    private func copy(_ functions: [LuaRef], in state: LuaState, name: String) throws -> PortableFunction {
        if functions.count == 1 {
            do { return try state.portable(functions[0], name: name) } catch { throw LuaCallError(error.description) }
        }
        do { return try state.portable(state.reference(.array(functions.map { .function($0) })), name: name) } catch {
            for (i, function) in functions.enumerated() {
                do { _ = try state.portable(function, name: "\(name) \(i + 1)") } catch { throw LuaCallError(error.description) }
            }
            throw LuaCallError(error.description)
        }
    }
}
