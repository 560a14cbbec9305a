import Testing
@testable import Plotting

@Suite("Large figures")
struct LargeFigureTests {
    @Test("50 000 points: one polyline, compact markers, under 2 MB, and a PNG")
    func fiftyThousand() throws {
        let n = 50_000
        var rng = SplitMix(seed: 7)
        let xs = (0..<n).map { Double($0) / Double(n - 1) }
        let ys = xs.map { sin(40 * $0) + 0.01 * rng.unit() }
        let curve = try Figure.curve(xs, ys).svg()
        #expect(count("<polyline ", in: curve) == 1)
        #expect(curve.utf8.count < 1_000_000)
        let scatter = try Figure.scatter((0..<n).map { _ in rng.unit() }, (0..<n).map { _ in rng.unit() }).svg()
        #expect(count("<path ", in: scatter) <= 4, "markers share one path")
        #expect(scatter.utf8.count < 2_000_000, "\(scatter.utf8.count) bytes")
        let both = try Figure.curve(xs, ys) * Figure.scatter(xs, ys).markerSize(2)
        let image = try RasterImage(png: try both.pngData(scale: 1))
        #expect(image.width == 480 && image.height == 320)
    }
}

/// A small deterministic generator (SplitMix64) for reproducible test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

import Foundation
