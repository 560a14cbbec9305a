import Foundation

/// Saving and loading a learner's data (see ``SavedRows``):
///
///     # adaptive LearnerND data (3 coordinates): x1 x2 x3 y...
///     -1 -1 -1 1.6078739072192e-101
///
/// one evaluated point a line in the order the points were first told.
extension LearnerND {
    /// The data as the text of a save file.
    public func savedText() -> String {
        SavedRows.text(data.lazy.map { $0.0 + $0.1 }, header: "# adaptive LearnerND data (\(dimension) coordinates): \(columnNames)")
    }

    private var columnNames: String { (1...dimension).map { "x\($0)" }.joined(separator: " ") + " y..." }

    /// Writes the data to `path` atomically.
    public func save(to path: String) throws {
        try AtomicWrite.write(savedText(), toPath: path)
    }

    /// Tells the points of a save file, in the file's order (a learner saved and loaded
    /// into an empty one has the same triangulation, losses and next points).
    public func load(from path: String) throws {
        let rows = try SavedRows.read(fromPath: path, columns: (dimension + 1)...Int.max, learner: "LearnerND", columnNames: columnNames)
        let points = rows.map { Array($0.prefix(dimension)) }, values = rows.map { Array($0.dropFirst(dimension)) }
        try tellMany(points, values)
    }

    /// Tells many points at once (python's `tell_many`: one `tell` each, under one lock).
    /// Throws, having told the points before it, at the first bad point or value.
    public func tellMany(_ points: [[Double]], _ values: [[Double]]) throws {
        guard points.count == values.count else {
            throw AdaptiveError("LearnerND: tellMany needs as many values as points, got \(points.count) points and \(values.count) values")
        }
        try core.withLock { core in
            for (p, v) in zip(points, values) { try core.tell(p, v) }
        }
    }
}
