import Foundation
import Testing

@testable import Adaptive

// IntegratorLearner against python-adaptive 1.5.2: the f24 trace fixture, W6 and the
// reference runs of spec Appendix A.4, and the properties of `test_cquad.py` (§6.7).
//
// Loss improvements and integrals are compared to a relative 1e-12: python computes
// the coefficients with BLAS (dgemv, nrm2), whose summation order depends on the CPU,
// and sums the integral over a set in memory order; rerunning python-adaptive on
// another machine changes the same last bits. The points are compared bit for bit.

enum CQ {
    static func f0(_ x: Double) -> Double { x * sin(1 / x) * abs(1 - x).squareRoot() }
    static func f7(_ x: Double) -> Double { pow(x, -0.5) }
    static func f21(_ x: Double) -> Double {
        var y = 0.0
        for i in 1...3 { y += 1 / cosh(pow(20, Double(i)) * (x - 2 * Double(i) / 10)) }
        return y
    }
    static func f24(_ x: Double) -> Double { exp(x).rounded(.down) }
    static func f63(_ x: Double, _ alpha: Double, _ beta: Double) -> Double { pow(abs(x - beta), alpha) }
    static func fdiv(_ x: Double) -> Double { pow(abs(x - 0.987654321), -1.1) }

    static func close(_ a: Double, _ b: Double, _ rtol: Double = 1e-12) -> Bool {
        a == b || abs(a - b) <= rtol * max(abs(a), abs(b))
    }

    /// `ask(1)` + `tell` until done (at most `limit` points); the number of points.
    static func run(_ learner: IntegratorLearner, limit: Int = 1_000_000, _ f: (Double) -> Double) throws -> Int {
        var n = 0
        while learner.isDone != true && n < limit {
            let x = try learner.ask(1).points[0]
            try learner.tell(x, f(x))
            n += 1
        }
        return n
    }
}

@Suite struct IntegratorLearnerTests {
    @Test func traceF24() throws {
        struct Trace: Decodable {
            var points: [[Double]]
            var npoints_after: Int
            var igral_after: Double
            var err_after: Double
        }
        let url = try #require(
            Bundle.module.url(forResource: "trace-integrator-f24-200", withExtension: "json", subdirectory: "Fixtures"))
        let trace = try JSONDecoder().decode(Trace.self, from: Data(contentsOf: url))
        let learner = try IntegratorLearner(bounds: (0, 3), tol: 1e-8)
        for (i, row) in trace.points.enumerated() {
            let (points, improvements) = try learner.ask(1)
            try #require(points[0].bitPattern == row[0].bitPattern, "point \(i): \(points[0]) != \(row[0])")
            #expect(CQ.close(improvements[0], row[2]), "improvement \(i): \(improvements[0]) vs \(row[2])")
            #expect(CQ.f24(points[0]) == row[1])
            try learner.tell(points[0], row[1])
        }
        #expect(learner.npoints == trace.npoints_after)
        #expect(CQ.close(learner.igral, trace.igral_after))
        #expect(CQ.close(learner.err, trace.err_after))
    }

    struct Reference: Sendable, CustomTestStringConvertible {
        var name: String
        var bounds: (Double, Double)
        var tol: Double
        var f: @Sendable (Double) -> Double
        var npoints: Int
        var igral: Double
        var err: Double
        var testDescription: String { name }
    }

    /// W6 (results-adaptive-1.5.2.json) and spec Appendix A.4 (the learner's numbers).
    static let references: [Reference] = [
        .init(name: "W6-f24", bounds: (0, 3), tol: 1e-8, f: CQ.f24, npoints: 16149,
              igral: 17.6643835377243, err: 1.7646373708877e-07),
        .init(name: "W6-exp", bounds: (0, 1), tol: 1e-10, f: { exp($0) }, npoints: 33,
              igral: 1.718281828459045, err: 3.787281928132742e-16),
        .init(name: "W6-sqrt", bounds: (0, 1), tol: 1e-8, f: { $0.squareRoot() }, npoints: 633,
              igral: 0.6666666666670937, err: 6.5683124605193675e-09),
        .init(name: "f0", bounds: (0, 3), tol: 1e-5, f: CQ.f0, npoints: 1129,
              igral: 1.9819411795432902, err: 1.9563545589843946e-05),
        .init(name: "f7", bounds: (0, 1), tol: 1e-6, f: CQ.f7, npoints: 693,
              igral: 1.9999998579359644, err: 1.8561437336300975e-06),
        .init(name: "f21", bounds: (0, 1), tol: 1e-3, f: CQ.f21, npoints: 191,
              igral: 0.1631002213121336, err: 0.00011848806384951868),
        .init(name: "f24", bounds: (0, 3), tol: 1e-3, f: CQ.f24, npoints: 4519,
              igral: 17.664696186312938, err: 0.01760261807495731),
        .init(name: "f63", bounds: (0, 1), tol: 1e-10, f: { CQ.f63($0, 0.987654321, 0.45) }, npoints: 799,
              igral: 0.2562050445563067, err: 2.5161496551332016e-11),
    ]

    @Test(arguments: references) func reference(_ r: Reference) throws {
        let learner = try IntegratorLearner(bounds: r.bounds, tol: r.tol)
        let n = try CQ.run(learner, r.f)
        #expect(n == r.npoints)
        #expect(learner.npoints == r.npoints)
        #expect(CQ.close(learner.igral, r.igral, 1e-12), "igral \(learner.igral)")
        // Errors are differences of nearly equal coefficients: rounding shows more, and
        // an error at machine precision is rounding noise (python differs by machine).
        if r.err < 1e-14 * abs(r.igral) {
            #expect(learner.err < 1e-14 * abs(r.igral), "err \(learner.err)")
        } else {
            #expect(CQ.close(learner.err, r.err, 1e-5), "err \(learner.err)")
        }
        #expect(learner.isDone == true)
    }

    @Test(arguments: references) func askOneInStepWithAsk(_ r: Reference) throws {
        // askOne hands out ask(1)'s points, and isDone, read without the lock while
        // nothing it depends on changed, agrees with the core's own at every step.
        let asking = try IntegratorLearner(bounds: r.bounds, tol: r.tol)
        let learner = try IntegratorLearner(bounds: r.bounds, tol: r.tol)
        var n = 0
        while learner.isDone != true {
            let x = try asking.ask(1).points[0]
            let one = try #require(try learner.askOne())
            try #require(one.point.bitPattern == x.bitPattern, "point \(n)")
            try asking.tell(x, r.f(x))
            try learner.tell(x, r.f(x))
            try #require(learner.isDone == learner.core.withLock { $0.isDone() }, "isDone after \(n)")
            n += 1
        }
        #expect(n == r.npoints && asking.isDone == true)
        #expect(learner.igral == asking.igral && learner.err == asking.err)
    }

    @Test func isDoneFollowsRestoredState() throws {
        // A BalancingLearner puts a child's saved state back: isDone is that state's.
        let learner = try IntegratorLearner(bounds: (0, 1), tol: 1e-10)
        let restore = learner.saveState()
        _ = try CQ.run(learner) { exp($0) }
        #expect(learner.isDone == true)
        restore()
        #expect(learner.isDone == false && learner.npoints == 0)
    }

    @Test func oneWithInfinity() throws {
        // algorithm_4: f = 1 with inf at 0 on [-1, 1], tol 1e-12 -> 2 after 33 points.
        let learner = try IntegratorLearner(bounds: (-1, 1), tol: 1e-12)
        let n = try CQ.run(learner) { $0 == 0 ? .infinity : 1 }
        #expect(n == 33)
        #expect(CQ.close(learner.igral, 2, 1e-14))
        #expect(learner.err < 1e-14)
    }

    @Test func divergence() throws {
        // The reference raises after 431 points; the learner within those steps.
        let learner = try IntegratorLearner(bounds: (0, 1), tol: 1e-6)
        var caught: DivergentIntegralError?
        do { _ = try CQ.run(learner, limit: 431, CQ.fdiv) } catch let error as DivergentIntegralError { caught = error }
        let error = try #require(caught)
        #expect(error.a <= 0.987654321 && 0.987654321 <= error.b)
        #expect(error.description.contains("diverges"))
    }

    @Test func removedAskOneByOne() throws {
        // exp, tol 1e-15: after 33 points the interval is removed at machine precision
        // and an ask within 39 steps fails with "no way to improve".
        let learner = try IntegratorLearner(bounds: (0, 1), tol: 1e-15)
        var message: String?
        do {
            for _ in 0..<39 {
                let x = try learner.ask(1).points[0]
                try learner.tell(x, exp(x))
            }
        } catch let error as AdaptiveError { message = error.message }
        #expect(message?.contains("no way to improve") == true)
    }

    @Test func askManyThenTellInRandomOrder() throws {
        // test_tell_in_random_order: the same points, contiguous approximating intervals,
        // close integrals, and each error covers the difference.
        for (f, bounds) in [(CQ.f24, (0.0, 3.0)), (CQ.f21, (0.0, 1.0)), (CQ.f7, (0.0, 1.0))] {
            let ordered = try IntegratorLearner(bounds: bounds, tol: 1e-10)
            let shuffled = try IntegratorLearner(bounds: bounds, tol: 1e-10)
            let xs = try ordered.ask(10000).points
            #expect(try shuffled.ask(10000).points == xs)
            for x in xs { try ordered.tell(x, f(x)) }
            var rng = SeededGenerator(seed: 7)
            for x in xs.shuffled(using: &rng) { try shuffled.tell(x, f(x)) }
            #expect(Set(ordered.data.map(\.x)) == Set(shuffled.data.map(\.x)))
            for learner in [ordered, shuffled] {
                let ivals = learner.approximatingIntervals
                #expect(!ivals.isEmpty)
                for (l, r) in zip(ivals, ivals.dropFirst()) { #expect(l.b == r.a) }
                #expect(learner.err.isFinite)
            }
            #expect(CQ.close(ordered.igral, shuffled.igral, 1e-8))
            #expect(ordered.err + shuffled.err >= abs(ordered.igral - shuffled.igral))
        }
    }

    @Test func skipOnePointThenTellItLast() throws {
        // test_adding_points_and_skip_one_point.
        let skipping = try IntegratorLearner(bounds: (0, 3), tol: 1e-10)
        let xs = try skipping.ask(17).points
        let skipped = xs[1]
        for x in xs where x != skipped { try skipping.tell(x, CQ.f24(x)) }
        for _ in 0..<1000 {
            let x = try skipping.ask(1).points[0]
            try skipping.tell(x, CQ.f24(x))
        }
        try skipping.tell(skipped, CQ.f24(skipped))
        let plain = try IntegratorLearner(bounds: (0, 3), tol: 1e-10)
        for _ in 0..<1017 {
            let x = try plain.ask(1).points[0]
            try plain.tell(x, CQ.f24(x))
        }
        #expect(abs(skipping.igral - plain.igral) < 1e-7)
    }

    @Test func askWithoutPendingLeavesStateUnchanged() throws {
        let learner = try IntegratorLearner(bounds: (0, 3), tol: 1e-8)
        _ = try CQ.run(learner, limit: 100, CQ.f24)
        let before = try learner.ask(40, tellPending: false)
        #expect(try learner.ask(40, tellPending: false).points == before.points)
        #expect(try learner.ask(40).points == before.points)
    }

    @Test func removeUnfinishedRequeues() throws {
        let learner = try IntegratorLearner(bounds: (0, 1), tol: 1e-10)
        let xs = try learner.ask(5).points
        learner.removeUnfinished()
        #expect(try learner.ask(5).points == xs)
        #expect(learner.pendingPoints.count == 17)
    }

    @Test func invalidInput() throws {
        #expect(throws: AdaptiveError.self) { try IntegratorLearner(bounds: (1, 0), tol: 1e-3) }
        #expect(throws: AdaptiveError.self) { try IntegratorLearner(bounds: (0, 1), tol: 0) }
        let learner = try IntegratorLearner(bounds: (0, 1), tol: 1e-3)
        #expect(throws: AdaptiveError.self) { try learner.tell(0.123, 1) }
        #expect(throws: AdaptiveError.self) { try learner.ask(-1) }
    }

    @Test func runSimpleStopsWhenDone() throws {
        // test_auto_goal: f = x, tol 0.1, no goal -> done.
        let learner = try IntegratorLearner(bounds: (0, 1), tol: 0.1)
        try runSimple(learner, goal: .automatic) { $0 }
        #expect(learner.isDone == true)
        #expect(CQ.close(learner.igral, 0.5, 1e-14))
    }
}

