import Foundation

/// When a runner stops: python-adaptive's `goal`, `loss_goal`, `npoints_goal`,
/// `end_time_goal` and `duration_goal`, as one value. Several goals given together
/// must all hold (python-adaptive allows only one at a time; we combine them).
public struct Goal: Sendable {
    /// One condition.
    public enum Condition: Sendable {
        /// `loss() <= value` (the real loss, pending points not counted).
        case loss(Double)
        /// `npoints >= value`.
        case npoints(Int)
        /// The wall clock has passed this time.
        case endTime(Date)
        /// This many seconds have passed since the runner started.
        case duration(Double)
        /// A user's predicate (for example a Lua function of the learner).
        case custom(@Sendable () throws -> Bool)
    }

    public var conditions: [Condition]

    public init(_ conditions: [Condition]) { self.conditions = conditions }

    /// No condition: run until the learner is done (or has no more points), or is cancelled.
    public static let automatic = Goal([])

    /// Whether a condition depends on the time since the start (`duration`).
    public var usesDuration: Bool {
        conditions.contains { if case .duration = $0 { return true } else { return false } }
    }

    /// True when the runner should stop. `elapsed` is the time since the runner started.
    /// The automatic goal holds when the learner says it is done.
    public func isReached<L: Learner>(by learner: L, elapsed: Double) throws -> Bool {
        if conditions.isEmpty { return learner.isDone ?? false }
        for condition in conditions {
            switch condition {
            case .loss(let goal): if !(learner.loss(real: true) <= goal) { return false }
            case .npoints(let goal): if learner.npoints < goal { return false }
            case .endTime(let date): if Date() < date { return false }
            case .duration(let seconds): if elapsed < seconds { return false }
            case .custom(let predicate): if try !predicate() { return false }
            }
        }
        return true
    }
}

extension Goal {
    /// When a time condition will next change (monotonic seconds, ``Monotonic/now()``),
    /// so a runner waiting for slow evaluations wakes up to check its goal; nil if no
    /// time condition is still to come. `start` is the runner's start.
    func nextDeadline(start: Double, now: Double) -> Double? {
        var deadline: Double?
        for condition in conditions {
            let time: Double
            switch condition {
            case .endTime(let date): time = now + date.timeIntervalSinceNow
            case .duration(let seconds): time = start + seconds
            default: continue
            }
            // A millisecond late, so the condition holds when the runner wakes.
            if time > now { deadline = min(deadline ?? .infinity, time + 1e-3) }
        }
        return deadline
    }
}
