import Foundation
import Testing

@testable import Adaptive

// Integrable and non-integrable singularities at a bound, driven far past `done`: the
// learner refines towards the singularity until its intervals are subnormal. python's
// separation test cannot stop it there (`p0 · min_sep` underflows to 0), so intervals
// used to split down to zero width and `ask` spun forever refilling its queue with
// points that were all told already.

@Suite struct IntegratorLearnerSingularityTests {
    /// The smallest subnormal, 5e-324 (subnormal literals draw a warning).
    static let tiny = Double.leastNonzeroMagnitude

    /// Drives the learner as `ask(1)` + `tell` would, for at most `limit` points, but
    /// counts the queue refills each ask needs instead of hanging: returns the points
    /// told and the most refills one ask needed (nil when one needed more than 100).
    static func drive(_ learner: IntegratorLearner, limit: Int, _ f: (Double) -> Double) throws
        -> (points: Int, refills: Int?)
    {
        try learner.core.withLock { core in
            var told = 0, most = 0
            while told < limit {
                var refills = 0
                while core.stackHead == core.stack.count {
                    if core.active.isEmpty && core.prioritySplit.isEmpty { return (told, most) }
                    if refills == 100 { return (told, nil) }
                    try core.fillStack()
                    refills += 1
                }
                most = max(most, refills)
                let n = core.stack[core.stackHead]
                core.stackHead += 1
                let x = core.nodes[Int(n)].x
                try core.tell(node: n, f(x))
                told += 1
            }
            return (told, most)
        }
    }

    /// 1/√(x − a) on subnormal bounds (about [0, 1e-320] and [1e-320, 1e-319]): the
    /// separation test never fires, yet every interval ends too narrow to split, and
    /// the learner is done with nothing left.
    @Test(arguments: [(0.0, 2000 * tiny), (2000 * tiny, 20000 * tiny)] as [(Double, Double)])
    func subnormalIntervalsRunOut(bounds: (Double, Double)) throws {
        let learner = try IntegratorLearner(bounds: bounds, tol: 1e-10)
        let (points, refills) = try Self.drive(learner, limit: 10_000) { 1 / ($0 - bounds.0).squareRoot() }
        try #require(refills != nil, "an ask refilled its queue 100 times without a new point")
        #expect(points < 10_000)
        // (required: with intervals left, the `ask` below would spin)
        try #require(learner.activeIntervals.isEmpty)
        #expect(learner.isDone == true)
        // The values reach 4e161: their squares overflow, the error must not.
        #expect(learner.err.isFinite)
        #expect(learner.igral > 0 && learner.igral.isFinite)
        // Nothing left to refine: python's "no way to improve" error.
        #expect(throws: AdaptiveError.self) { _ = try learner.ask(1) }
    }

    /// 1/√x on [0, 1e-300]: done long before the intervals get subnormal, and still
    /// done, with asks that stay cheap, 3000 points later.
    @Test func pastDoneTowardsZero() throws {
        let learner = try IntegratorLearner(bounds: (0, 1e-300), tol: 1e-10)
        let (points, refills) = try Self.drive(learner, limit: 3000) { 1 / $0.squareRoot() }
        #expect(points == 3000)
        #expect(refills.map { $0 <= 5 } == true, "refills per ask: \(String(describing: refills))")
        #expect(learner.isDone == true)
        #expect(learner.err.isFinite && learner.err < 1e-10 * learner.igral)
        #expect(CQ.close(learner.igral, 2e-150, 1e-10))
    }

    /// 1/x: python-adaptive 1.5.2 raises (numpy's "array must not contain infs or
    /// NaNs") when the fit near 0 overflows, after 616 points on [0, 1e-290]; the
    /// learner throws `DivergentIntegralError` at the same point.
    @Test func overflowingFitIsDivergent() throws {
        let learner = try IntegratorLearner(bounds: (0, 1e-290), tol: 1e-10)
        var caught: DivergentIntegralError?
        do { _ = try Self.drive(learner, limit: 5000) { 1 / $0 } } catch let error as DivergentIntegralError {
            caught = error
        }
        #expect(caught?.npoints == 616)
        #expect(caught?.a == 0)
    }
}
