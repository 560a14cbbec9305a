import Foundation
import Testing

@testable import Adaptive

private func box(_ d: Int, _ loss: LossND = .default) throws -> LearnerND {
    try LearnerND(bounds: Array(repeating: (-1.0, 1.0), count: d), loss: loss)
}

/// A smooth function with a sharp ring, in any dimension.
private func bump(_ p: [Double]) -> Double {
    let r2 = p.reduce(0) { $0 + $1 * $1 }
    return p[0] + exp(-pow(r2 - 0.3, 2) / 0.01)
}

private func run(_ learner: LearnerND, _ n: Int, _ f: ([Double]) -> Double = bump) throws {
    try runSimple(learner, goal: Goal([.npoints(n)])) { .scalar(f($0)) }
}

/// Invariants of python-adaptive's test suite (spec §6.1, §6.4) under random and
/// degenerate inputs.
@Suite("LearnerND properties")
struct LearnerNDPropertyTests {
    /// Random batch sizes, values told late and in shuffled order, pending points
    /// dropped now and then: no point is ever handed out while known or pending.
    @Test(arguments: [2, 3])
    func noPointIsAskedTwice(d: Int) throws {
        var rng = SeededGenerator(seed: UInt64(d))
        let learner = try box(d)
        var known = Set<[Double]>(), pending = Set<[Double]>()
        for round in 0..<80 {
            let (points, improvements) = try learner.ask(Int.random(in: 1...12, using: &rng))
            for p in points {
                #expect(!known.contains(p) && !pending.contains(p), "round \(round): \(p) asked again")
                pending.insert(p)
            }
            #expect(improvements.allSatisfy { $0 >= 0 })
            for p in pending.shuffled(using: &rng).prefix(Int.random(in: 0...pending.count, using: &rng)) {
                try learner.tell(p, bump(p))
                pending.remove(p)
                known.insert(p)
            }
            if round % 25 == 24 {
                learner.removeUnfinished()
                pending = []
            }
            #expect(Set(learner.pendingPoints) == pending)
        }
        #expect(learner.validate().isEmpty)
    }

    @Test(arguments: [LossND.default, .uniform, .std, .triangle, .curvature()])
    func lossesAreNeverNegative(loss: LossND) throws {
        for d in [2, 3] {
            let learner = try box(d, loss)
            for _ in 0..<60 {
                let (points, improvements) = try learner.ask(3)
                #expect(improvements.allSatisfy { $0 >= 0 })
                for p in points { try learner.tell(p, bump(p)) }
                #expect(learner.loss() >= 0)
            }
            #expect(learner.simplexLosses.values.allSatisfy { $0 >= 0 })
        }
    }

    /// Random points told without asking, after the corners: Delaunay, neighbours
    /// consistent, the volume is the box's, and every hull vertex is on the box.
    @Test(arguments: [2, 3, 4])
    func triangulationInvariantsForRandomPoints(d: Int) throws {
        var rng = SeededGenerator(seed: 40 + UInt64(d))
        let learner = try box(d)
        for c in learner.boundsPoints { try learner.tell(c, bump(c)) }
        for _ in 0..<(d == 4 ? 150 : 300) {
            let p = (0..<d).map { _ in Double.random(in: -1...1, using: &rng) }
            try learner.tell(p, bump(p))
        }
        #expect(learner.validate().isEmpty)
        #expect(abs(learner.triangulatedVolume - pow(2, Double(d))) < 1e-9)
        let points = learner.data.map(\.point)
        for facet in learner.hullTriangles { #expect(facet.allSatisfy { points[$0].contains { abs($0) == 1 } }) }
    }

    /// Degenerate input: a regular grid (co-spherical and coplanar everywhere), points on
    /// faces and edges, repeated points, told in shuffled order.
    @Test(arguments: [2, 3])
    func triangulationInvariantsForGridsAndFaces(d: Int) throws {
        var rng = SeededGenerator(seed: 7)
        let ticks: [Double] = [-1, -0.5, 0, 0.5, 1]
        var grid: [[Double]] = [[]]
        for _ in 0..<d { grid = grid.flatMap { p in ticks.map { p + [$0] } } }
        let learner = try box(d)
        for p in (grid + grid.prefix(7)).shuffled(using: &rng) { try learner.tell(p, bump(p)) }
        #expect(learner.npoints == grid.count)
        #expect(learner.validate().isEmpty)
        #expect(abs(learner.triangulatedVolume - pow(2, Double(d))) < 1e-12)
        try run(learner, grid.count + 100)
        #expect(learner.validate().isEmpty)
        #expect(abs(learner.triangulatedVolume - pow(2, Double(d))) < 1e-12)
    }

    /// Points in general position give the same triangulation in any order, and the same
    /// losses when every range change rescores (recompute factor 1; with python's 1.1 a
    /// loss keeps the scale of the time it was computed). python marks this xfail: ties
    /// of degenerate inputs depend on the order.
    @Test func tellOrderDoesNotMatterInGeneralPosition() throws {
        var rng = SeededGenerator(seed: 3)
        let learner = try box(3)
        let corners = learner.boundsPoints
        let inner = (0..<200).map { _ in (0..<3).map { _ in Double.random(in: -0.99...0.99, using: &rng) } }
        let other = try box(3)
        for l in [learner, other] { l.core.withLock { $0.recomputeFactor = 1 } }
        for p in corners + inner { try learner.tell(p, bump(p)) }
        for p in corners + inner.shuffled(using: &rng) { try other.tell(p, bump(p)) }
        func shape(_ l: LearnerND) -> Set<[[Double]]> {
            let points = l.data.map(\.point)
            return Set(l.simplices.map { s in s.map { points[$0] }.sorted { $0.lexicographicallyPrecedes($1) } })
        }
        #expect(shape(learner) == shape(other))
        #expect(abs(learner.loss() - other.loss()) <= 1e-12 * learner.loss())
        #expect(Set(try learner.ask(5).points) == Set(try other.ask(5).points))
    }

    /// `test_adding_existing_data_is_idempotent`.
    @Test func addingExistingDataIsIdempotent() throws {
        var rng = SeededGenerator(seed: 11)
        for n in [10, 30] {
            let learner = try box(3), control = try box(3)
            for l in [learner, control] {
                let (points, _) = try l.ask(n)
                for p in points { try l.tell(p, bump(p)) }
            }
            for (p, v) in learner.data.shuffled(using: &rng) { try learner.tell(p, v[0]) }
            let a = try learner.ask(20), b = try control.ask(20)
            #expect(a.points == b.points && a.lossImprovements == b.lossImprovements)
        }
    }

    /// `test_adding_non_chosen_data`: told the control's points without asking, a learner
    /// asks the same points with the same improvements.
    @Test func addingNonChosenDataAsksLikeTheControl() throws {
        for n in [12, 30] {
            let learner = try box(2), control = try box(2)
            let (points, _) = try control.ask(n)
            for p in points {
                try control.tell(p, bump(p))
                try learner.tell(p, bump(p))
            }
            let a = try learner.ask(15), b = try control.ask(15)
            #expect(Set(a.points) == Set(b.points))
            #expect(a.lossImprovements.sorted() == b.lossImprovements.sorted())
        }
    }

    /// `test_learner_performance_is_invariant_under_scaling` (recompute factor 1, as the
    /// test sets it): bounds scaled by powers of two and values by factors > 1 (python's
    /// first value range is 1, so below that the first rescorings come late, in python too).
    @Test(arguments: [(4.0, 1000.0), (0.125, 10.0), (1024.0, 3.7)])
    func scalingTheBoundsAndValuesChangesNothing(xscale: Double, yscale: Double) throws {
        let control = try box(2)
        let scaled = try LearnerND(bounds: [(-xscale, xscale), (-xscale, xscale)])
        for l in [control, scaled] { l.core.withLock { $0.recomputeFactor = 1 } }
        for _ in 0..<45 {
            let p = try control.ask(1).points[0], q = try scaled.ask(1).points[0]
            #expect(zip(p, q).allSatisfy { abs($0 - $1 / xscale) <= 1e-12 })
            try control.tell(p, bump(p))
            try scaled.tell(q, yscale * bump(q.map { $0 / xscale }))
        }
        #expect(abs(control.loss() - scaled.loss()) <= 1e-10 * control.loss())
    }

    @Test func askingWithoutTellPendingLeavesTheLearnerAsItWas() throws {
        let learner = try box(3)
        try run(learner, 40)
        _ = try learner.ask(2)
        let pending = learner.pendingPoints
        let first = try learner.ask(3, tellPending: false)
        #expect(learner.pendingPoints == pending)
        let second = try learner.ask(3, tellPending: false)
        #expect(first.points == second.points && first.lossImprovements == second.lossImprovements)
        #expect(try learner.ask(3).points == first.points)
    }
}
