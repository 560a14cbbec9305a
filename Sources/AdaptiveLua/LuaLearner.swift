import Adaptive
import LuaKit

/// What runners need of a learner bound to Lua, whatever its kind.
protocol LuaLearner: AnyObject {
    /// The Lua class name ("Learner1D").
    var kindName: String { get }
    /// Runs `runner.simple`: evaluates the user's function in the calling (kernel)
    /// thread, one point at a time, until `goal` holds. Returns the points evaluated.
    func runSimple(goal: Goal) throws -> Int
    /// Starts a background runner evaluating the user's function on `executor`.
    func startRunner(goal: Goal, executor: LuaExecutor, options: RunnerOptions, learnerValue: LuaValue,
                     kernel: Kernel) throws -> LuaRunner
}

extension LuaCall {
    /// The learner at argument `index`.
    func learner(_ index: Int) throws -> any LuaLearner {
        guard let learner = anyObject(index) as? any LuaLearner else {
            throw argumentError(index, "learner expected, got \(typeName(index))")
        }
        return learner
    }
}

/// Formats a loss for one-line summaries (`0.0099`, `inf`).
func formatLoss(_ loss: Double) -> String {
    if loss.isNaN { return "nan" }
    if loss.isInfinite { return loss > 0 ? "inf" : "-inf" }
    return String(format: "%.4g", loss)
}

extension LuaCallError {
    /// What an argument error says is wrong, without "bad argument #n to 'f'": the
    /// problem of a value read from inside another argument.
    var argumentProblem: String {
        guard message.hasPrefix("bad argument #"), let open = message.firstIndex(of: "("), message.hasSuffix(")") else {
            return message
        }
        return String(message[message.index(after: open)..<message.index(before: message.endIndex)])
    }
}
