import Foundation
import Testing

@testable import Adaptive

// The loss functions as values (spec §1.3).

@Suite("Learner1D loss functions")
struct Learner1DLossTests {
    @Test func builtInsDescribeThemselves() {
        #expect(Loss1D.default.nthNeighbors == 0 && Loss1D.uniform.nthNeighbors == 0)
        #expect(Loss1D.absMinLog.nthNeighbors == 0 && Loss1D.resolution().nthNeighbors == 0)
        #expect(Loss1D.triangle.nthNeighbors == 1 && Loss1D.curvature().nthNeighbors == 1)
        #expect(Loss1D.default.isBuiltIn && !Loss1D.custom { _, _ in 0 }.isBuiltIn)
        #expect(Loss1D.curvature().description == "Loss1D.curvature")
        #expect(Loss1D.custom(nthNeighbors: 2, name: "mine") { _, _ in 0 }.nthNeighbors == 2)
    }

    @Test func formulas() throws {
        #expect(try Loss1D.default([0, 3], [[0], [4]]) == 5)
        #expect(try Loss1D.default([0, 3], [[0, 0], [4, 1]]) == 5)  // the worst component
        #expect(try Loss1D.default([0, 3], [[0, .nan], [4, 1]]).isNaN)
        #expect(try Loss1D.uniform([0.25, 0.5], [[7], [-7]]) == 0.25)
        let resolution = Loss1D.resolution(minLength: 0.1, maxLength: 0.5)
        #expect(try resolution([0, 0.05], [[0], [1]]) == 0)
        #expect(try resolution([0, 0.6], [[0], [1]]) == .infinity)
        #expect(try resolution([0, 0.3], [[0], [0.4]]) == 0.5)
        #expect(try Loss1D.absMinLog([0, 1], [[1], [M_E]]) == hypot(1, 1))
        #expect(try Loss1D.absMinLog([0, 1], [[-1, 2], [4, -M_E]]) == hypot(1, 1))
        // Triangles (0,0) (1,1) (2,0) and (1,1) (2,0) (3,1): area 1 each.
        #expect(try Loss1D.triangle([0, 1, 2, 3], [[0], [1], [0], [1]]) == 1)
        #expect(try Loss1D.triangle([nil, 1, 2, 3], [nil, [1], [0], [1]]) == 1)
        #expect(try Loss1D.triangle([nil, 1, 2.5, nil], [nil, [1], [0], nil]) == 1.5)  // no triangle: dx
        // The same triangles embedded in three dimensions.
        let embedded = try Loss1D.triangle([0, 1, 2, 3], [[0, 5], [1, 5], [0, 5], [1, 5]])
        #expect(abs(embedded - 1) < 1e-15)
        let curvature = Loss1D.curvature(areaFactor: 2, euclidFactor: 3, horizontalFactor: 5)
        let expected: Double = 2 * 1 + 3 * hypot(1.0, 1.0) + 5 * 1
        #expect(try curvature([0, 1, 2, 3], [[0], [1], [0], [1]]) == expected)
    }

    @Test func invalidArguments() {
        #expect(throws: AdaptiveError.self) { try Loss1D.default([0, 1, 2], [[0], [1], [2]]) }
        #expect(throws: AdaptiveError.self) { try Loss1D.default([0, nil], [[0], nil]) }
        #expect(throws: AdaptiveError.self) { try Loss1D.default([0, 1], [[0], [1, 2]]) }
        #expect(throws: AdaptiveError.self) { try Loss1D.default([0, 1], [[], []]) }
    }

    /// A custom loss sees scaled values in x order, nil for missing neighbours, and
    /// 1-element arrays for scalar outputs.
    @Test func customLossArguments() throws {
        let calls = CallLog()
        let loss = Loss1D.custom(nthNeighbors: 1) { xs, ys in
            calls.append(xs, ys)
            return xs[2]! - xs[1]!
        }
        let learner = try Learner1D(bounds: (0, 4), loss: loss)
        try learner.tell(0, 10)
        try learner.tell(4, 30)  // y-range 20
        try learner.tell(1, 20)
        // Telling x = 1 recomputes (0, 1) and (1, 4), each with its neighbour window.
        let (xs, ys) = calls.last!
        #expect(xs == [0, 0.25, 1, nil])
        #expect(ys == [[0.5], [1], [1.5], nil])
        #expect(calls.all.contains { $0.xs == [nil, 0, 0.25, 1] && $0.ys == [nil, [0.5], [1], [1.5]] })
        #expect(calls.all.first!.xs == [nil, 0, 1, nil] && calls.all.first!.ys == [nil, [0.5], [1.5], nil])
    }

    final class CallLog: @unchecked Sendable {
        private let lock = NSLock()
        private var calls: [(xs: [Double?], ys: [[Double]?])] = []
        func append(_ xs: [Double?], _ ys: [[Double]?]) { lock.withLock { calls.append((xs, ys)) } }
        var all: [(xs: [Double?], ys: [[Double]?])] { lock.withLock { calls } }
        var last: (xs: [Double?], ys: [[Double]?])? { all.last }
    }

    /// The allocation-free paths for the built-ins give exactly what the general
    /// path (the one custom losses and vectors take) gives.
    @Test(arguments: [Loss1D.default, .uniform, .absMinLog, .resolution(minLength: 0.01, maxLength: 0.5), .triangle, .curvature()])
    func fastPathEqualsGeneralPath(_ builtIn: Loss1D) throws {
        let viaClosure = Loss1D.custom(nthNeighbors: builtIn.nthNeighbors) { try builtIn($0, $1) }
        let fast = try Learner1D(bounds: (-1, 1), loss: builtIn)
        let general = try Learner1D(bounds: (-1, 1), loss: viaClosure)
        let a = try L1D.run(fast, 300) { L1D.peak($0, offset: 0.2) }
        let b = try L1D.run(general, 300) { L1D.peak($0, offset: 0.2) }
        #expect(L1D.hash(a.xs) == L1D.hash(b.xs))
        #expect(L1D.hash(a.losses) == L1D.hash(b.losses))
    }
}
