/// One call a runner made to its learner, as python-adaptive's `runner.log` records it:
/// `("ask", n)` or `("tell", x, y)`.
///
/// Unlike python-adaptive, `n` is the number of points the learner itself was asked
/// for (retried points are resubmitted without asking it), and an iteration that asks
/// nothing records nothing; so ``replayLog(_:_:)`` rebuilds the learner exactly, also
/// with retries.
public enum RunnerLogEntry<Point: Sendable, Value: Sendable>: Sendable {
    /// `learner.ask(n, tellPending: true)`.
    case ask(Int)
    /// `learner.tell(x, y)`.
    case tell(Point, Value)

    /// The learner method's name: `"ask"` or `"tell"`.
    public var method: String {
        switch self {
        case .ask: "ask"
        case .tell: "tell"
        }
    }
}

extension RunnerLogEntry: Equatable where Point: Equatable, Value: Equatable {}

/// Makes the calls of a runner's log on `learner`, in order: python-adaptive's
/// `runner.replay_log`. Replaying a runner's log on a new, empty learner of the same
/// configuration rebuilds the runner's learner: the same data, the same loss (and the
/// same pending points as the runner left, before its final `removeUnfinished`).
///
/// Throws what the learner throws.
public func replayLog<L: Learner>(
    _ learner: L, _ log: some Sequence<RunnerLogEntry<L.Point, L.Value>>
) throws {
    for entry in log {
        switch entry {
        case .ask(let n): _ = try learner.ask(n, tellPending: true)
        case .tell(let point, let value): try learner.tell(point, value)
        }
    }
}
