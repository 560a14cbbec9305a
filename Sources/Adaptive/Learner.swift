/// What every learner offers, as python-adaptive's `BaseLearner` does: it proposes
/// points (`ask`), is told values (`tell`), and knows how good its model is (`loss`).
///
/// A learner never calls the learned function itself; a runner does. Learners guard
/// their own state, so another thread may read `npoints` or `loss()` while a runner
/// works.
public protocol Learner: AnyObject, Sendable {
    /// Where the function is evaluated (`Double` for 1D).
    associatedtype Point: Sendable
    /// What the function returns there.
    associatedtype Value: Sendable

    /// Proposes `n` points and the loss improvement expected of each. With
    /// `tellPending` the points are marked pending, so the next `ask` proposes others.
    func ask(_ n: Int, tellPending: Bool) throws -> (points: [Point], lossImprovements: [Double])
    /// `ask(1, tellPending:)` without the arrays: the point and its loss improvement,
    /// nil when `ask(1)` would return no point. Runners that take one point at a time
    /// (``runSimple(_:goal:evaluate:)``) use it; learners override it where that is
    /// cheaper than building arrays (the default calls `ask`).
    func askOne(tellPending: Bool) throws -> (point: Point, lossImprovement: Double)?
    /// Records the value at a point.
    func tell(_ point: Point, _ value: Value) throws
    /// Marks a point as being evaluated.
    func tellPending(_ point: Point) throws
    /// The largest loss of the learner's subdomains: with `real` false, pending points count.
    func loss(real: Bool) -> Double
    /// The number of evaluated points.
    var npoints: Int { get }
    /// Forgets the pending points.
    func removeUnfinished()
    /// True when the learner has nothing more to do (integrators, sequences); nil when
    /// the notion does not apply and only goals stop it.
    var isDone: Bool? { get }
}

extension Learner {
    public var isDone: Bool? { nil }

    public func askOne(tellPending: Bool) throws -> (point: Point, lossImprovement: Double)? {
        let (points, improvements) = try ask(1, tellPending: tellPending)
        assert(points.count <= 1, "ask(1) returned \(points.count) points")
        guard let point = points.first else { return nil }
        return (point, improvements[0])
    }
}
