import Synchronization

/// One learner over several child learners, each point going to the child that
/// needs it most: a port of python-adaptive's `BalancingLearner` (spec §4.7).
///
///     let children = try offsets.map { o in try Learner1D(bounds: (-1, 1)) }
///     let learner = try BalancingLearner(children)
///     try runSimple(learner, goal: Goal([.loss(0.01)])) { p in peak(p.point, offsets[p.child]) }
///
/// Points are ``ChildPoint``s: the child's index and the child's point. Children are
/// of one type; to mix kinds, wrap them in ``AnyLearner`` with a common point and
/// value type.
///
/// **Strategies** (``Strategy``, changeable at any time): the largest loss improvement
/// of each child's next point (the default), the largest child loss (with pending
/// points), the fewest points, or round robin. Ties go to the child with the fewest
/// points (evaluated + pending), then the lowest index, so the first points are
/// spread over the children.
///
/// **Same choices as python-adaptive**, including its caches: each child's next
/// point and loss are cached until that child is told something, and the pending
/// loss used by the `.loss` strategy is not refreshed by marking points pending (so
/// one `ask(n)` gives all n points to one child under that strategy).
///
/// **Thread safety.** The caches are behind a lock; children lock themselves.
///
/// **Caches.** Like python's, the caches (each child's next point, losses, point counts
/// and `npoints`) assume the children change only through this learner; after changing
/// them directly (loading their data, telling them), call ``forgetCaches()``.
///
/// **Performance.** The hot methods are pre-specialized for `Learner1D` children, so
/// callers in other modules get specialized code without cross-module optimization.
///
/// **Deliberate differences:** `ask(n, tellPending: false)` restores the caches as
/// well as the children (python can keep a stale cached point); children that cannot
/// save their state (see ``AnyLearner``) make that call throw for n > 1. Children that are
/// done (``Learner/isDone``), or propose no point, get no more picks (python fails on
/// them: a finished sequence or integrator among unfinished ones); when all are, `ask`
/// returns no points.
public final class BalancingLearner<Child: Learner>: Sendable {
    /// A point of one child.
    public struct ChildPoint: Sendable {
        public var child: Int
        public var point: Child.Point
        public init(child: Int, point: Child.Point) {
            self.child = child
            self.point = point
        }
    }

    /// How the next child is chosen.
    public enum Strategy: String, Sendable, CaseIterable {
        /// The child whose next point has the largest loss improvement (python's
        /// `"loss_improvements"`, the default).
        case lossImprovements = "loss_improvements"
        /// The child with the largest loss counting pending points (`"loss"`).
        case loss
        /// The child with the fewest points (`"npoints"`).
        case npoints
        /// Each child in turn (`"cycle"`).
        case cycle
    }

    /// The children, in index order.
    public let learners: [Child]
    let state: Mutex<State>
    /// Per child: reads python's `npoints + len(pending_points)`, or nil if the child
    /// cannot count its pending points.
    let pendingCounters: [(@Sendable () -> Int)?]
    let stateSavers: [(@Sendable () -> @Sendable () -> Void)?]

    struct State {
        var strategy: Strategy
        var askCache: [(point: Child.Point, improvement: Double)?]
        var realLoss: [Double?]
        var pendingLoss: [Double?]
        /// Points marked pending through this learner and not told (for children that
        /// cannot count their own).
        var trackedPending: [Int]
        /// python's `npoints + len(pending_points)` per child, -1 when to be read again.
        var totals: [Int]
        /// Each child's `npoints`, -1 when to be read again.
        var counts: [Int]
        var cycleNext = 0
    }

    /// A learner over `learners` (at least one).
    public init(_ learners: [Child], strategy: Strategy = .lossImprovements) throws {
        guard !learners.isEmpty else { throw AdaptiveError("BalancingLearner: needs at least one learner") }
        self.learners = learners
        let n = learners.count
        state = Mutex(State(
            strategy: strategy, askCache: Array(repeating: nil, count: n), realLoss: Array(repeating: nil, count: n),
            pendingLoss: Array(repeating: nil, count: n), trackedPending: Array(repeating: 0, count: n),
            totals: Array(repeating: -1, count: n), counts: Array(repeating: -1, count: n)))
        pendingCounters = learners.map(Self.pendingCounter)
        stateSavers = learners.map(Self.stateSaver)
    }

    static func pendingCounter(_ learner: Child) -> (@Sendable () -> Int)? {
        if let any = learner as? AnyLearner<Child.Point, Child.Value> {
            guard any.countsPending else { return nil }
            return { any.pendingCount }
        }
        guard let counting = learner as? any PendingCounting else { return nil }
        let box = UncheckedBox(counting)
        return { box.value.pendingCount }
    }

    static func stateSaver(_ learner: Child) -> (@Sendable () -> @Sendable () -> Void)? {
        if let any = learner as? AnyLearner<Child.Point, Child.Value> { return any.saveStateBody }
        guard let restoring = learner as? any StateRestoring else { return nil }
        let box = UncheckedBox(restoring)
        return { box.value.saveState() }
    }

    /// The strategy; setting it restarts the round robin at child 0.
    public var strategy: Strategy {
        get { state.withLock { $0.strategy } }
        set {
            state.withLock {
                $0.strategy = newValue
                $0.cycleNext = 0
            }
        }
    }

    /// The largest child loss (cached per child until it is told a value).
    @_specialize(where Child == Learner1D)
    public func loss(real: Bool = true) -> Double {
        state.withLock { state in
            var largest = -Double.infinity
            for i in learners.indices {
                let loss = childLoss(i, real: real, &state)
                if i == 0 || loss > largest { largest = loss }  // python's max()
            }
            return largest
        }
    }

    /// Adds a child's value; the child's cached point and losses are dropped.
    @_specialize(where Child == Learner1D)
    public func tell(_ point: ChildPoint, _ value: Child.Value) throws {
        try checkIndex(point.child)
        try state.withLock { state in
            state.askCache[point.child] = nil
            state.realLoss[point.child] = nil
            state.pendingLoss[point.child] = nil
            state.totals[point.child] = -1
            state.counts[point.child] = -1
            if state.trackedPending[point.child] > 0 { state.trackedPending[point.child] -= 1 }
            try learners[point.child].tell(point.point, value)
        }
    }

    /// Marks a child's point pending; drops the child's cached point and real loss
    /// (not its pending loss, as in python).
    @_specialize(where Child == Learner1D)
    public func tellPending(_ point: ChildPoint) throws {
        try checkIndex(point.child)
        try state.withLock { state in try tellPending(point, &state) }
    }

    /// Forgets all children's pending points.
    public func removeUnfinished() {
        state.withLock { state in
            for i in learners.indices {
                learners[i].removeUnfinished()
                state.askCache[i] = nil
                state.realLoss[i] = nil
                state.pendingLoss[i] = nil
                state.trackedPending[i] = 0
                state.totals[i] = -1
                state.counts[i] = -1
            }
        }
    }

    /// True when every child says it is done; nil if a child has no notion of done.
    public var isDone: Bool? {
        var all = true
        for learner in learners {
            guard let done = learner.isDone else { return nil }
            all = all && done
        }
        return all
    }

    func checkIndex(_ i: Int) throws {
        guard learners.indices.contains(i) else {
            throw AdaptiveError("BalancingLearner: no child \(i) (there are \(learners.count))")
        }
    }

    func childLoss(_ i: Int, real: Bool, _ state: inout State) -> Double {
        if real {
            if let loss = state.realLoss[i] { return loss }
            let loss = learners[i].loss(real: true)
            state.realLoss[i] = loss
            return loss
        }
        if let loss = state.pendingLoss[i] { return loss }
        let loss = learners[i].loss(real: false)
        state.pendingLoss[i] = loss
        return loss
    }

    func tellPending(_ point: ChildPoint, _ state: inout State) throws {
        state.askCache[point.child] = nil
        state.realLoss[point.child] = nil
        state.totals[point.child] = -1
        state.trackedPending[point.child] += 1
        try learners[point.child].tellPending(point.point)
    }
}

extension BalancingLearner: Learner {
    public typealias Point = ChildPoint
    public typealias Value = Child.Value
}

extension BalancingLearner.ChildPoint: Equatable where Child.Point: Equatable {}
extension BalancingLearner.ChildPoint: Hashable where Child.Point: Hashable {}
