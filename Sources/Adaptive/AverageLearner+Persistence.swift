import Foundation

/// Saving and loading an AverageLearner's seeds and values (see ``SavedRows``).
extension AverageLearner {
    static let fileHeader = "# adaptive AverageLearner data: seed y"

    /// Writes the evaluated seeds and values to `path` atomically (pending seeds are
    /// not saved, as in python-adaptive).
    public func save(to path: String) throws {
        try SavedRows.write(data.map { [Double($0.seed), $0.value] }, header: Self.fileHeader, toPath: path)
    }

    /// Tells the seeds and values of a save file (seeds told before are ignored).
    public func load(from path: String) throws {
        let rows = try SavedRows.read(fromPath: path, columns: 2, learner: "AverageLearner", columnNames: "seed y")
        let seeds = try rows.map { try SavedRows.seed($0[0], learner: "AverageLearner", path: path) }
        for (seed, row) in zip(seeds, rows) { try tell(seed, row[1]) }
    }
}
