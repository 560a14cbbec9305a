import Adaptive
import LuaKit

extension LuaLearner1D {
    func startRunner(goal: Goal, executor: LuaExecutor, options: RunnerOptions, learnerValue: LuaValue,
                     kernel: Kernel) throws -> LuaRunner {
        let evaluator: any Evaluator<Double, Learner1D.Value> = try executor.evaluator(
            for: function, in: kernel, name: "the learner's function",
            arguments: { [$0] }, value: { Learner1D.Value($0) })
        let runner = Runner(core, evaluator: evaluator, goal: goal, options: options)
        func number(_ x: Double) -> LuaValue { .number(x) }
        func value(_ v: Learner1D.Value) -> LuaValue {
            switch v {
            case .scalar(let y): return .number(y)
            case .vector(let ys): return .array(ys.map(number))
            }
        }
        let core = self.core
        return LuaRunner(
            control: runner, learnerValue: learnerValue, learnerObject: self, kind: kindName,
            details: .init(
                npoints: { core.npoints },
                loss: { core.loss() },
                pendingPoints: { .array(runner.pendingPoints.map { number($0.point) }) },
                tracebacks: { .array(runner.tracebacks.map { .array([number($0.point), .string($0.traceback)]) }) },
                toRetry: { .array(runner.toRetry.map { .array([number($0.point), .integer($0.failures)]) }) },
                failed: { .array(runner.failed.map(number)) },
                log: {
                    guard let log = runner.log else { return .nil }
                    return .array(log.map { entry in
                        switch entry {
                        case .ask(let n): return .array(["ask", .integer(n)])
                        case .tell(let x, let y): return .array(["tell", number(x), value(y)])
                        }
                    })
                },
                save: { try core.save(to: $0) },
                figure: { try core.figure() }))
    }
}
