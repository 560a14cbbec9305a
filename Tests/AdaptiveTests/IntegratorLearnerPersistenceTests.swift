import Foundation
import Testing

@testable import Adaptive

/// IntegratorLearner's save files: a replay of the values and refinements gives back
/// the same state, also when points were in flight.
@Suite struct IntegratorLearnerPersistenceTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("integrator-\(UUID().uuidString).txt").path
    }

    /// The state that matters: estimates, intervals, and the points asked next.
    static func expectSameState(_ a: IntegratorLearner, _ b: IntegratorLearner, next: Int, _ f: (Double) -> Double) throws {
        #expect(a.npoints == b.npoints)
        #expect(a.igral == b.igral && a.err == b.err && a.isDone == b.isDone)
        #expect(a.pendingPoints == b.pendingPoints)
        #expect(a.approximatingIntervals.map(\.a) == b.approximatingIntervals.map(\.a))
        for _ in 0..<next {
            let (p, q) = (try a.askOne(), try b.askOne())
            #expect(p?.point == q?.point)
            guard let x = p?.point else { break }
            try a.tell(x, f(x))
            try b.tell(x, f(x))
        }
        #expect(a.igral == b.igral && a.err == b.err)
    }

    @Test func savedOneByOne() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let learner = try IntegratorLearner(bounds: (0, 3), tol: 1e-10)
        try runSimple(learner, goal: Goal([.npoints(2000)])) { CQ.f24($0) }
        try learner.save(to: path)
        let copy = try IntegratorLearner(bounds: (0, 3), tol: 1e-10)
        try copy.load(from: path)
        try Self.expectSameState(learner, copy, next: 300, CQ.f24)
    }

    /// Saved with 8 points in flight (those are asked again after loading, first).
    @Test func savedWithPointsInFlight() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var rng = SeededGenerator(seed: 3)
        let learner = try IntegratorLearner(bounds: (0, 3), tol: 1e-10)
        var out: [Double] = []
        while learner.npoints < 1500 {
            out += try learner.ask(8 - out.count).points
            let x = out.remove(at: Int.random(in: 0..<out.count, using: &rng))
            try learner.tell(x, CQ.f24(x))
        }
        try learner.save(to: path)
        let copy = try IntegratorLearner(bounds: (0, 3), tol: 1e-10)
        try copy.load(from: path)
        #expect(copy.npoints == learner.npoints && copy.igral == learner.igral && copy.err == learner.err)
        #expect(Set(copy.pendingPoints).isSuperset(of: out))
        // Told the points that were out, both learners carry on alike.
        for x in out { try learner.tell(x, CQ.f24(x)) }
        for x in try copy.ask(out.count).points { try copy.tell(x, CQ.f24(x)) }
        learner.removeUnfinished()
        try Self.expectSameState(learner, copy, next: 300, CQ.f24)
    }

    @Test func loadReplacesTheStateAndChecksTheBounds() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let learner = try IntegratorLearner(bounds: (0, 1), tol: 1e-8)
        try runSimple(learner, goal: .automatic) { exp($0) }
        try learner.save(to: path)
        let busy = try IntegratorLearner(bounds: (0, 1), tol: 1e-8)
        try runSimple(busy, goal: Goal([.npoints(5)])) { $0 }
        try busy.load(from: path)
        #expect(busy.npoints == learner.npoints && busy.igral == learner.igral && busy.isDone == true)
        let other = try IntegratorLearner(bounds: (0, 2), tol: 1e-8)
        #expect(throws: AdaptiveError.self) { try other.load(from: path) }
        #expect(other.npoints == 0)
    }
}
