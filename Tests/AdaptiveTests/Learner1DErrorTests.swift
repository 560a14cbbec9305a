import Foundation
import Testing

@testable import Adaptive

// Invalid input, throwing custom losses, and the deliberate differences from
// python-adaptive (spec §1.9).

@Suite("Learner1D errors and edge cases")
struct Learner1DErrorTests {
    struct Boom: Error, Equatable {}

    static func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as AdaptiveError {
            return error.message
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func badBounds() {
        #expect(Self.message { _ = try Learner1D(bounds: (1, 1)) } == "Learner1D: bounds must be {a, b} with a < b, got {1, 1}")
        #expect(Self.message { _ = try Learner1D(bounds: (2, 1.5)) } == "Learner1D: bounds must be {a, b} with a < b, got {2, 1.5}")
        #expect(Self.message { _ = try Learner1D(bounds: (0, .infinity)) } == "Learner1D: bounds must be finite, got {0, inf}")
        #expect(Self.message { _ = try Learner1D(bounds: (.nan, 1)) } == "Learner1D: bounds must be finite, got {nan, 1}")
    }

    @Test func negativeAsk() throws {
        let learner = try Learner1D(bounds: (-1, 1))
        #expect(Self.message { _ = try learner.ask(-1) } == "Learner1D: ask(n) needs n >= 0, got -1")
        let (points, improvements) = try learner.ask(0)
        #expect(points.isEmpty && improvements.isEmpty && learner.pendingPoints.isEmpty)
    }

    /// A difference from python-adaptive: points outside the bounds are rejected.
    @Test func outOfBounds() throws {
        let learner = try Learner1D(bounds: (-1, 1))
        #expect(Self.message { try learner.tell(5, 1) } == "Learner1D: told x = 5 is outside the bounds {-1, 1}")
        #expect(Self.message { try learner.tell(.nan, 1) } == "Learner1D: told x = nan is outside the bounds {-1, 1}")
        #expect(Self.message { try learner.tellPending(-1.5) } == "Learner1D: pending x = -1.5 is outside the bounds {-1, 1}")
        #expect(Self.message { try learner.tellMany([0, 2], [1, 1]) } != nil)
        #expect(learner.npoints == 0 && learner.pendingPoints.isEmpty)
        // python's trace (tell(5, 1.0); ask(3) → [-1, 1, 2.0]) cannot happen.
        #expect(try learner.ask(3).points == [-1, 0, 1])
    }

    @Test func vectorLengths() throws {
        let learner = try Learner1D(bounds: (-1, 1))
        try learner.tell(0, vector: [1, 2])
        #expect(learner.vdim == 2)
        #expect(
            Self.message { try learner.tell(0.5, vector: [1, 2, 3]) }
                == "Learner1D: the value at x = 0.5 has 3 components, expected 2 like the earlier values")
        #expect(Self.message { try learner.tell(0.5, 1) } == "Learner1D: the value at x = 0.5 has 1 component, expected 2 like the earlier values")
        #expect(Self.message { try learner.tell(0.5, vector: []) } == "Learner1D: the value at x = 0.5 is empty")
        #expect(Self.message { try learner.tellMany([0.25, 0.5], [[1, 2], [3]]) } != nil)
        #expect(learner.npoints == 1)  // nothing of the failed tellMany was told
        try learner.tell(0, vector: [9])  // already known: ignored before any check, as in python
        #expect(Self.message { try learner.tellMany([0.1], [1, 2]) } == "Learner1D: tellMany got 1 xs but 2 values")

        let scalar = try Learner1D(bounds: (-1, 1))
        try scalar.tell(0, vector: [3])  // a 1-vector is a scalar
        try scalar.tell(1, 4)
        #expect(scalar.vdim == 1 && scalar.data.values == [3, 4])
    }

    @Test func emptyLearner() throws {
        let learner = try Learner1D(bounds: (0, 1))
        #expect(learner.vdim == nil && learner.npoints == 0 && learner.loss() == .infinity)
        #expect(learner.data == Learner1D.Samples(xs: [], values: [], vdim: 1))
    }

    /// A custom loss that throws: the error comes out of the tell; the point stays;
    /// the intervals it could not score are +inf until recomputed; nothing breaks.
    @Test func throwingCustomLoss() throws {
        let loss = Loss1D.custom { xs, _ in
            if xs[0]! < 0.3 && xs[1]! > 0.3 { throw Boom() }  // scaled x: 0.3 is x = 0.6 on (0, 2)
            return xs[1]! - xs[0]!
        }
        let learner = try Learner1D(bounds: (0, 2), loss: loss)
        try learner.tell(0, 0)
        #expect(throws: Boom.self) { try learner.tell(2, 1) }
        #expect(learner.npoints == 2)
        #expect(learner.intervals() == [.init(left: 0, right: 2, loss: .infinity)])
        #expect(learner.loss() == .infinity)
        #expect(learner.invariantViolations() == [])
        // The interval ranks by its length; telling its midpoint recomputes both halves.
        #expect(try learner.ask(1).points == [1])
        #expect(throws: Boom.self) { try learner.tell(1, 0.5) }  // (0, 1) contains 0.6
        #expect(learner.intervals().map(\.loss) == [.infinity, 0.5])
        #expect(throws: Boom.self) { try learner.tell(0.5, 0.2) }  // (0.5, 1) still contains 0.6
        #expect(learner.intervals().map(\.loss) == [0.25, .infinity, 0.5])
        // tellMany (both paths) tells everything and rethrows.
        #expect(throws: Boom.self) { try learner.tellMany([0.55, 0.7, 0.25], [0, 0, 0]) }
        #expect(learner.npoints == 7)
        let bulk = learner.newEmpty()
        #expect(throws: Boom.self) { try bulk.tellMany(learner.data.xs, learner.data.values) }
        #expect(bulk.npoints == 7 && bulk.invariantViolations() == [])
        #expect(learner.invariantViolations() == [])
    }

    /// A custom loss returning NaN is accepted, as python does: it ranks by length.
    @Test func customLossReturningNaN() throws {
        let learner = try Learner1D(bounds: (-1, 1), loss: .custom { _, _ in .nan })
        _ = try L1D.run(learner, 20) { $0 }
        #expect(learner.loss().isNaN)
        let gaps = learner.intervals().map { $0.right - $0.left }
        #expect(gaps.max()! <= 2 * gaps.min()!)  // uniform sampling
        #expect(learner.invariantViolations() == [])
    }

    /// Vector outputs with NaN components: the y-scale ignores NaNs per component,
    /// but is NaN while a component has no number yet (as `np.max` of the ranges).
    @Test func vectorNaN() throws {
        let learner = try Learner1D(bounds: (-1, 1))
        try learner.tell(-1, vector: [1, .nan])
        try learner.tell(1, vector: [2, .nan])
        #expect(learner.loss().isNaN)
        try learner.tell(0, vector: [3, 5])
        #expect(learner.core.withLock { $0.yRange.scale } == 2)
        _ = try learner.ask(5)
        #expect(learner.invariantViolations() == [])
    }

    @Test func removeUnfinished() throws {
        let learner = try Learner1D(bounds: (-1, 1))
        _ = try L1D.run(learner, 10) { L1D.peak($0) }
        _ = try learner.ask(4)
        #expect(learner.pendingPoints.count == 4)
        learner.removeUnfinished()
        #expect(learner.pendingPoints.isEmpty)
        #expect(learner.intervals(real: false) == learner.intervals(real: true))
        #expect(learner.loss(real: false) == learner.loss(real: true))
        #expect(learner.invariantViolations() == [])
        _ = try L1D.run(learner, 10) { L1D.peak($0) }
        #expect(learner.npoints == 20)
    }

    @Test func exportsAndNewEmpty() throws {
        let learner = try Learner1D(bounds: (-1, 1), loss: .curvature())
        for x in [0.5, -1, 1, 0] { try learner.tell(x, vector: [x, 2 * x]) }
        _ = try learner.ask(2)
        let data = learner.data
        #expect(data.xs == [-1, 0, 0.5, 1] && data.vdim == 2)
        #expect(Array(data.value(at: 2)) == [0.5, 1])
        #expect(learner.pendingPoints == learner.pendingPoints.sorted() && learner.pendingPoints.count == 2)
        let empty = learner.newEmpty()
        #expect(empty.bounds == learner.bounds && empty.loss.name == "curvature" && empty.npoints == 0)
        #expect(empty.pendingPoints.isEmpty)
    }

    /// Other threads may read while one thread drives the learner.
    @Test func concurrentReaders() async throws {
        let learner = try Learner1D(bounds: (-1, 1))
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for _ in 0..<2000 {
                    let x = try! learner.ask(1).points[0]
                    try! learner.tell(x, L1D.peak(x))
                }
            }
            group.addTask {
                var last = 0
                while last < 2000 {
                    let n = learner.npoints
                    #expect(n >= last)
                    last = n
                    _ = learner.loss()
                    #expect(learner.data.count >= n)
                    await Task.yield()
                }
            }
        }
        #expect(learner.invariantViolations() == [])
    }
}
