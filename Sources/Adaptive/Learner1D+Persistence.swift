import Foundation

/// Saving and loading a learner's data, python-adaptive's `learner.save(fname)` and
/// `learner.load(fname)`: a small text file a person (or another tool) can read,
///
///     # adaptive Learner1D data: x y...
///     -1 -0.99990001
///     0.123 1.123
///
/// one evaluated point a line, numbers written so that they read back bit for bit
/// (`nan`, `inf` and `-inf` for the non-finite ones). Pending points are not saved, as
/// in python-adaptive. Writing is atomic: a reader never sees half a file.
extension Learner1D {
    static let fileHeader = "# adaptive Learner1D data: x y..."

    /// The data as the text of a save file.
    public func savedText() -> String {
        let data = self.data
        var text = Self.fileHeader + "\n"
        text.reserveCapacity(data.count * 48)
        for i in 0..<data.count {
            text += ([data.xs[i]] + data.value(at: i)).map(Self.format).joined(separator: " ")
            text += "\n"
        }
        return text
    }

    /// Writes the data to `path` atomically.
    public func save(to path: String) throws {
        try AtomicWrite.write(savedText(), toPath: path)
    }

    /// Tells the points of a save file (points outside the bounds are an error, as in
    /// `tell`), then recomputes every interval's loss at the final scale, as python-adaptive's
    /// `load` does through its bulk `tell_many`.
    public func load(from path: String) throws {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw AdaptiveError("Learner1D: cannot read '\(path)': \(error.localizedDescription)")
        }
        var xs: [Double] = [], ys: [[Double]] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let numbers = line.split(separator: " ").map { Self.parse($0) }
            guard numbers.count >= 2, numbers.allSatisfy({ $0 != nil }) else {
                throw AdaptiveError("Learner1D: '\(path)' line \(number + 1) is not 'x y...': \(line.prefix(60))")
            }
            xs.append(numbers[0]!)
            ys.append(numbers.dropFirst().map { $0! })
        }
        try tellMany(xs, ys)
        core.withLock { $0.recomputeAllLosses() }
    }

    static func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return "\(x)"   // Swift prints the shortest text that reads back exactly
    }

    static func parse(_ word: Substring) -> Double? {
        switch word {
        case "nan": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default: return Double(word)
        }
    }
}
