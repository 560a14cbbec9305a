import Foundation
import Testing

@testable import Adaptive

// AverageLearner1D's properties from python-adaptive's test suite (spec §6.1, §6.6) and
// our own: pending points, saving, bad input.

@Suite struct AverageLearner1DPropertyTests {
    typealias P = AverageLearner1D.Point

    /// A noisy peak with noise from a hash of (seed, x): the same sample for the same pair.
    static func f(_ p: P, sigma: Double = 2, offset: Double = -0.4) -> Double {
        let w = 0.05
        let y = p.x * p.x * p.x - p.x + 3 * w * w / (w * w + (p.x - offset) * (p.x - offset))
        var g = SeededGenerator(seed: UInt64(bitPattern: Int64(p.seed)) &* 0x9E37_79B9 ^ p.x.bitPattern)
        let u1 = Double(g.next() >> 11) / 9_007_199_254_740_992.0, u2 = Double(g.next() >> 11) / 9_007_199_254_740_992.0
        return y + sigma * (-2 * log(1 - u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// `runner.simple` until more than `n` samples (python's `simple_run` for this learner).
    static func run(_ learner: AverageLearner1D, samples n: Int, sigma: Double = 2) throws {
        while learner.nsamples <= n {
            let (points, _) = try learner.ask(1)
            for p in points { try learner.tell(p, f(p, sigma: sigma)) }
        }
    }

    static func told(_ learner: AverageLearner1D) -> [P] { learner.samples.map { P(seed: $0.seed, x: $0.x) } }

    static func sameAsk(_ a: AverageLearner1D, _ b: AverageLearner1D, _ m: Int) throws -> Bool {
        let (pa, ia) = try a.ask(m), (pb, ib) = try b.ask(m)
        return pa == pb && zip(ia, ib).allSatisfy { $0 == $1 || abs($0 - $1) <= 1e-12 * abs($1) }
    }

    @Test func tellManyAtPointGivesTheSameLearner() throws {
        // test_tell_many_at_point: every x's samples at once into a fresh learner.
        let learner = try AverageLearner1D(bounds: (-2, 2))
        try Self.run(learner, samples: 600)
        let control = try AverageLearner1D(bounds: (-2, 2))
        for x in learner.data.map(\.x) {
            let rows = learner.samples.filter { $0.x == x }
            try control.tellMany(rows.map { P(seed: $0.seed, x: x) }, rows.map(\.y))
        }
        #expect(control.npoints == learner.npoints && control.nsamples == learner.nsamples)
        for (a, b) in zip(learner.data, control.data) {
            #expect(a.x == b.x && abs(a.mean - b.mean) < 1e-12)
        }
        for (a, b) in zip(learner.statistics, control.statistics) {
            #expect(a.count == b.count && abs(a.error - b.error) <= 1e-10 * a.error)
        }
        #expect(abs(learner.loss() - control.loss()) < 1e-10)
        try Self.run(control, samples: 1200)
        #expect(control.nsamples > 1200)
    }

    @Test func addingExistingDataIsIdempotent() throws {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<5 {
            let learner = try AverageLearner1D(bounds: (-2, 2)), control = try AverageLearner1D(bounds: (-2, 2))
            for l in [learner, control] { l.core.withLock { $0.base.recomputeFactor = 1 } }
            for _ in 0..<3 {
                let n = Int.random(in: 10...30, using: &rng)
                let (pa, _) = try learner.ask(n), (pb, _) = try control.ask(n)
                for p in pa { try learner.tell(p, Self.f(p)) }
                for p in pb { try control.tell(p, Self.f(p)) }
            }
            for p in Self.told(learner).shuffled(using: &rng) { try learner.tell(p, Self.f(p)) }
            #expect(try Self.sameAsk(learner, control, Int.random(in: 10...30, using: &rng)))
        }
    }

    @Test func addingNonChosenDataAsksLikeTheControl() throws {
        // The learner is told the points the control asked for, without asking itself.
        var rng = SeededGenerator(seed: 5)
        let learner = try AverageLearner1D(bounds: (-2, 2)), control = try AverageLearner1D(bounds: (-2, 2))
        for round in 0..<40 {
            let (points, _) = try control.ask(Int.random(in: 10...30, using: &rng))
            for p in points {
                try control.tell(p, Self.f(p))
                try learner.tell(p, Self.f(p))
            }
            #expect(try Self.sameAsk(learner.copyForTest(), control.copyForTest(), Int.random(in: 10...20, using: &rng)), "round \(round)")
        }
        #expect(learner.npoints > 3)
    }

    @Test func pointAddingOrderIsIrrelevant() throws {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<5 {
            let learner = try AverageLearner1D(bounds: (-2, 2)), control = try AverageLearner1D(bounds: (-2, 2))
            let n = Int.random(in: 10...30, using: &rng)
            let (points, _) = try control.ask(n)
            _ = try learner.ask(n)
            for p in points { try control.tell(p, Self.f(p)) }
            for p in points.shuffled(using: &rng) { try learner.tell(p, Self.f(p)) }
            let m = Int.random(in: 10...30, using: &rng)
            let (a, ia) = try learner.ask(m), (b, ib) = try control.ask(m)
            #expect(a.map(\.x) == b.map(\.x) && Set(a) == Set(b))
            #expect(zip(ia, ib).allSatisfy { abs($0 - $1) < 1e-7 || $0 == $1 })
        }
    }

    @Test func expectedLossImprovementIsLessThanTotalLoss() throws {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<5 {
            let learner = try AverageLearner1D(bounds: (-2, 2))
            for _ in 0..<2 {
                let (points, _) = try learner.ask(Int.random(in: 50...100, using: &rng))
                for p in points { try learner.tell(p, Self.f(p)) }
            }
            let (_, improvements) = try learner.ask(Int.random(in: 50...100, using: &rng))
            let total = learner.intervals().map(\.loss).reduce(0, +)
            #expect(improvements.reduce(0, +) < total)
        }
    }

    @Test func performanceIsInvariantUnderScaling() throws {
        // σ = 0 (the samples at an x are equal); bounds × xscale, values × yscale.
        for (xscale, yscale) in [(123.4, 0.01), (0.02, 750.0)] {
            let control = try AverageLearner1D(bounds: (-2, 2)), learner = try AverageLearner1D(bounds: (-2 * xscale, 2 * xscale))
            for l in [learner, control] { l.core.withLock { $0.base.recomputeFactor = 1 } }
            for _ in 0..<400 {
                let (pc, _) = try control.ask(1), (pl, _) = try learner.ask(1)
                try #require(pc[0].seed == pl[0].seed && abs(pl[0].x / xscale - pc[0].x) <= 1e-10)
                try control.tellMany(pc, [Self.f(pc[0], sigma: 0)])
                try learner.tellMany(pl, [yscale * Self.f(P(seed: pl[0].seed, x: pl[0].x / xscale), sigma: 0)])
            }
            #expect(abs(learner.loss() - control.loss()) <= 1e-10 * control.loss())
        }
    }

    @Test func pendingPointsAreNeverHandedOutTwice() throws {
        let learner = try AverageLearner1D(bounds: (-1, 1), minSamples: 4)
        var handedOut = Set<P>()
        for round in 0..<300 {
            let (points, _) = try learner.ask(3)
            for p in points { #expect(handedOut.insert(p).inserted, "round \(round): \(p) again") }
            // Tell one of three, late: the others stay pending for a while.
            if round % 3 == 2 {
                for p in learner.pendingPoints.prefix(5) { try learner.tell(p, Self.f(p, sigma: 0.1)) }
            }
        }
        #expect(learner.pendingCount == handedOut.count - learner.nsamples)
        learner.removeUnfinished()
        #expect(learner.pendingCount == 0 && learner.intervals(real: false) == learner.intervals(real: true))
    }

    @Test func askWithoutPendingChangesNothing() throws {
        let learner = try AverageLearner1D(bounds: (-2, 2))
        try Self.run(learner, samples: 400)
        let before = (try learner.ask(4, tellPending: false), learner.intervals(real: false), learner.pendingCount)
        let again = try learner.ask(4, tellPending: false)
        #expect(again.points == before.0.points && learner.intervals(real: false) == before.1 && learner.pendingCount == 0)
    }

    @Test func savingAndLoading() throws {
        let learner = try AverageLearner1D(bounds: (-2, 2))
        try Self.run(learner, samples: 300)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("avg1d-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try learner.save(to: path)
        let loaded = learner.newEmpty()
        try loaded.load(from: path)
        #expect(loaded.nsamples == learner.nsamples && loaded.npoints == learner.npoints)
        #expect(abs(loaded.loss() - learner.loss()) < 1e-7)
        try Self.run(loaded, samples: 600)
        #expect(loaded.nsamples > 600)
    }

    @Test func resamplingStopsAtMaxSamplesAndMinError() throws {
        let capped = try AverageLearner1D(bounds: (-2, 2), minSamples: 5, maxSamples: 30)
        try Self.run(capped, samples: 3000)
        #expect(capped.statistics.allSatisfy { $0.count <= 30 })
        let coarse = try AverageLearner1D(bounds: (-2, 2), minSamples: 5, minError: 1.0)
        try Self.run(coarse, samples: 3000)
        #expect(coarse.statistics.allSatisfy { $0.rescaledError == nil || $0.error > 1.0 })
    }

    @Test func invalidInputIsRejected() throws {
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "no error" } catch { return "\(error)" }
        }
        #expect(message { _ = try AverageLearner1D(bounds: (1, 1)) } == "AverageLearner1D: bounds must be finite {a, b} with a < b, got {1, 1}")
        #expect(message { _ = try AverageLearner1D(bounds: (0, 1), delta: 0) } == "AverageLearner1D: delta must be in (0, 1], got 0")
        #expect(message { _ = try AverageLearner1D(bounds: (0, 1), alpha: 2) } == "AverageLearner1D: alpha must be in (0, 1], got 2")
        #expect(message { _ = try AverageLearner1D(bounds: (0, 1), neighborSampling: 0) } == "AverageLearner1D: neighbor_sampling must be in (0, 1], got 0")
        #expect(message { _ = try AverageLearner1D(bounds: (0, 1), minSamples: -1) } == "AverageLearner1D: min_samples must be >= 0, got -1")
        #expect(message { _ = try AverageLearner1D(bounds: (0, 1), minSamples: 10, maxSamples: 5) } == "AverageLearner1D: max_samples must be >= min_samples (10), got 5")
        let learner = try AverageLearner1D(bounds: (0, 1))
        #expect(message { try learner.tell(P(seed: 0, x: 2), 1) } == "AverageLearner1D: x = 2 is outside the bounds {0, 1}")
        #expect(message { try learner.tellMany([P(seed: 0, x: 0.5), P(seed: 1, x: -1)], [1, 2]) } == "AverageLearner1D: x = -1 is outside the bounds {0, 1}")
        #expect(learner.nsamples == 0)
        #expect(message { _ = try learner.ask(-1) } == "AverageLearner1D: ask(n) needs n >= 0, got -1")
        // A pair told twice counts once.
        try learner.tell(P(seed: 0, x: 0.5), 1)
        try learner.tell(P(seed: 0, x: 0.5), 5)
        #expect(learner.nsamples == 1 && learner.data[0].mean == 1)
    }
}

extension AverageLearner1D {
    /// A learner with the same state (an ask on it leaves this one as it was).
    func copyForTest() -> AverageLearner1D {
        let copy = newEmpty()
        let state = UncheckedBox(core.withLock { $0 })
        copy.core.withLock { $0 = state.value }
        return copy
    }
}
