import Foundation
@testable import Plotting

/// Number of non-overlapping occurrences of `needle` in `haystack`.
func count(_ needle: String, in haystack: String) -> Int {
    haystack.components(separatedBy: needle).count - 1
}

/// The text contents of every `<text>` element, unescaped, in document order.
func texts(_ svg: String) -> [String] {
    var result: [String] = []
    var rest = Substring(svg)
    while let open = rest.range(of: "<text") {
        rest = rest[open.upperBound...]
        guard let gt = rest.firstIndex(of: ">"), let close = rest.range(of: "</text>") else { break }
        result.append(String(rest[rest.index(after: gt)..<close.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&"))
        rest = rest[close.upperBound...]
    }
    return result
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "plotting-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// `n` points of a smooth curve over [0, 1].
func samples(_ n: Int) -> (xs: [Double], ys: [Double]) {
    let xs = (0..<n).map { Double($0) / Double(max(n - 1, 1)) }
    return (xs, xs.map { $0 * $0 })
}
