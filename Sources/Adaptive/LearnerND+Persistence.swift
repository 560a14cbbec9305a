import Foundation

/// Saving and loading a learner's data, python-adaptive's `learner.save(fname)` and
/// `learner.load(fname)`, in the text format of the other learners:
///
///     # adaptive LearnerND data (3 coordinates): x1 x2 x3 y...
///     -1 -1 -1 1.6078739072192e-101
///
/// one evaluated point a line in the order the points were first told, numbers written so
/// that they read back bit for bit. Pending points are not saved. Writing is atomic.
extension LearnerND {
    /// The data as the text of a save file.
    public func savedText() -> String {
        let data = self.data
        var text = "# adaptive LearnerND data (\(dimension) coordinates): "
            + (1...dimension).map { "x\($0)" }.joined(separator: " ") + " y...\n"
        for (p, value) in data {
            text += (p + value).map(Learner1D.format).joined(separator: " ") + "\n"
        }
        return text
    }

    /// Writes the data to `path` atomically.
    public func save(to path: String) throws {
        try AtomicWrite.write(savedText(), toPath: path)
    }

    /// Tells the points of a save file, in the file's order (a learner saved and loaded
    /// into an empty one has the same triangulation, losses and next points).
    public func load(from path: String) throws {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw AdaptiveError("LearnerND: cannot read '\(path)': \(error.localizedDescription)")
        }
        var points: [[Double]] = [], values: [[Double]] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let numbers = line.split(separator: " ").map { Learner1D.parse($0) }
            guard numbers.count > dimension, numbers.allSatisfy({ $0 != nil }) else {
                throw AdaptiveError("LearnerND: '\(path)' line \(number + 1) is not \(dimension) coordinates and a value: \(line.prefix(60))")
            }
            points.append(numbers.prefix(dimension).map { $0! })
            values.append(numbers.dropFirst(dimension).map { $0! })
        }
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
