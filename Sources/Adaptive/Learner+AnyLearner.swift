/// A learner that knows how many of its points are pending without copying them
/// (python's `len(learner.pending_points)`). ``BalancingLearner`` uses it to break
/// ties between children, as python-adaptive does; children that do not conform are
/// counted by what the balancing learner itself marked pending.
public protocol PendingCounting {
    /// The number of points handed out (or marked pending) and not told yet.
    var pendingCount: Int { get }
}

/// A learner whose whole state can be saved and put back, so that
/// `ask(n, tellPending: false)` of a ``BalancingLearner`` leaves its children
/// unchanged (python's `restore(*learners)`).
protocol StateRestoring: AnyObject {
    /// Saves the state; calling the result puts it back.
    func saveState() -> @Sendable () -> Void
}

/// Any learner with points of type `Point` and values of type `Value`, behind one
/// type, so that one ``BalancingLearner`` can hold learners of different kinds:
///
///     let children = [AnyLearner(try Learner1D(bounds: (0, 1))), AnyLearner(other1DLearner)]
///     let balancing = try BalancingLearner(children)
///
/// Forwards every call to the wrapped learner (`base`).
public final class AnyLearner<Point: Sendable, Value: Sendable>: Learner, PendingCounting, Sendable {
    /// The wrapped learner.
    public let base: any Learner & Sendable
    private let askBody: @Sendable (Int, Bool) throws -> (points: [Point], lossImprovements: [Double])
    private let askOneBody: @Sendable (Bool) throws -> (point: Point, lossImprovement: Double)?
    private let tellBody: @Sendable (Point, Value) throws -> Void
    private let tellPendingBody: @Sendable (Point) throws -> Void
    private let lossBody: @Sendable (Bool) -> Double
    private let npointsBody: @Sendable () -> Int
    private let pendingCountBody: (@Sendable () -> Int)?
    private let removeUnfinishedBody: @Sendable () -> Void
    private let isDoneBody: @Sendable () -> Bool?
    let saveStateBody: (@Sendable () -> @Sendable () -> Void)?

    public init<L: Learner>(_ learner: L) where L.Point == Point, L.Value == Value {
        base = learner
        askBody = { try learner.ask($0, tellPending: $1) }
        askOneBody = { try learner.askOne(tellPending: $0) }
        tellBody = { try learner.tell($0, $1) }
        tellPendingBody = { try learner.tellPending($0) }
        lossBody = { learner.loss(real: $0) }
        npointsBody = { learner.npoints }
        if let counting = learner as? any PendingCounting {
            let box = UncheckedBox(counting)
            pendingCountBody = { box.value.pendingCount }
        } else {
            pendingCountBody = nil
        }
        removeUnfinishedBody = { learner.removeUnfinished() }
        isDoneBody = { learner.isDone }
        if let restoring = learner as? any StateRestoring {
            let box = UncheckedBox(restoring)
            saveStateBody = { box.value.saveState() }
        } else {
            saveStateBody = nil
        }
    }

    public func ask(_ n: Int, tellPending: Bool) throws -> (points: [Point], lossImprovements: [Double]) {
        try askBody(n, tellPending)
    }
    public func askOne(tellPending: Bool) throws -> (point: Point, lossImprovement: Double)? {
        try askOneBody(tellPending)
    }
    public func tell(_ point: Point, _ value: Value) throws { try tellBody(point, value) }
    public func tellPending(_ point: Point) throws { try tellPendingBody(point) }
    public func loss(real: Bool) -> Double { lossBody(real) }
    public var npoints: Int { npointsBody() }
    public func removeUnfinished() { removeUnfinishedBody() }
    public var isDone: Bool? { isDoneBody() }
    /// The wrapped learner's pending count, or 0 if it cannot tell.
    public var pendingCount: Int { pendingCountBody?() ?? 0 }
    var countsPending: Bool { pendingCountBody != nil }
}

extension AnyLearner: StateRestoring {
    func saveState() -> @Sendable () -> Void {
        if let saveStateBody { return saveStateBody() }
        return {}
    }
}

/// Carries a value the compiler cannot prove Sendable; used only for learners, which
/// guard their own state.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

// MARK: - The library's learners

extension Learner1D: PendingCounting, StateRestoring {
    public var pendingCount: Int { core.withLock { $0.pendingCount } }

    func saveState() -> @Sendable () -> Void {
        let saved = UncheckedBox(core.withLock { $0 })
        return { [self] in core.withLock { $0 = saved.value } }
    }
}

extension IntegratorLearner: PendingCounting, StateRestoring {
    public var pendingCount: Int { core.withLock { $0.pendingCount } }

    func saveState() -> @Sendable () -> Void {
        let saved = UncheckedBox(core.withLock { $0 })
        return { [self] in
            core.withLock { core in
                core = saved.value
                publishDone(core)
            }
        }
    }
}

extension Learner2D: PendingCounting, StateRestoring {
    public var pendingCount: Int { core.withLock { $0.pending.count } }

    func saveState() -> @Sendable () -> Void {
        let saved = UncheckedBox(core.withLock { $0 })
        return { [self] in core.withLock { $0 = saved.value } }
    }
}

extension AverageLearner: PendingCounting, StateRestoring {
    public var pendingCount: Int { core.withLock { $0.pendingCount } }

    func saveState() -> @Sendable () -> Void {
        let saved = UncheckedBox(core.withLock { $0 })
        return { [self] in
            core.withLock { $0 = saved.value }
            publishedLoss.store(saved.value.realLoss.bitPattern, ordering: .releasing)
        }
    }
}
