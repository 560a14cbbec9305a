import Foundation
import Testing

@testable import Adaptive

// Helpers shared by the Learner1D test files (named *Tests.swift like them).


enum L1D {
    /// FNV-1a over the 64-bit patterns, as the python reference script computes it.
    static func hash(_ values: [Double]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in values {
            h ^= value.bitPattern
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    /// `x + a**2 / (a**2 + (x - offset)**2)` with Python's arithmetic (`**` is `pow`).
    static func peak(_ x: Double, a: Double = 0.01, offset: Double = 0) -> Double {
        let d = offset == 0 ? x : x - offset
        return x + pow(a, 2) / (pow(a, 2) + pow(d, 2))
    }

    /// Equal, or both NaN, or within `rel` relative tolerance.
    static func close(_ a: Double, _ b: Double, rel: Double = 1e-12) -> Bool {
        if a == b || (a.isNaN && b.isNaN) { return true }
        guard a.isFinite && b.isFinite else { return false }
        return abs(a - b) <= rel * max(abs(a), abs(b))
    }

    /// A compensated (Neumaier) sum, to compare with Python's `math.fsum`.
    static func sum(_ values: [Double]) -> Double {
        var total = 0.0
        var compensation = 0.0
        for v in values {
            let t = total + v
            compensation += abs(total) >= abs(v) ? (total - t) + v : (v - t) + total
            total = t
        }
        return total + compensation
    }

    /// Everything observable about a learner's state, for equality checks.
    struct Snapshot: Equatable {
        var data: Learner1D.Samples
        var real: [Learner1D.IntervalLoss]
        var combined: [Learner1D.IntervalLoss]
        var pending: [Double]
        var scale: Double
        var oldScale: Double

        static func == (a: Snapshot, b: Snapshot) -> Bool {
            func sameIntervals(_ x: [Learner1D.IntervalLoss], _ y: [Learner1D.IntervalLoss]) -> Bool {
                x.count == y.count
                    && zip(x, y).allSatisfy {
                        $0.left == $1.left && $0.right == $1.right
                            && ($0.loss == $1.loss || ($0.loss.isNaN && $1.loss.isNaN))
                    }
            }
            func same(_ x: Double, _ y: Double) -> Bool { x == y || (x.isNaN && y.isNaN) }
            return a.data.xs == b.data.xs && a.data.vdim == b.data.vdim
                && zip(a.data.values, b.data.values).allSatisfy(same)
                && sameIntervals(a.real, b.real) && sameIntervals(a.combined, b.combined)
                && a.pending == b.pending && same(a.scale, b.scale) && same(a.oldScale, b.oldScale)
        }
    }

    static func snapshot(_ learner: Learner1D) -> Snapshot {
        let (scale, old) = learner.core.withLock { ($0.yRange.scale, $0.oldScale) }
        return Snapshot(
            data: learner.data, real: learner.intervals(real: true),
            combined: learner.intervals(real: false), pending: learner.pendingPoints,
            scale: scale, oldScale: old)
    }

    /// Asks one point at a time and tells f, `n` times: the python `simple` loop.
    static func run(
        _ learner: Learner1D, _ n: Int, _ f: (Double) -> Double
    ) throws -> (xs: [Double], improvements: [Double], losses: [Double]) {
        var xs: [Double] = []
        var improvements: [Double] = []
        var losses: [Double] = []
        for _ in 0..<n {
            let (points, imps) = try learner.ask(1)
            try learner.tell(points[0], f(points[0]))
            xs.append(points[0])
            improvements.append(imps[0])
            losses.append(learner.loss())
        }
        return (xs, improvements, losses)
    }
}
