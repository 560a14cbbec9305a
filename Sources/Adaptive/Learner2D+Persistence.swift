import Foundation

/// Saving and loading a learner's data (see ``SavedRows``):
///
///     # adaptive Learner2D data: x y z...
///     -1 -1 -0.99999
///     0.333 -0.333 1.25
///
/// one evaluated point a line in the order the points were first told.
extension Learner2D {
    static let fileHeader = "# adaptive Learner2D data: x y z..."

    /// The data as the text of a save file.
    public func savedText() -> String {
        SavedRows.text(data.lazy.map { [$0.point.x, $0.point.y] + $0.value }, header: Self.fileHeader)
    }

    /// Writes the data to `path` atomically.
    public func save(to path: String) throws {
        try AtomicWrite.write(savedText(), toPath: path)
    }

    /// Tells the points of a save file, in the file's order (so a learner saved and
    /// loaded into an empty learner has the same triangulation). A missing file is an
    /// error; points outside the bounds are an error, as in `tell`.
    public func load(from path: String) throws {
        let rows = try SavedRows.read(fromPath: path, columns: 3...Int.max, learner: "Learner2D", columnNames: "x y z...")
        let points = rows.map { SIMD2($0[0], $0[1]) }, values = rows.map { Array($0.dropFirst(2)) }
        try tellMany(points, values)
    }

    /// Tells many points at once (python's `tell_many`: one `tell` each, under one lock).
    /// Throws, having told the points before it, at the first bad point or value.
    public func tellMany(_ points: [SIMD2<Double>], _ values: [[Double]]) throws {
        guard points.count == values.count else {
            throw AdaptiveError("Learner2D: tellMany needs as many values as points, got \(points.count) points and \(values.count) values")
        }
        try core.withLock { core in
            for (p, v) in zip(points, values) { try core.tell(p, v) }
        }
    }

    /// The data as rows `x, y, z...` sorted by x then y (python's `to_numpy`).
    public var sortedRows: [[Double]] {
        data.map { [$0.point.x, $0.point.y] + $0.value }
            .sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
    }
}
