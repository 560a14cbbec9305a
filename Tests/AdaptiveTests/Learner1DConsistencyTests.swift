import Foundation
import Testing

@testable import Adaptive

// The cross-learner properties of spec §6.1 and python's `test_tell_many`, plus a
// randomized check of the internal invariants. All randomness is seeded.

@Suite("Learner1D consistency (spec 6.1)")
struct Learner1DConsistencyTests {
    static let losses: [Loss1D] = [.default, .uniform, .curvature()]

    /// python's test functions: `m x² + b` and `x + a²/(a² + (x − d)²)`, random parameters.
    static func randomFunction(_ rng: inout SeededGenerator) -> @Sendable (Double) -> Double {
        if Bool.random(using: &rng) {
            let m = Double.random(in: 1...4, using: &rng)
            let b = Double.random(in: 0...1, using: &rng)
            return { m * $0 * $0 + b }
        }
        let d = Double.random(in: -1...1, using: &rng)
        return { L1D.peak($0, offset: d) }
    }

    @Test(arguments: losses)
    func uniformSamplingWithoutData(_ loss: Loss1D) throws {
        var rng = SeededGenerator(seed: 21)
        for _ in 0..<5 {
            let learner = try Learner1D(bounds: (-1, 1), loss: loss)
            var points: [Double] = []
            for _ in 0..<Int.random(in: 10..<20, using: &rng) {
                points += try learner.ask(Int.random(in: 10..<20, using: &rng)).points
            }
            points.sort()
            let gaps = zip(points.dropFirst(), points).map { $0 - $1 }
            #expect(gaps.max()! / gaps.min()! < 2 + 1e-8)
        }
    }

    @Test func acceptsVectorValues() throws {
        let learner = try Learner1D(bounds: (-1, 1))
        for _ in 0..<11 {
            let x = try learner.ask(1).points[0]
            try learner.tell(x, vector: [0, 1])
        }
        #expect(learner.npoints > 10 && learner.vdim == 2)
    }

    static func pairs(_ ask: (points: [Double], lossImprovements: [Double])) -> [[Double]] {
        zip(ask.points, ask.lossImprovements).map { [$0, $1] }.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
    }

    @Test(arguments: losses)
    func addingExistingDataIsIdempotent(_ loss: Loss1D) throws {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<5 {
            let f = Self.randomFunction(&rng)
            let learner = try Learner1D(bounds: (-1, 1), loss: loss)
            let control = learner.newEmpty()
            learner.recomputeFactor = 1
            control.recomputeFactor = 1
            let n = Int.random(in: 10...30, using: &rng)
            _ = try control.ask(n)
            var points = try learner.ask(n).points.map { ($0, f($0)) }
            for (x, y) in points {
                try control.tell(x, y)
                try learner.tell(x, y)
            }
            points.shuffle(using: &rng)
            for (x, y) in points { try learner.tell(x, y) }
            let m = Int.random(in: 10...30, using: &rng)
            #expect(Self.pairs(try learner.ask(m)) == Self.pairs(try control.ask(m)))
        }
    }

    @Test(arguments: losses)
    func addingNonChosenData(_ loss: Loss1D) throws {
        var rng = SeededGenerator(seed: 6)
        for _ in 0..<5 {
            let f = Self.randomFunction(&rng)
            let learner = try Learner1D(bounds: (-1, 1), loss: loss)
            let control = learner.newEmpty()
            let n = Int.random(in: 10...30, using: &rng)
            for x in try control.ask(n).points {
                try control.tell(x, f(x))
                try learner.tell(x, f(x))
            }
            let m = Int.random(in: 10...30, using: &rng)
            #expect(Self.pairs(try learner.ask(m)) == Self.pairs(try control.ask(m)))
        }
    }

    @Test(arguments: losses)
    func pointAddingOrderIsIrrelevant(_ loss: Loss1D) throws {
        var rng = SeededGenerator(seed: 8)
        for _ in 0..<5 {
            let f = Self.randomFunction(&rng)
            let learner = try Learner1D(bounds: (-1, 1), loss: loss)
            let control = learner.newEmpty()
            learner.recomputeFactor = 1
            control.recomputeFactor = 1
            let n = Int.random(in: 10...30, using: &rng)
            _ = try control.ask(n)
            var points = try learner.ask(n).points.map { ($0, f($0)) }
            for (x, y) in points { try control.tell(x, y) }
            points.shuffle(using: &rng)
            for (x, y) in points { try learner.tell(x, y) }
            let m = Int.random(in: 10...30, using: &rng)
            let a = Self.pairs(try learner.ask(m))
            let b = Self.pairs(try control.ask(m))
            #expect(a.count == b.count)
            #expect(zip(a, b).allSatisfy { abs($0[0] - $1[0]) < 1e-7 && abs($0[1] - $1[1]) < 1e-7 })
        }
    }

    /// With recompute factor 1 every loss ends up computed at the final y-scale, so
    /// any order of telling the same points gives exactly the same state.
    @Test(arguments: losses)
    func anyOrderOfTellsGivesTheSameState(_ loss: Loss1D) throws {
        var rng = SeededGenerator(seed: 14)
        let f = Self.randomFunction(&rng)
        let first = try Learner1D(bounds: (-1, 1), loss: loss)
        _ = try L1D.run(first, 20, f)
        let asked = try first.ask(40).points
        let told = Array(asked.prefix(30))
        var snapshots: [L1D.Snapshot] = []
        for _ in 0..<3 {
            let learner = try Learner1D(bounds: (-1, 1), loss: loss)
            learner.recomputeFactor = 1
            var order = first.data.xs + told
            order.shuffle(using: &rng)
            for x in asked { try learner.tellPending(x) }
            for x in order { try learner.tell(x, f(x)) }
            snapshots.append(L1D.snapshot(learner))
        }
        #expect(snapshots[0] == snapshots[1] && snapshots[1] == snapshots[2])
        #expect(snapshots[0].pending == Array(asked.suffix(10)).sorted())
    }

    @Test(arguments: losses)
    func expectedLossImprovementIsLessThanTotalLoss(_ loss: Loss1D) throws {
        var rng = SeededGenerator(seed: 9)
        let f = Self.randomFunction(&rng)
        let learner = try Learner1D(bounds: (-1, 1), loss: loss)
        for _ in 0..<2 {
            for x in try learner.ask(Int.random(in: 50...100, using: &rng)).points { try learner.tell(x, f(x)) }
        }
        let improvements = try learner.ask(Int.random(in: 50...100, using: &rng)).lossImprovements
        #expect(improvements.reduce(0, +) < learner.intervals().map(\.loss).reduce(0, +))
    }

    @Test(arguments: losses)
    func performanceIsInvariantUnderScaling(_ loss: Loss1D) throws {
        var rng = SeededGenerator(seed: 10)
        let f = Self.randomFunction(&rng)
        let xScale = 1000 * Double.random(in: 0..<1, using: &rng)
        let yScale = 1000 * Double.random(in: 0..<1, using: &rng)
        let control = try Learner1D(bounds: (-1, 1), loss: loss)
        let learner = try Learner1D(bounds: (-xScale, xScale), loss: loss)
        control.recomputeFactor = 1
        learner.recomputeFactor = 1
        for _ in 0..<Int.random(in: 300..<500, using: &rng) {
            let cx = try control.ask(1).points
            let lx = try learner.ask(1).points
            try control.tellMany(cx, cx.map(f))
            try learner.tellMany(lx, lx.map { yScale * f($0 / xScale) })
            #expect(abs(lx[0] / xScale - cx[0]) <= 1e-8 + 1e-5 * abs(cx[0]))
        }
        #expect(L1D.close(learner.loss(), control.loss(), rel: 1e-10))
    }

    /// What a balancing learner relies on: `ask(tellPending: false)` changes nothing.
    @Test func askWithoutTellPendingChangesNothing() throws {
        let learner = try Learner1D(bounds: (-1, 1))
        _ = try L1D.run(learner, 30) { L1D.peak($0) }
        _ = try learner.ask(3)
        let before = L1D.snapshot(learner)
        let first = try learner.ask(7, tellPending: false)
        #expect(L1D.snapshot(learner) == before)
        let second = try learner.ask(7, tellPending: false)
        #expect(first.points == second.points && first.lossImprovements == second.lossImprovements)
    }

    // MARK: tellMany

    /// python's `test_tell_many`, first part: the bulk path after `tellPending` of
    /// every point gives the one-by-one state.
    @Test func tellManyEqualsOneByOne() throws {
        for vector in [false, true] {
            let f: (Double) -> [Double] = {
                let y = L1D.peak($0, offset: 0.123214)
                return vector ? [y, 0.5 * y, y * y] : [sin($0 * $0) + sin(pow($0, 5)) + y + $0 * $0]
            }
            let learner = try Learner1D(bounds: (-1, 1))
            let learner2 = try Learner1D(bounds: (-1, 1))
            for _ in 0..<200 {
                let x = try learner.ask(1).points[0]
                try learner.tell(x, vector: f(x))
            }
            let data = learner.data
            let huge = [Double](repeating: 1e6, count: data.vdim)
            try learner.tell(1e-6, vector: huge)
            try learner2.tell(1e-6, vector: huge)
            for x in data.xs { try learner2.tellPending(x) }
            try learner2.tellMany(data.xs, (0..<data.count).map { Array(data.value(at: $0)) })
            // The histories differ (the huge value came first for learner2), so as in
            // python the losses agree to 7 decimals, everything else exactly.
            let (a, b) = (L1D.snapshot(learner), L1D.snapshot(learner2))
            #expect(a.data == b.data && a.pending == b.pending && a.scale == b.scale)
            for (x, y) in [(a.real, b.real), (a.combined, b.combined)] {
                #expect(x.map { [$0.left, $0.right] } == y.map { [$0.left, $0.right] })
                #expect(zip(x, y).allSatisfy { abs($0.loss - $1.loss) < 1e-7 })
            }
        }
    }

    /// python's `test_tell_many`, second part, and more: random asks with some points
    /// held back; one learner gets `tellMany`, the other one-by-one `tell`. Exactly the
    /// same state, with and without y-scale doublings, for losses with neighbours too.
    @Test(arguments: [Loss1D.default, .curvature(), .custom(nthNeighbors: 2) { xs, _ in
        xs.compactMap { $0 }.count == 6 ? xs[3]! - xs[2]! : 2 * (xs[3]! - xs[2]!)
    }])
    func tellManyRandomOrderEqualsOneByOne(_ loss: Loss1D) throws {
        var rng = SeededGenerator(seed: 12)
        for scaleJumps in [false, true] {
            let f = Self.randomFunction(&rng)
            let bulk = try Learner1D(bounds: (-1, 1), loss: loss)
            let single = try Learner1D(bounds: (-1, 1), loss: loss)
            if !scaleJumps {
                try bulk.tell(1e-6, 1e6)
                try single.tell(1e-6, 1e6)
            }
            var stash: [Double] = []
            for round in 0..<12 {
                var xs = try bulk.ask(10).points
                for x in xs { try single.tellPending(x) }
                xs.shuffle(using: &rng)
                for _ in 0..<5 { stash.append(xs.removeLast()) }
                let scale = scaleJumps ? pow(3, Double(round)) : 1
                try bulk.tellManyBulk(xs, xs.map { scale * f($0) })
                for x in xs { try single.tell(x, scale * f(x)) }
                stash.shuffle(using: &rng)
                xs = (0..<Int.random(in: 1...5, using: &rng)).map { _ in stash.removeLast() }
                try bulk.tellManyBulk(xs, xs.map { scale * f($0) })
                for x in xs { try single.tell(x, scale * f(x)) }
                #expect(L1D.snapshot(bulk) == L1D.snapshot(single), "round \(round)")
            }
            #expect(bulk.invariantViolations() == [] && single.invariantViolations() == [])
        }
    }

    // MARK: Random operations

    /// Random sequences of every operation: the state stays consistent, asked points
    /// are never known or pending, and losses are never negative.
    @Test(arguments: [Loss1D.default, .uniform, .triangle, .absMinLog, .resolution(minLength: 0.001, maxLength: 0.3)])
    func randomOperationsKeepTheStateConsistent(_ loss: Loss1D) throws {
        var rng = SeededGenerator(seed: 13)
        let f = Self.randomFunction(&rng)
        let learner = try Learner1D(bounds: (-2, 3), loss: loss)
        var pending: [Double] = []
        for step in 0..<400 {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<4:
                let known = Set(learner.data.xs).union(learner.pendingPoints)
                let (points, improvements) = try learner.ask(Int.random(in: 1...4, using: &rng))
                #expect(points.allSatisfy { !known.contains($0) }, "step \(step)")
                #expect(improvements.allSatisfy { !($0 < 0) })
                pending += points
            case 4..<7 where !pending.isEmpty:
                let x = pending.remove(at: Int.random(in: 0..<pending.count, using: &rng))
                try learner.tell(x, f(x))
            case 7:
                let x = Double.random(in: -2...3, using: &rng)
                try learner.tell(x, f(x))
            case 8:
                let x = Double.random(in: -2...3, using: &rng)
                try learner.tellPending(x)
                pending.append(x)
            default:
                if Int.random(in: 0..<8, using: &rng) == 0 {
                    learner.removeUnfinished()
                    pending = []
                } else {
                    let xs = (0..<Int.random(in: 1...6, using: &rng)).map { _ in Double.random(in: -2...3, using: &rng) }
                    try learner.tellMany(xs, xs.map(f))
                }
            }
            #expect(learner.intervals(real: false).allSatisfy { !($0.loss < 0) })
            if step % 10 == 0 { try #require(learner.invariantViolations() == [], "step \(step)") }
        }
        #expect(learner.invariantViolations() == [])
        #expect(learner.pendingPoints == Set(pending).sorted().filter { !learner.data.xs.contains($0) })
    }
}

extension Learner1D {
    /// `tellMany` forced onto the bulk path, as python's `force=True`.
    func tellManyBulk(_ xs: [Double], _ ys: [Double]) throws {
        try core.withLock { core in try core.tellMany(xs, .scalars(ys), forceBulk: true) }
    }
}
