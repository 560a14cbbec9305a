import Foundation
import Testing

@testable import Adaptive

// IntegratorLearner driven as a parallel runner drives it: a few points in flight,
// values coming back in any order and several at a time. python-adaptive 1.5.2 fails
// an assertion on some of these orders (a forced split queued twice); ours must not,
// and must still integrate to the tolerance.

@Suite struct IntegratorLearnerParallelTests {
    static func f24(_ x: Double) -> Double { floor(exp(x)) }
    static let exact = 60 - (2...20).reduce(0.0) { $0 + log(Double($1)) }

    /// Runs until done with `tasks` points in flight; each turn tells a random batch of
    /// them in random order, then asks for as many as were told.
    static func run(tasks: Int, seed: UInt64) throws -> IntegratorLearner {
        var rng = SeededGenerator(seed: seed)
        let learner = try IntegratorLearner(bounds: (0, 3), tol: 1e-8)
        var inFlight: [Double] = []
        while !(learner.isDone ?? false) {
            inFlight += try learner.ask(tasks - inFlight.count).points
            if inFlight.isEmpty { break }
            inFlight.shuffle(using: &rng)
            let batch = Int.random(in: 1...inFlight.count, using: &rng)
            for x in inFlight.prefix(batch) { try learner.tell(x, f24(x)) }
            inFlight.removeFirst(batch)
        }
        return learner
    }

    @Test(arguments: [2, 3, 8])
    func valuesInAnyOrderStillIntegrate(_ tasks: Int) throws {
        for seed in 0..<6 as Range<UInt64> {
            let learner = try Self.run(tasks: tasks, seed: seed)
            #expect(learner.isDone == true)
            #expect(abs(learner.igral - Self.exact) < 1e-7, "tasks \(tasks), seed \(seed): igral \(learner.igral)")
            #expect(learner.err < 1e-8 * learner.igral, "tasks \(tasks), seed \(seed): err \(learner.err)")
            // Every interval is split at most once: the approximating intervals tile [0, 3].
            let ivals = learner.approximatingIntervals
            #expect(ivals.first?.a == 0 && ivals.last?.b == 3)
            #expect(zip(ivals, ivals.dropFirst()).allSatisfy { $0.b == $1.a }, "tasks \(tasks), seed \(seed)")
        }
    }

    @Test func askingWhenEverythingIsUsedUpWhilePointsAreOut() throws {
        // exp to 1e-15: the first interval is removed at machine precision after 33 points.
        // With points handed out and not told, ask returns what it can instead of throwing.
        let learner = try IntegratorLearner(bounds: (0, 1), tol: 1e-15)
        let first = try learner.ask(33).points
        for x in first.dropLast() { try learner.tell(x, exp(x)) }
        let more = try learner.ask(5).points
        for x in more + [first.last!] { try learner.tell(x, exp(x)) }
        #expect(learner.isDone == true)
        // Asked on with nothing out: the queued nodes of the removed children, then
        // python's RuntimeError once nothing is left.
        var thrown = false
        for _ in 0..<20 where !thrown {
            do {
                for x in try learner.ask(1).points { try learner.tell(x, exp(x)) }
            } catch let error as AdaptiveError {
                thrown = error.message.hasPrefix("IntegratorLearner: no way to improve")
            }
        }
        #expect(thrown)
    }
}
