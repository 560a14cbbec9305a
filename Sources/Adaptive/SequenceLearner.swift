import Synchronization

/// Evaluates a function at every element of a fixed sequence, in order: a port of
/// python-adaptive's `SequenceLearner` (spec §4.5). Useful to run a plain list of
/// jobs with a runner (parallel evaluation, retries, saving).
///
///     let learner = SequenceLearner<String, Double>(["a.dat", "b.dat", "c.dat"])
///     try runSimple(learner, goal: .automatic) { i in analyse(learner.sequence[i]) }
///     let results = try learner.result()   // in sequence order
///
/// Points are **indices** into ``sequence`` (python's points are `(index, element)`
/// pairs; the element is `sequence[index]`). Elements need not be hashable or
/// comparable. Each point's loss improvement is `1 / count`.
///
/// **Thread safety.** All state is behind a lock. **Complexity.** O(1) amortised per
/// ask(1)/tell: the first index still to do is tracked with a cursor.
public final class SequenceLearner<Element: Sendable, Output: Sendable>: Sendable {
    /// The elements to evaluate.
    public let sequence: [Element]
    let core: Mutex<Core>

    enum Status: UInt8 { case toDo, pending, done }

    struct Core {
        var status: [Status]
        var values: [Output?]
        var npoints = 0
        var pendingCount = 0
        /// No index below this is still to do.
        var cursor = 0
    }

    /// A learner over `sequence`.
    public init(_ sequence: [Element]) {
        self.sequence = sequence
        core = Mutex(Core(
            status: Array(repeating: .toDo, count: sequence.count), values: Array(repeating: nil, count: sequence.count)))
    }

    /// A learner over the same sequence, with no data.
    public func newEmpty() -> SequenceLearner { SequenceLearner(sequence) }

    /// The first `n` indices still to do, ascending (fewer near the end), each with
    /// loss improvement `1 / sequence.count`.
    public func ask(_ n: Int, tellPending: Bool = true) throws -> (points: [Int], lossImprovements: [Double]) {
        guard n >= 0 else { throw AdaptiveError("SequenceLearner: ask(n) needs n >= 0, got \(n)") }
        return core.withLock { core in
            var points: [Int] = []
            var i = core.cursor
            while i < core.status.count && core.status[i] != .toDo { i += 1 }
            core.cursor = i
            while points.count < n && i < core.status.count {
                if core.status[i] == .toDo { points.append(i) }
                i += 1
            }
            if tellPending {
                for p in points {
                    core.status[p] = .pending
                    core.pendingCount += 1
                }
            }
            return (points, Array(repeating: 1 / Double(sequence.count), count: points.count))
        }
    }

    /// Stores the value at index `i` (a value told again replaces the old one).
    public func tell(_ i: Int, _ value: Output) throws {
        try checkIndex(i)
        core.withLock { core in
            switch core.status[i] {
            case .toDo: core.npoints += 1
            case .pending: core.npoints += 1; core.pendingCount -= 1
            case .done: break
            }
            core.status[i] = .done
            core.values[i] = value
        }
    }

    /// Marks index `i` as being evaluated.
    public func tellPending(_ i: Int) throws {
        try checkIndex(i)
        core.withLock { core in
            if core.status[i] == .toDo {
                core.status[i] = .pending
                core.pendingCount += 1
            }
        }
    }

    /// The fraction of the sequence not evaluated (with `real: false`, neither pending);
    /// 0 when nothing is left to do or pending.
    public func loss(real: Bool = true) -> Double {
        core.withLock { core in
            let total = core.status.count
            if core.npoints == total { return 0 }
            let counted = core.npoints + (real ? 0 : core.pendingCount)
            return Double(total - counted) / Double(total)
        }
    }

    /// The number of evaluated elements.
    public var npoints: Int { core.withLock { $0.npoints } }

    /// Pending indices go back to the to-do list.
    public func removeUnfinished() {
        core.withLock { core in
            for i in core.status.indices where core.status[i] == .pending {
                core.status[i] = .toDo
                core.cursor = min(core.cursor, i)
            }
            core.pendingCount = 0
        }
    }

    /// True when every element is evaluated.
    public var isDone: Bool? { core.withLock { $0.npoints == $0.status.count } }

    /// The values in sequence order; throws unless every element is evaluated.
    public func result() throws -> [Output] {
        try core.withLock { core in
            guard core.npoints == core.status.count else {
                throw AdaptiveError(
                    "SequenceLearner: not complete yet (\(core.npoints) of \(core.status.count) elements evaluated)")
            }
            return core.values.map { $0! }
        }
    }

    /// The evaluated (index, value) pairs by index.
    public var data: [(index: Int, value: Output)] {
        core.withLock { core in core.values.indices.compactMap { i in core.values[i].map { (i, $0) } } }
    }

    /// The pending indices, ascending.
    public var pendingPoints: [Int] { core.withLock { core in core.status.indices.filter { core.status[$0] == .pending } } }

    func checkIndex(_ i: Int) throws {
        guard sequence.indices.contains(i) else {
            throw AdaptiveError("SequenceLearner: index \(i) is outside the sequence (0..<\(sequence.count))")
        }
    }
}

extension SequenceLearner: Learner, PendingCounting {
    public typealias Point = Int
    public typealias Value = Output
    public var pendingCount: Int { core.withLock { $0.pendingCount } }
}
