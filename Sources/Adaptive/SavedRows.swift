import Foundation

/// The save files of every learner (python-adaptive's `learner.save(fname)` and
/// `learner.load(fname)`): a small text file a person or another tool can read, a comment
/// line naming the columns, then one row of numbers a line, written so that they read
/// back bit for bit (`nan`, `inf` and `-inf` for the non-finite ones). Pending points are
/// never saved, as in python-adaptive. Writing is atomic: a reader never sees half a file.
///
///     # adaptive AverageLearner data: seed y
///     0 1.4417154046806644
///     1 1.7881847531554629
enum SavedRows {
    /// The text of a save file: `header`, then the rows.
    static func text<Rows: Sequence>(_ rows: Rows, header: String) -> String where Rows.Element == [Double] {
        var text = header + "\n"
        text.reserveCapacity(rows.underestimatedCount * 40)
        for row in rows {
            text += row.map(format).joined(separator: " ")
            text += "\n"
        }
        return text
    }

    /// Writes `rows` under `header` to `path` atomically.
    static func write<Rows: Sequence>(_ rows: Rows, header: String, toPath path: String) throws where Rows.Element == [Double] {
        try AtomicWrite.write(text(rows, header: header), toPath: path)
    }

    /// The rows of the file at `path`, each of exactly `columns` numbers; `learner`
    /// names the caller in errors.
    static func read(fromPath path: String, columns: Int, learner: String, columnNames: String) throws -> [[Double]] {
        try read(fromPath: path, columns: columns...columns, learner: learner, columnNames: columnNames)
    }

    /// The rows of the file at `path`, each of a number of numbers in `columns`.
    static func read(fromPath path: String, columns: ClosedRange<Int>, learner: String, columnNames: String) throws -> [[Double]] {
        let text: String
        do { text = try String(contentsOfFile: (path as NSString).expandingTildeInPath, encoding: .utf8) } catch {
            throw AdaptiveError("\(learner): cannot read '\(path)': \(error.localizedDescription)")
        }
        var rows: [[Double]] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let numbers = line.split(separator: " ").map { parse($0) }
            guard columns.contains(numbers.count), numbers.allSatisfy({ $0 != nil }) else {
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

    /// A number as saved: the shortest text that reads back exactly.
    static func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return "\(x)"
    }

    /// A saved number, or nil.
    static func parse(_ word: Substring) -> Double? {
        switch word {
        case "nan": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default: return Double(word)
        }
    }
}
