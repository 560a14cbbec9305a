import Adaptive
import Foundation
import LuaKit

/// The goal options every runner takes, as python-adaptive names them.
let goalOptionNames = ["goal", "loss_goal", "npoints_goal", "end_time_goal", "duration_goal"]

extension Goal {
    /// The goal given by runner options: `goal` (a function of the learner returning
    /// true when done), `loss_goal`, `npoints_goal`, `end_time_goal` (seconds since the
    /// epoch, as `os.time()` gives) and `duration_goal` (seconds). Several must all hold;
    /// none gives the automatic goal.
    /// `learner` is the learner object a `goal` function receives (in a background runner,
    /// in that runner's own copy of the function: see `SharedLuaFunction`).
    init(options: LuaOptions, learner: AnyObject, state: LuaState) throws {
        var conditions: [Condition] = []
        if let predicate = try options.function("goal") {
            let shared = SharedLuaFunction(predicate, in: state, name: "the goal function")
            let argument = LearnerArgument(learner)
            conditions.append(.custom {
                try shared.call { state in [try argument.value(in: state)] }.first?.isTruthy ?? false
            })
        }
        if let loss = try options.number("loss_goal") { conditions.append(.loss(loss)) }
        if let n = try options.integer("npoints_goal") {
            conditions.append((learner as? LuaNpointsGoal)?.npointsCondition(n) ?? .npoints(n))
        }
        if let end = try options.number("end_time_goal") {
            conditions.append(.endTime(Date(timeIntervalSince1970: end)))
        }
        if let seconds = try options.number("duration_goal") {
            guard seconds >= 0 else { throw LuaCallError("\(options.function): duration_goal must be >= 0, got \(seconds)") }
            conditions.append(.duration(seconds))
        }
        self.init(conditions)
    }
}

/// The learner as a goal function's argument, made once per Lua state it is called in
/// (the goal is checked before every ask).
final class LearnerArgument: @unchecked Sendable {
    private let learner: AnyObject
    private let lock = NSLock()
    private var made: LuaValue = .nil

    init(_ learner: AnyObject) { self.learner = learner }

    func value(in state: LuaState) throws -> LuaValue {
        lock.lock()
        defer { lock.unlock() }
        if case .ref(let ref) = made, ref.state === state { return made }
        made = try state.value(object: learner)
        return made
    }
}

/// A value handed to another thread on purpose: the learner objects are thread-safe.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
