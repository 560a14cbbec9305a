import Foundation
import Synchronization
import Testing

@testable import Adaptive

private let cube: [(Double, Double)] = [(-1, 1), (-1, 1), (-1, 1)]

@Suite("LearnerND behaviour")
struct LearnerNDBehaviourTests {
    /// NaN values (here on a ball) leave the value range and the other losses alone.
    @Test func nanValuesDoNotPoisonTheLearner() throws {
        let learner = try LearnerND(bounds: cube)
        try runSimple(learner, goal: Goal([.npoints(300)])) { p in
            .scalar(p.reduce(0) { $0 + $1 * $1 } < 0.2 ? .nan : sphere(p))
        }
        #expect(learner.loss().isFinite && learner.loss() > 0)
        #expect(learner.simplexLosses.values.allSatisfy { $0.isFinite })
        #expect(learner.data.contains { $0.value[0].isNaN })
        #expect(learner.validate().isEmpty)
    }

    @Test func vectorOutputsAndListsOfOneOrTwo() throws {
        let learner = try LearnerND(bounds: cube)
        try runSimple(learner, goal: Goal([.npoints(40)])) { p in .vector([sphere(p), p[1], 0]) }
        #expect(learner.vdim == 3 && learner.data.allSatisfy { $0.value.count == 3 })
        #expect(learner.interpolate([0.1, 0.2, 0.3])?.count == 3)
        // python's test_learner_accepts_lists: f returns [0, 1].
        let lists = try LearnerND(bounds: cube)
        try runSimple(lists, goal: Goal([.npoints(20)])) { _ in .vector([0, 1]) }
        #expect(lists.npoints == 20)
        #expect(throws: AdaptiveError.self) { try lists.tell([0.5, 0.5, 0.5], 1) }
    }

    /// Linear functions are interpolated exactly; outside the hull there is no value.
    @Test func interpolationIsLinearInsideAndNilOutside() throws {
        let learner = try LearnerND(bounds: cube)
        let f: ([Double]) -> Double = { 1 + 2 * $0[0] - $0[1] + 0.5 * $0[2] }
        try runSimple(learner, goal: Goal([.npoints(60)])) { .scalar(f($0)) }
        for p in [[0.1, 0.2, 0.3], [-0.9, 0.95, 0], [1, 1, 1], [0.333, -0.777, 0.5]] {
            let value = try #require(learner.interpolate(p))
            #expect(abs(value[0] - f(p)) < 1e-12)
        }
        #expect(learner.interpolate([1.5, 0, 0]) == nil)
    }

    @Test func customLossSeesScaledSimplicesAndNeighbours() throws {
        let seen = Mutex<[LearnerND.Simplex]>([])
        let loss = try LossND.custom(nthNeighbors: 1) { s in
            seen.withLock { $0.append(s) }
            return SimplexGeometry.volumeFromLast(s.vertices, s.dimension)
        }
        let learner = try LearnerND(bounds: [(0, 4), (10, 12)], loss: loss)
        try runSimple(learner, goal: Goal([.npoints(20)])) { .scalar(3 * $0[0]) }
        let all = seen.withLock { $0 }
        #expect(!all.isEmpty)
        for s in all {
            #expect(s.dimension == 2 && s.vdim == 1 && s.vertices.count == 6 && s.neighbors.count == 3)
            // x scaled by 1/4, y by 1/2, no shift; values by 1 / range (the range is 12 at the end).
            #expect((0..<3).allSatisfy { s.vertex($0)[0] >= 0 && s.vertex($0)[0] <= 1 && s.vertex($0)[1] >= 5 })
            #expect(zip(s.values, (0..<3).map { 3 * s.vertex($0)[0] * 4 * s.valueScale }).allSatisfy { abs($0 - $1) < 1e-12 })
        }
        #expect(all.contains { s in s.neighbors.contains { $0 != nil } })
    }

    @Test func throwingCustomLossIsRethrownAndTheLearnerGoesOn() throws {
        struct Boom: Error {}
        let calls = Mutex(0)
        let loss = try LossND.custom { s in
            let n = calls.withLock { $0 += 1; return $0 }
            if n == 3 { throw Boom() }
            return SimplexGeometry.volumeFromLast(s.vertices, s.dimension)
        }
        let learner = try LearnerND(bounds: [(-1, 1), (-1, 1)], loss: loss)
        var thrown = 0
        for _ in 0..<12 {
            let p = try learner.ask(1).points[0]
            do { try learner.tell(p, p[0]) } catch is Boom { thrown += 1 }
        }
        #expect(thrown == 1)
        #expect(learner.npoints == 12)
    }

    @Test func invalidInputThrows() throws {
        #expect(throws: AdaptiveError.self) { try LearnerND(bounds: [(0, 1)]) }
        #expect(throws: AdaptiveError.self) { try LearnerND(bounds: [(0, 1), (2, 2)]) }
        #expect(throws: AdaptiveError.self) { try LearnerND(bounds: [(0, .infinity), (0, 1)]) }
        #expect(throws: AdaptiveError.self) { try LearnerND(hull: [[0, 0], [1, 1]]) }
        #expect(throws: AdaptiveError.self) { try LearnerND(hull: [[0, 0], [1, 1], [2, 2], [3, 3]]) }
        let learner = try LearnerND(bounds: [(-1, 1), (-1, 1)])
        #expect(throws: AdaptiveError.self) { try learner.tell([2, 0], 1) }
        #expect(throws: AdaptiveError.self) { try learner.tell([0, 0, 0], 1) }
        #expect(throws: AdaptiveError.self) { try learner.tellPending([0, .nan]) }
        #expect(throws: AdaptiveError.self) { try learner.ask(-1) }
        try learner.tell([0, 0], vector: [1, 2])
        #expect(throws: AdaptiveError.self) { try learner.tell([0.5, 0], 1) }
        do {
            _ = try LearnerND(hull: [[0, 0], [1, 0]])
        } catch let error as AdaptiveError {
            #expect(error.message.contains("at least 3 points"))
        }
    }

    /// A pending point on an edge splits both triangles next to it; their pieces share
    /// the triangles' losses by area.
    @Test func pendingPointsSplitEverySimplexThatContainsThem() throws {
        let learner = try LearnerND(bounds: [(-1, 1), (-1, 1)], loss: .uniform)
        for c in learner.boundsPoints { try learner.tell(c, 0) }
        try learner.tellPending([0, 0])  // on the diagonal shared by the two triangles
        let (points, improvements) = try learner.ask(4)
        // Four quarter-triangles of area 0.25 (scaled): each gets half its triangle's 0.5 loss.
        #expect(improvements.allSatisfy { abs($0 - 0.25) < 1e-15 })
        #expect(Set(points).count == 4 && !points.contains([0, 0]))
        learner.removeUnfinished()
        #expect(learner.pendingPoints.isEmpty)
        #expect(try learner.ask(1).lossImprovements == [0.5])
    }

    @Test func backgroundRunnerOnThreadsWhileReading() throws {
        let learner = try LearnerND(bounds: cube)
        let evaluator = ThreadPoolEvaluator<[Double], LearnerND.Value>(workers: 4) { .scalar(sphere($0)) }
        defer { evaluator.shutdown() }
        let runner = Runner(learner, evaluator: evaluator, goal: Goal([.npoints(400)]))
        var reads = 0
        while !runner.isDone {
            _ = learner.loss()
            _ = learner.npoints
            reads += 1
        }
        try runner.blockUntilDone()
        #expect(learner.npoints >= 400 && reads > 0)
        #expect(learner.validate().isEmpty)
        #expect(Set(learner.data.map(\.point)).count == learner.npoints)
    }

    /// python's test_balancing_learner: asks without marking pending, some values late.
    @Test func balancingLearnerOfLearnerNDs() throws {
        var rng = SeededGenerator(seed: 2)
        let children = try (0..<4).map { _ in AnyLearner(try LearnerND(bounds: [(-1, 1), (-1, 1)])) }
        let balancing = try BalancingLearner(children)
        for _ in 0..<100 {
            let (points, _) = try balancing.ask(Int.random(in: 1...10, using: &rng), tellPending: false)
            let m = Int.random(in: 0...points.count, using: &rng)
            for p in points.dropFirst(m) + points.prefix(m) { try balancing.tell(p, .scalar(sphere(p.point + [0]))) }
        }
        #expect(children.allSatisfy { $0.npoints > 5 })
    }

    /// The hull triangles of a 3-D learner turn counter-clockwise seen from outside: their
    /// normals point away from the centre, and they cover the box's surface.
    @Test func hullTrianglesFaceOutwards() throws {
        let learner = try LearnerND(bounds: [(0, 2), (-1, 1), (0, 1)])
        try runSimple(learner, goal: Goal([.npoints(150)])) { .scalar(sphere($0)) }
        let points = learner.data.map(\.point)
        var area = 0.0
        for t in learner.hullTriangles {
            let (a, b, c) = (points[t[0]], points[t[1]], points[t[2]])
            let u = (0..<3).map { b[$0] - a[$0] }, v = (0..<3).map { c[$0] - a[$0] }
            let n = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]
            let outward = zip(n, zip(a, [1.0, 0, 0.5]).map { $0 - $1 }).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(outward > 0)
            area += (n[0] * n[0] + n[1] * n[1] + n[2] * n[2]).squareRoot() / 2
        }
        #expect(abs(area - 2 * (2 * 2 + 2 * 1 + 2 * 1)) < 1e-9)
    }

    /// python's test_saving: save, load into `newEmpty()`: the same data, loss and next
    /// points; the loaded learner runs on.
    @Test func savedAndLoadedLearnerGoesOnTheSame() throws {
        let learner = try LearnerND(bounds: cube)
        try runSimple(learner, goal: Goal([.npoints(100)])) { .vector([sphere($0), $0[0]]) }
        let path = NSTemporaryDirectory() + "learnernd-\(getpid()).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try learner.save(to: path)
        let loaded = learner.newEmpty()
        try loaded.load(from: path)
        #expect(loaded.data.map(\.point) == learner.data.map(\.point))
        #expect(loaded.data.map(\.value) == learner.data.map(\.value))
        #expect(loaded.loss() == learner.loss())
        #expect(try loaded.ask(5).points == (try learner.ask(5).points))
        try runSimple(loaded, goal: Goal([.npoints(200)])) { .vector([sphere($0), $0[0]]) }
        #expect(loaded.npoints == 200)
        try "# adaptive LearnerND data\n1 2\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: AdaptiveError.self) { try learner.newEmpty().load(from: path) }
    }

    /// python's `_get_iso`: for a linear function the iso-surface is the plane, the cube's
    /// cut by x + y + z = 0 a regular hexagon of area 3√3; in 2-D the iso-line of x.
    @Test func isoSurfacesAndLinesOfLinearFunctions() throws {
        let learner = try LearnerND(bounds: cube)
        try runSimple(learner, goal: Goal([.npoints(300)])) { .scalar($0[0] + $0[1] + $0[2]) }
        let (points, triangles) = try learner.isoSurface(level: 0)
        #expect(points.allSatisfy { abs($0[0] + $0[1] + $0[2]) < 1e-12 })
        var area = 0.0
        for t in triangles {
            let (a, b, c) = (points[t[0]], points[t[1]], points[t[2]])
            let u = (0..<3).map { b[$0] - a[$0] }, v = (0..<3).map { c[$0] - a[$0] }
            let n = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]
            area += (n[0] * n[0] + n[1] * n[1] + n[2] * n[2]).squareRoot() / 2
        }
        #expect(abs(area - 3 * 3.0.squareRoot()) < 1e-9)
        #expect(throws: AdaptiveError.self) { try learner.isoSurface(level: 4) }

        let plane = try LearnerND(bounds: [(-1, 1), (-1, 1)])
        try runSimple(plane, goal: Goal([.npoints(100)])) { .scalar($0[0]) }
        let (ends, segments) = try plane.isoSurface(level: 0.25)
        #expect(ends.allSatisfy { abs($0[0] - 0.25) < 1e-12 })
        let length = segments.reduce(0) { $0 + abs(ends[$1[0]][1] - ends[$1[1]][1]) }
        #expect(abs(length - 2) < 1e-12)
    }
}
