import Foundation
import Testing

@testable import Adaptive

private let square = ((-1.0, 1.0), (-1.0, 1.0))
private let third = 1.0 / 3
private let centroids: Set<SIMD2<Double>> = [SIMD2(third, -third), SIMD2(-third, third)]
private let corners: Set<SIMD2<Double>> = [SIMD2(-1, -1), SIMD2(-1, 1), SIMD2(1, -1), SIMD2(1, 1)]

/// Runs `ask(1)` + `tell` until the learner has `n` points.
private func run(_ learner: Learner2D, _ n: Int, _ f: (SIMD2<Double>) -> Double = ring) throws {
    while learner.npoints < n {
        let (points, _) = try learner.ask(1)
        try learner.tell(points[0], f(points[0]))
    }
}

private func near(_ a: SIMD2<Double>, _ b: SIMD2<Double>, _ tol: Double = 1e-4) -> Bool {
    abs(a.x - b.x) < tol && abs(a.y - b.y) < tol
}

@Suite("Learner2D")
struct Learner2DTests {
    @Test func freshAskReturnsCornersThenCentroids() throws {
        let learner = try Learner2D(bounds: square)
        let (points, losses) = try learner.ask(6)
        #expect(Set(points.prefix(4)) == corners)
        #expect(Set(points.suffix(2)) == centroids)
        #expect(losses.prefix(4).allSatisfy { $0 == .infinity })
        #expect(losses.suffix(2).allSatisfy { abs($0 - 0.15) < 1e-12 })
        #expect(learner.pendingPoints.count == 6)
        #expect(learner.loss() == .infinity)
    }

    @Test func lossIsInfiniteUntilTheCornersAreDone() throws {
        let learner = try Learner2D(bounds: square, loss: .uniform)
        for k in 0..<3 {
            let (p, _) = try learner.ask(1)
            try learner.tell(p[0], ring(p[0]))
            #expect(learner.loss() == .infinity, "after \(k + 1) corners")
        }
        let (p, _) = try learner.ask(1)
        try learner.tell(p[0], ring(p[0]))
        #expect(abs(learner.loss() - 0.5.squareRoot()) < 1e-15)
    }

    /// Spec A.2: uniform and minimize-triangle-surface losses choose the same first 12
    /// points (ties among equal areas are broken differently from Qhull, hence sets).
    @Test(arguments: [Loss2D.uniform, .minimizeTriangleSurface])
    func firstPointsOfOtherLosses(loss: Loss2D) throws {
        let learner = try Learner2D(bounds: square, loss: loss)
        try run(learner, 12)
        let points = learner.data.map(\.point)
        #expect(Set(points.prefix(4)) == corners)
        #expect(Set(points[4..<6]) == centroids)
        let expected: [SIMD2<Double>] = [
            SIMD2(-0.7778, 0.1111), SIMD2(-0.1111, 0.7778), SIMD2(0.1111, -0.7778),
            SIMD2(0.7778, -0.1111), SIMD2(third, third), SIMD2(-third, -third),
        ]
        for e in expected { #expect(points[6..<12].contains { near($0, e) }, "\(e)") }
    }

    @Test func vectorValuedFunction() throws {
        let learner = try Learner2D(bounds: square)
        func f(_ p: SIMD2<Double>) -> [Double] { [p.x, p.y, ring(p)] }
        let given: [SIMD2<Double>] = [
            SIMD2(-1, -1), SIMD2(-1, 1), SIMD2(1, -1), SIMD2(1, 1),
            SIMD2(0, 0), SIMD2(0.5, 0.5), SIMD2(-0.5, 0.2), SIMD2(0.3, -0.7),
        ]
        for p in given { try learner.tell(p, vector: f(p)) }
        let (points, _) = try learner.ask(10)
        #expect(points.count == 10)
        #expect(try #require(learner.interpolate(SIMD2(0.25, 0.25))).count == 3)
        for p in points { try learner.tell(p, vector: f(p)) }
        try runSimple(learner, goal: Goal([.npoints(40)])) { .vector(f($0)) }
        #expect(learner.data.allSatisfy { $0.value.count == 3 })
        #expect(throws: AdaptiveError.self) { try learner.tell(SIMD2(0.1, 0.1), vector: [1, 2]) }
    }

    @Test func constantListAndOneComponentVectorOutputs() throws {
        let lists = try Learner2D(bounds: square)
        try runSimple(lists, goal: Goal([.npoints(11)])) { _ in .vector([0, 1]) }
        #expect(lists.npoints == 11)
        let single = try Learner2D(bounds: square)
        try runSimple(single, goal: Goal([.npoints(10)])) { _ in .vector([0]) }
        #expect(single.npoints == 10 && single.vdim == 1)
    }

    @Test func addingExistingDataIsIdempotent() throws {
        var rng = SeededGenerator(seed: 11)
        for n in [20, 150] {
            let learner = try Learner2D(bounds: square)
            let control = try Learner2D(bounds: square)
            for l in [learner, control] {
                let (points, _) = try l.ask(n)
                for p in points { try l.tell(p, ring(p)) }
            }
            for (p, v) in learner.data.shuffled(using: &rng) { try learner.tell(p, v[0]) }
            let a = try learner.ask(15), b = try control.ask(15)
            #expect(a.points == b.points && a.lossImprovements == b.lossImprovements)
        }
    }

    @Test func askWithoutTellPendingKeepsTheState() throws {
        let learner = try Learner2D(bounds: square)
        try run(learner, 30)
        _ = try learner.ask(3)
        let stack = learner.stack.map(\.point), pending = learner.pendingPoints, n = learner.npoints
        let (points, _) = try learner.ask(1, tellPending: false)
        #expect(learner.stack.map(\.point) == stack)
        #expect(learner.pendingPoints == pending)
        #expect(learner.npoints == n)
        #expect(points.first == stack.first)
    }

    @Test func batchesWithPendingPointsNeverRepeatAPoint() throws {
        var rng = SeededGenerator(seed: 5)
        let learner = try Learner2D(bounds: square)
        var asked: [SIMD2<Double>] = []
        var held: [SIMD2<Double>] = []
        for _ in 0..<60 {
            let (points, _) = try learner.ask(Int.random(in: 1...10, using: &rng))
            asked += points
            let keep = Int.random(in: 0...points.count, using: &rng)
            for p in points.prefix(keep) { try learner.tell(p, ring(p)) }
            held += points.dropFirst(keep)
            if held.count > 8 {
                for p in held.shuffled(using: &rng) { try learner.tell(p, ring(p)) }
                held = []
            }
        }
        #expect(Set(asked).count == asked.count)
        #expect(asked.allSatisfy { abs($0.x) <= 1 && abs($0.y) <= 1 })
        #expect(learner.loss(real: false).isFinite)
        learner.removeUnfinished()
        #expect(learner.pendingPoints.isEmpty)
    }

    /// The combined mesh (evaluated and pending points), kept up to date point by point,
    /// holds the same points with the same evaluated values as one rebuilt from scratch.
    @Test func combinedMeshKeptUpToDateMatchesARebuild() throws {
        var rng = SeededGenerator(seed: 9)
        let learner = try Learner2D(bounds: ((0, 3), (-1, 1)))
        var held: [SIMD2<Double>] = []
        var checks = 0
        for round in 0..<150 {
            let (points, _) = try learner.ask(Int.random(in: 1...6, using: &rng))
            held += points
            held.shuffle(using: &rng)
            let keep = Int.random(in: 0...(held.count / 2 + 1), using: &rng)
            for p in held.prefix(keep) { try learner.tell(p, ring(p - SIMD2(1.5, 0))) }
            held.removeFirst(min(keep, held.count))
            guard round % 15 == 14 else { continue }
            _ = learner.loss(real: false)
            try learner.core.withLock { core in
                guard let kept = core.combined else { return }
                var copy = core
                try copy.buildCombined()
                let rebuilt = copy.combined!
                #expect(kept.tri.validate().isEmpty)
                #expect(Set(kept.tri.points) == Set(rebuilt.tri.points))
                #expect(kept.tri.triangleCount == rebuilt.tri.triangleCount)
                for i in 0..<core.rawPoints.count {
                    let v = core.combinedVertex[i]
                    #expect(kept.tri.points[v] == core.scaled(core.rawPoints[i]))
                    #expect(kept.values[v] == core.real.values[i])
                    #expect(core.combinedToReal[v] == i)
                }
                #expect(core.pendingVertex.count == core.pending.count)
                checks += 1
            }
        }
        #expect(checks >= 5)
    }

    @Test func nanValuesDoNotPoisonTheLosses() throws {
        var rng = SeededGenerator(seed: 2)
        let learner = try Learner2D(bounds: square)
        var nanCount = 0
        try run(learner, 300) { p in
            if Double.random(in: 0..<1, using: &rng) < 0.2 { nanCount += 1; return .nan }
            return ring(p)
        }
        #expect(nanCount > 20)
        let loss = learner.loss()
        #expect(loss.isFinite && loss > 0)
        // Still refining everywhere: every quadrant has points.
        let points = learner.data.map(\.point)
        for (sx, sy) in [(1.0, 1.0), (1, -1), (-1, 1), (-1, -1)] {
            #expect(points.filter { $0.x * sx > 0.1 && $0.y * sy > 0.1 }.count > 10)
        }
    }

    @Test func interpolationIsExactForLinearFunctionsAndMatchesTheGrid() throws {
        let learner = try Learner2D(bounds: ((0, 2), (-3, 1)))
        try run(learner, 200) { 2 * $0.x - 3 * $0.y + 1 }
        for (p, v) in learner.data { #expect(abs(try #require(learner.interpolate(p))[0] - v[0]) < 1e-12) }
        let grid = learner.interpolatedOnGrid(n: 37)
        #expect(grid.xs.count == 37 && grid.values.count == 37 * 37)
        for i in 0..<37 {
            for j in 0..<37 {
                let x = grid.xs[i], y = grid.ys[j]
                #expect(abs(grid.values[i * 37 + j] - (2 * x - 3 * y + 1)) < 1e-9)
                if i > 0 && i < 36 && j > 0 && j < 36 {
                    #expect(grid.values[i * 37 + j] == learner.interpolate(SIMD2(x, y))?[0])
                }
            }
        }
        #expect(learner.interpolate(SIMD2(3, 0)) == nil)
        #expect(learner.interpolatedOnGrid().xs.count >= 10)
    }

    @Test func customLossSeesTheTriangle() throws {
        let custom = try Learner2D(bounds: square, loss: .custom { $0.area.squareRoot() })
        let uniform = try Learner2D(bounds: square, loss: .uniform)
        try run(custom, 150)
        try run(uniform, 150)
        #expect(custom.data.map(\.point) == uniform.data.map(\.point))
        let seen = Mutex2DBox()
        let probe = try Learner2D(bounds: square, loss: .custom { t in
            seen.record(t)
            return t.area
        })
        try run(probe, 5)
        let t = try #require(seen.last)
        #expect(t.vertices.count == 3 && t.values.count == 3 && t.vdim == 1)
        #expect(t.vertices.allSatisfy { abs($0.x) <= 0.5 && abs($0.y) <= 0.5 })
        #expect(t.deviation >= 0 && t.valueScale > 0)
    }

    @Test func throwingCustomLossIsRethrownAndTheLearnerGoesOn() throws {
        struct Boom: Error {}
        let learner = try Learner2D(bounds: square, loss: .custom { t in
            if t.value(0) > 1.5 || t.value(1) > 1.5 { throw Boom() }
            return t.area
        })
        var thrown = 0
        while learner.npoints < 50 && thrown < 1000 {
            do {
                let (p, _) = try learner.ask(1)
                try learner.tell(p[0], ring(p[0]) * 2)
            } catch is Boom { thrown += 1 }
        }
        #expect(learner.npoints == 50)
        #expect(thrown > 0)
        learner.core.withLock { #expect($0.real.tri.validate().isEmpty) }
    }

    @Test func otherLossesRun() throws {
        for loss in [Loss2D.resolution(minDistance: 0.02, maxDistance: 0.5), .thresholded(upper: 0.5)] {
            let learner = try Learner2D(bounds: square, loss: loss)
            try run(learner, 300)
            #expect(learner.loss().isFinite)
        }
        let coarse = try Learner2D(bounds: square, loss: .resolution(minDistance: 0.3))
        try run(coarse, 200)
        #expect(coarse.loss() == 0)
    }

    @Test func invalidInputThrows() throws {
        #expect(throws: AdaptiveError.self) { try Learner2D(bounds: ((1, 1), (0, 1))) }
        #expect(throws: AdaptiveError.self) { try Learner2D(bounds: ((0, .infinity), (0, 1))) }
        let learner = try Learner2D(bounds: square)
        #expect(throws: AdaptiveError.self) { try learner.tell(SIMD2(2, 0), 1) }
        #expect(throws: AdaptiveError.self) { try learner.tellPending(SIMD2(0, -1.5)) }
        #expect(throws: AdaptiveError.self) { try learner.ask(-1) }
        let surface = try Learner2D(bounds: square, loss: .minimizeTriangleSurface)
        #expect(throws: AdaptiveError.self) { try surface.tell(SIMD2(0, 0), vector: [1, 2]) }
    }

    /// The incremental state equals a recomputation: the mesh is Delaunay and the
    /// learner's loss is the largest loss of its triangles.
    @Test func incrementalStateIsConsistent() throws {
        let learner = try Learner2D(bounds: square)
        try run(learner, 700)
        learner.core.withLock { core in
            #expect(core.real.tri.validate().isEmpty)
            let largest = core.real.tri.triangleIDs.map { core.real.losses[$0] }.max()
            #expect(core.real.maxLoss() == largest)
            #expect(abs(core.real.tri.totalArea - 1) < 1e-12)
        }
    }
}

/// Records the last triangle a custom loss saw.
private final class Mutex2DBox: @unchecked Sendable {
    private var stored: Learner2D.Triangle?
    private let lock = NSLock()
    func record(_ t: Learner2D.Triangle) { lock.withLock { stored = t } }
    var last: Learner2D.Triangle? { lock.withLock { stored } }
}
