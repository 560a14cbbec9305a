import Foundation

/// Saving and loading a learner's data (see ``SavedRows``):
///
///     # adaptive Learner1D data: x y...
///     -1 -0.99990001
///     0.123 1.123
///
/// one evaluated point a line, sorted by x.
extension Learner1D {
    static let fileHeader = "# adaptive Learner1D data: x y..."

    /// The data as the text of a save file.
    public func savedText() -> String {
        let data = self.data
        return SavedRows.text((0..<data.count).lazy.map { [data.xs[$0]] + data.value(at: $0) }, header: Self.fileHeader)
    }

    /// Writes the data to `path` atomically.
    public func save(to path: String) throws {
        try AtomicWrite.write(savedText(), toPath: path)
    }

    /// Tells the points of a save file (points outside the bounds are an error, as in
    /// `tell`), then recomputes every interval's loss at the final scale, as python-adaptive's
    /// `load` does through its bulk `tell_many`.
    public func load(from path: String) throws {
        let rows = try SavedRows.read(fromPath: path, columns: 2...Int.max, learner: "Learner1D", columnNames: "x y...")
        try tellMany(rows.map { $0[0] }, rows.map { Array($0.dropFirst()) })
        core.withLock { $0.recomputeAllLosses() }
    }
}
