import Foundation

/// Runs a learner in the calling thread until the goal holds, evaluating one point at a
/// time in order: python-adaptive's `runner.simple`. Deterministic, so it reproduces
/// python-adaptive's point traces.
///
/// The goal is checked before every `ask`. The automatic goal stops when the learner
/// is done or proposes no more points.
///
/// - Parameter evaluate: the function to learn; an error stops the run and is rethrown
///   (the point stays pending; nothing evaluated is lost).
/// - Returns: the number of points evaluated.
@discardableResult
public func runSimple<L: Learner>(
    _ learner: L, goal: Goal, evaluate: (L.Point) throws -> L.Value
) throws -> Int {
    let start = DispatchTime.now().uptimeNanoseconds
    var evaluated = 0
    func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    let timed = goal.usesDuration   // reading the clock costs more than a cheap learner's step
    while try !goal.isReached(by: learner, elapsed: timed ? elapsed() : 0) {
        guard let (point, _) = try learner.askOne(tellPending: true) else { break }
        try learner.tell(point, try evaluate(point))
        evaluated += 1
    }
    return evaluated
}
