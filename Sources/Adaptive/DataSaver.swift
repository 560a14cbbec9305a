import Synchronization

/// Wraps a learner whose function returns more than the learner needs: a port of
/// python-adaptive's `DataSaver` (spec §4.6). Each result is kept whole in
/// ``extraData`` and the learner is told the part `argPicker` picks.
///
///     let saver = DataSaver(try Learner1D(bounds: (0, 1))) { (r: Measurement) in .scalar(r.value) }
///     try runSimple(saver, goal: Goal([.npoints(100)])) { x in measure(x) }
///     saver.extraData[0.5]    // the whole Measurement at x = 0.5
///
/// `ask`, `loss`, `tellPending`, `removeUnfinished`, `npoints` and `isDone` are the
/// wrapped learner's (``learner``). Points must be hashable (they key the extra data).
///
/// **Thread safety.** The extra data is behind a lock; the learner locks itself.
///
/// **Deliberate difference:** a result is stored only once the learner accepted
/// the picked value (python stores it even when the learner's `tell` raises).
public final class DataSaver<Base: Learner, Result: Sendable>: Sendable where Base.Point: Hashable {
    /// The wrapped learner.
    public let learner: Base
    /// Picks the learner's value out of a result.
    public let argPicker: @Sendable (Result) throws -> Base.Value
    let saved: Mutex<(results: [Base.Point: Result], order: [Base.Point])>

    /// Wraps `learner`, telling it `argPicker(result)` for each result.
    public init(_ learner: Base, argPicker: @escaping @Sendable (Result) throws -> Base.Value) {
        self.learner = learner
        self.argPicker = argPicker
        saved = Mutex(([:], []))
    }

    public func ask(_ n: Int, tellPending: Bool = true) throws -> (points: [Base.Point], lossImprovements: [Double]) {
        try learner.ask(n, tellPending: tellPending)
    }

    public func askOne(tellPending: Bool = true) throws -> (point: Base.Point, lossImprovement: Double)? {
        try learner.askOne(tellPending: tellPending)
    }

    /// Tells the learner `argPicker(result)` and keeps `result` for `point`.
    public func tell(_ point: Base.Point, _ result: Result) throws {
        try learner.tell(point, argPicker(result))
        saved.withLock { saved in
            if saved.results.updateValue(result, forKey: point) == nil { saved.order.append(point) }
        }
    }

    public func tellPending(_ point: Base.Point) throws { try learner.tellPending(point) }
    public func loss(real: Bool = true) -> Double { learner.loss(real: real) }
    public var npoints: Int { learner.npoints }
    public func removeUnfinished() { learner.removeUnfinished() }
    public var isDone: Bool? { learner.isDone }

    /// The whole results by point.
    public var extraData: [Base.Point: Result] { saved.withLock { $0.results } }

    /// The whole results in the order their points were first told (python's
    /// `OrderedDict`).
    public var orderedExtraData: [(point: Base.Point, result: Result)] {
        saved.withLock { saved in saved.order.map { ($0, saved.results[$0]!) } }
    }
}

extension DataSaver: Learner {
    public typealias Point = Base.Point
    public typealias Value = Result
}

extension DataSaver: PendingCounting where Base: PendingCounting {
    public var pendingCount: Int { learner.pendingCount }
}
