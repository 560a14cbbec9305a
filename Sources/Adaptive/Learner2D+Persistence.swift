import Foundation

/// Saving and loading a learner's data, python-adaptive's `learner.save(fname)` and
/// `learner.load(fname)`, in the text format of ``Learner1D``:
///
///     # adaptive Learner2D data: x y z...
///     -1 -1 -0.99999
///     0.333 -0.333 1.25
///
/// one evaluated point a line in the order the points were first told, numbers written
/// so that they read back bit for bit. Pending points are not saved. Writing is atomic.
extension Learner2D {
    static let fileHeader = "# adaptive Learner2D data: x y z..."

    /// The data as the text of a save file.
    public func savedText() -> String {
        let data = self.data
        var text = Self.fileHeader + "\n"
        text.reserveCapacity(data.count * 64)
        for (p, value) in data {
            text += ([p.x, p.y] + value).map(Learner1D.format).joined(separator: " ")
            text += "\n"
        }
        return text
    }

    /// Writes the data to `path` atomically.
    public func save(to path: String) throws {
        try AtomicWrite.write(savedText(), toPath: path)
    }

    /// Tells the points of a save file, in the file's order (so a learner saved and
    /// loaded into an empty learner has the same triangulation). A missing file is an
    /// error; points outside the bounds are an error, as in `tell`.
    public func load(from path: String) throws {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw AdaptiveError("Learner2D: cannot read '\(path)': \(error.localizedDescription)")
        }
        var points: [SIMD2<Double>] = [], values: [[Double]] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let numbers = line.split(separator: " ").map { Learner1D.parse($0) }
            guard numbers.count >= 3, numbers.allSatisfy({ $0 != nil }) else {
                throw AdaptiveError("Learner2D: '\(path)' line \(number + 1) is not 'x y z...': \(line.prefix(60))")
            }
            points.append(SIMD2(numbers[0]!, numbers[1]!))
            values.append(numbers.dropFirst(2).map { $0! })
        }
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
