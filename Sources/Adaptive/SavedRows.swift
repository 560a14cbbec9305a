import Foundation

/// The save files of the averaging learners: a comment line naming the columns, then
/// one row of numbers a line, written so that they read back bit for bit (`nan`, `inf`
/// and `-inf` for the non-finite ones), like ``Learner1D``'s save files.
///
///     # adaptive AverageLearner data: seed y
///     0 1.4417154046806644
///     1 1.7881847531554629
enum SavedRows {
    /// Writes `rows` under `header` to `path` atomically.
    static func write(_ rows: [[Double]], header: String, toPath path: String) throws {
        var text = header + "\n"
        text.reserveCapacity(rows.count * 40)
        for row in rows {
            text += row.map(Learner1D.format).joined(separator: " ")
            text += "\n"
        }
        try AtomicWrite.write(text, toPath: path)
    }

    /// The rows of the file at `path`, each of exactly `columns` numbers; `learner`
    /// names the caller in errors.
    static func read(fromPath path: String, columns: Int, learner: String, columnNames: String) throws -> [[Double]] {
        let text: String
        do { text = try String(contentsOfFile: (path as NSString).expandingTildeInPath, encoding: .utf8) } catch {
            throw AdaptiveError("\(learner): cannot read '\(path)': \(error.localizedDescription)")
        }
        var rows: [[Double]] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let numbers = line.split(separator: " ").map { Learner1D.parse($0) }
            guard numbers.count == columns, numbers.allSatisfy({ $0 != nil }) else {
                throw AdaptiveError("\(learner): '\(path)' line \(number + 1) is not '\(columnNames)': \(line.prefix(60))")
            }
            rows.append(numbers.map { $0! })
        }
        return rows
    }

    /// A seed read from a file: an integer >= 0.
    static func seed(_ value: Double, learner: String, path: String) throws -> Int {
        guard value >= 0, let seed = Int(exactly: value) else {
            throw AdaptiveError("\(learner): '\(path)' has the seed \(AdaptiveError.format(value)); seeds are integers >= 0")
        }
        return seed
    }
}

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
