// Saving and loading (python's `save`/`load`: every sample, pending points not saved),
// and what a BalancingLearner needs of a child.

extension AverageLearner1D {
    static let fileHeader = "# adaptive AverageLearner1D data: seed x y"

    /// Writes every sample (seed, x, y) to `path` atomically, sorted by x then seed.
    public func save(to path: String) throws {
        try SavedRows.write(samples.map { [Double($0.seed), $0.x, $0.y] }, header: Self.fileHeader, toPath: path)
    }

    /// Tells the samples of a save file, many at a time per x (python's `load` through
    /// `tell_many_at_point`). Samples outside the bounds are an error, as in `tell`.
    public func load(from path: String) throws {
        let rows = try SavedRows.read(fromPath: path, columns: 3, learner: "AverageLearner1D", columnNames: "seed x y")
        let points = try rows.map { Point(seed: try SavedRows.seed($0[0], learner: "AverageLearner1D", path: path), x: $0[1]) }
        try tellMany(points, rows.map { $0[2] })
    }
}

extension AverageLearner1D: PendingCounting, StateRestoring {
    /// The number of pending (seed, x) pairs.
    public var pendingCount: Int { core.withLock { $0.pending.count } }

    func saveState() -> @Sendable () -> Void {
        let saved = UncheckedBox(core.withLock { $0 })
        return { [self] in core.withLock { $0 = saved.value } }
    }
}
