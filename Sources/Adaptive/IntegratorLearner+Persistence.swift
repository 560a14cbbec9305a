import Foundation

/// Saving and loading (see ``SavedRows``). python pickles the learner's whole state; the
/// state here follows from the values and the order of events, so the file holds the
/// values in the order they were first told and the refinements of the stack, each with
/// how many values had been told before it:
///
///     # adaptive IntegratorLearner data: x y
///     # then the refinements: told interval forced dropped
///     0.5 1.6487212707001282
///     ...
///     17 0 0 -1
///
/// `load` replays them on a new state: the same intervals, estimates and points to ask
/// next, also for a learner saved while points were in flight (those are asked again).
/// A value told again is replayed with its last value.
extension IntegratorLearner {
    static let fileHeader = """
        # adaptive IntegratorLearner data: x y
        # then the refinements: told interval forced dropped
        """

    /// Writes the told values and the refinements to `path` atomically.
    public func save(to path: String) throws {
        let (values, refinements) = core.withLock { core in
            (core.tellOrder.map { [core.nodes[Int($0)].x, core.nodes[Int($0)].y] },
             core.refinements.map { [Double($0.told), Double($0.interval), $0.forced ? 1 : 0, Double($0.dropped)] })
        }
        try SavedRows.write(values + refinements, header: Self.fileHeader, toPath: path)
    }

    /// Replaces the learner's state with the one saved at `path` (python's `load`).
    /// Throws, leaving the learner as it was, when the file was saved by a learner with
    /// other bounds or tol (its points are not this learner's).
    public func load(from path: String) throws {
        let rows = try SavedRows.read(fromPath: path, columns: 2...4, learner: "IntegratorLearner",
                                      columnNames: "x y, then told interval forced dropped")
        var values: [(x: Double, y: Double)] = [], refinements: [Refinement] = []
        for row in rows {
            if row.count == 2 {
                values.append((row[0], row[1]))
                continue
            }
            guard row.count == 4, let told = Int(exactly: row[0]), let interval = Int32(exactly: row[1]),
                let dropped = Int32(exactly: row[3]), row[2] == 0 || row[2] == 1
            else {
                throw AdaptiveError("IntegratorLearner: '\(path)' has a refinement that is not 'told interval forced dropped': \(row)")
            }
            refinements.append(Refinement(told: told, interval: interval, forced: row[2] == 1, dropped: dropped))
        }
        var replayed = Core(lower: bounds.lower, upper: bounds.upper, tol: tol)
        try replayed.replay(values, refinements, path: path)
        core.withLock { core in
            core = replayed
            publishDone(core)
        }
    }
}

extension IntegratorLearner.Core {
    /// Tells `values` in order and redoes `refinements` after as many values as before.
    mutating func replay(_ values: [(x: Double, y: Double)], _ refinements: [IntegratorLearner.Refinement], path: String) throws {
        var next = 0
        func tellValues(upTo count: Int) throws {
            while next < min(count, values.count) {
                let (x, y) = values[next]
                guard let n = nodeIDs.find(x) else {
                    throw AdaptiveError(
                        "IntegratorLearner: '\(path)' holds x = \(AdaptiveError.format(x)), not a point of this learner "
                            + "(saved by a learner with other bounds or tol?)")
                }
                try tell(node: n, y)
                next += 1
            }
        }
        for r in refinements {
            try tellValues(upTo: r.told)
            let known = 0..<Int32(intervals.count)
            guard known.contains(r.interval), r.dropped == -1 || known.contains(r.dropped) else {
                throw AdaptiveError("IntegratorLearner: '\(path)' has a refinement of interval \(r.interval) dropping \(r.dropped); this learner has intervals 0 to \(intervals.count - 1)")
            }
            if r.forced, let i = prioritySplit.lastIndex(of: r.interval) { prioritySplit.remove(at: i) }
            try refine(r.interval, forceSplit: r.forced, capped: r.dropped)
        }
        try tellValues(upTo: values.count)
        // The nodes still to hand out: those never told, in the order they were queued.
        stack = stack.filter { nodes[Int($0)].status == .pending }
        stackHead = 0
        lastHandedOut = (0, -1)
    }
}
