import Foundation
import Testing

@testable import Adaptive

// AverageLearner against python-adaptive 1.5.2: spec Appendix A.5, W5 (results file)
// and `test_average_learner.py` (§6.5). PythonRandom against CPython's `random`.

@Suite struct AverageLearnerTests {
    @Test func pythonRandomMatchesFixture() throws {
        struct Trace: Decodable { var points: [[Double]] }
        let url = try #require(
            Bundle.module.url(forResource: "trace-average-g-1000", withExtension: "json", subdirectory: "Fixtures"))
        let trace = try JSONDecoder().decode(Trace.self, from: Data(contentsOf: url))
        #expect(trace.points.count == 1000)
        for row in trace.points {
            let g = PythonRandom.gauss(seed: Int(row[0]), mu: 0.5, sigma: 1)
            #expect(g.bitPattern == row[1].bitPattern, "g(\(Int(row[0])))")
        }
    }

    @Test func pythonRandomUniformAndLargeSeeds() {
        // W7's offsets: random.Random(0).uniform(-1, 1), ten times.
        var rng = PythonRandom(seed: 0)
        let offsets = (0..<10).map { _ in rng.uniform(-1, 1) }
        #expect(offsets == BalancingTests.w7Offsets)
        // random.Random(2**40 + 5).random() and random.Random(-3).random() == Random(3).
        var big = PythonRandom(seed: (1 << 40) + 5)
        #expect(big.random() == 0.5043802970418443)
        var negative = PythonRandom(seed: -3), positive = PythonRandom(seed: 3)
        #expect(negative.random() == positive.random())
        // The second gauss of a generator is the cached sin value.
        var pair = PythonRandom(seed: 0)
        _ = pair.gauss(0.5, 1)
        #expect(pair.gauss(0.5, 1) == -0.8965781047011498)
    }

    @Test func referenceTrace() throws {
        // f(s) = [1, 3][s % 2], atol 0.1, ask(2) + tell (Appendix A.5; its third loss is a
        // shortened repr: python-adaptive 1.5.2 gives 4.472135954999579).
        let learner = try AverageLearner(atol: 0.1)
        let expected: [(improvement: Double, loss: Double)] = [
            (.infinity, 10.0), (1.4644660940672622, 5.773502691896257), (0.5297287419929706, 4.472135954999579),
            (0.2995763043960813, 3.7796447300922718), (0.19951385558910295, 3.333333333333333),
        ]
        for (round, row) in expected.enumerated() {
            let (points, improvements) = try learner.ask(2)
            #expect(points == [2 * round, 2 * round + 1])
            #expect(improvements == [row.improvement, row.improvement])
            for s in points { try learner.tell(s, s % 2 == 0 ? 1 : 3) }
            #expect(learner.loss() == row.loss)
        }
        #expect(learner.mean == 2)
    }

    @Test(arguments: [(2.0, 9840), (1.0, 41696)])
    func w5(_ goal: Double, _ npoints: Int) throws {
        let learner = try AverageLearner(rtol: 0.01)
        let n = try runSimple(learner, goal: Goal([.loss(goal)])) { PythonRandom.gauss(seed: $0, mu: 0.5, sigma: 1) }
        #expect(n == npoints)
        #expect(learner.data.map(\.seed) == Array(0..<npoints))
        if goal == 2 {
            #expect(learner.loss() == 1.999942870855026)
            #expect(learner.mean == 0.5036117709717544)
            #expect(learner.std == 0.9991047221831828)
        } else {
            #expect(learner.loss() == 0.9999428395663785)
            #expect(learner.mean == 0.48956929624438084)
            #expect(learner.std == 0.9996237010554154)
        }
    }

    @Test func askedArraysKeptByTheCallerStayAsTheyWere() throws {
        // ask refills the arrays it returned before, but never ones a caller still holds.
        let learner = try AverageLearner(atol: 0.1)
        let first = try learner.ask(1)
        let second = try learner.ask(1)
        #expect(first.points == [0] && second.points == [1])
        for s in 0..<2 { try learner.tell(s, Double(s)) }
        var kept: [[Int]] = []
        for _ in 0..<5 {
            let (points, _) = try learner.ask(1)
            kept.append(points)
            try learner.tell(points[0], 1)
        }
        #expect(kept == [[2], [3], [4], [5], [6]])
        #expect(try learner.ask(3).points == [7, 8, 9])
    }

    @Test func onlyReturnsNewPoints() throws {
        let learner = try AverageLearner(rtol: 0.01)
        for s in 5..<10 { try learner.tell(s, Double(s)) }
        try learner.tellPending(0)
        var asked: [Int] = []
        for _ in 0..<5 { asked += try learner.ask(1).points }
        #expect(asked == [1, 2, 3, 4, 10])
    }

    @Test func meanStdAndNpointsStayConsistent() throws {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<5 {
            let learner = try AverageLearner(atol: 0.1)
            var values: [Int: Double] = [:]
            for step in 1...300 {
                let seed = Int.random(in: 0...600, using: &rng)
                if Double.random(in: 0..<1, using: &rng) < 0.9 {
                    let y = Double.random(in: -1...1, using: &rng)
                    try learner.tell(seed, y)
                    if values[seed] == nil { values[seed] = y }
                } else {
                    try learner.tellPending(seed)
                }
                if step % 10 == 0 {
                    let ys = learner.data.map(\.value)
                    #expect(learner.npoints == values.count && ys.count == values.count)
                    #expect(abs(learner.sums.sum - ys.reduce(0, +)) < 1e-12)
                    if ys.count >= 2 {
                        let m = ys.reduce(0, +) / Double(ys.count)
                        let s = (ys.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(ys.count - 1)).squareRoot()
                        #expect(abs(learner.std - s) < 1e-12)
                    }
                }
            }
        }
    }

    @Test(arguments: [1, 2, 3]) func minNpoints(_ minNpoints: Int) throws {
        let learner = try AverageLearner(atol: 0.01, rtol: 0.01, minNpoints: minNpoints)
        try runSimple(learner, goal: Goal([.loss(1)])) { _ in 0.1 }
        #expect(learner.npoints >= max(2, minNpoints))
    }

    @Test func zeroMean() throws {
        let learner = try AverageLearner(rtol: 0.01)
        try learner.tell(0, -1)
        try learner.tell(1, 1)
        #expect(learner.loss().isFinite)
        #expect(learner.loss() == (2.0.squareRoot() / 2.0.squareRoot()) / 0.01)
    }

    @Test func pendingAndValidation() throws {
        #expect(throws: AdaptiveError.self) { try AverageLearner() }
        #expect(throws: AdaptiveError.self) { try AverageLearner(atol: -1) }
        let learner = try AverageLearner(atol: 0.1)
        let (points, _) = try learner.ask(3)
        #expect(learner.pendingPoints == points)
        #expect(try learner.ask(2, tellPending: false).points == [3, 4])
        #expect(learner.loss(real: false) == .infinity)
        learner.removeUnfinished()
        #expect(learner.pendingPoints.isEmpty)
        try learner.tell(1_000_000_000, 2)   // a sparse seed
        try learner.tell(1_000_000_000, 5)   // ignored
        #expect(learner.data.map(\.seed) == [1_000_000_000])
        #expect(learner.mean == 2)
        #expect(throws: AdaptiveError.self) { try learner.tell(-1, 0) }
    }
}

@Suite struct AskOneTests {
    @Test func averageLearnerAskOneIsAskOfOne() throws {
        // Two learners told the same out-of-order seeds: askOne proposes what ask(1) does,
        // with the same loss improvement, and marks it pending the same way.
        let a = try AverageLearner(atol: 0.1), b = try AverageLearner(atol: 0.1)
        for learner in [a, b] {
            for s in [0, 1, 5, 6] { try learner.tell(s, Double(s % 3)) }
            try learner.tellPending(3)
        }
        for round in 0..<8 {
            let (points, improvements) = try a.ask(1)
            let one = try #require(b.askOne())
            #expect([one.point] == points && [one.lossImprovement] == improvements, "round \(round)")
            if round % 2 == 0 { for learner in [a, b] { try learner.tell(one.point, 1.5) } }
        }
        #expect(a.pendingPoints == b.pendingPoints && a.loss() == b.loss())
        #expect(b.askOne(tellPending: false)?.point == b.askOne(tellPending: false)?.point)
    }

    @Test func defaultAskOneIsAskOfOne() throws {
        // Learner1D has no askOne of its own: the protocol's, built on ask(1).
        let a = try Learner1D(bounds: (-1, 1)), b = try Learner1D(bounds: (-1, 1))
        for _ in 0..<20 {
            let (points, improvements) = try a.ask(1, tellPending: true)
            let one = try #require(try b.askOne(tellPending: true))
            #expect([one.point] == points && [one.lossImprovement] == improvements)
            for learner in [a, b] { try learner.tell(one.point, one.point * one.point) }
        }
    }
}
