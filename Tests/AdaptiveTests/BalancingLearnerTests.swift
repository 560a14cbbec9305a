import Foundation
import Testing

@testable import Adaptive

// BalancingLearner against python-adaptive 1.5.2: W7 (results-adaptive-1.5.2.json,
// per-child counts), spec Appendix A.5 and `test_balancing_learner.py` (§6.8).

enum BalancingTests {
    /// W7's offsets: `random.Random(0).uniform(-1, 1)` ten times.
    static let w7Offsets = [
        0.6888437030500962, 0.515908805880605, -0.15885683833831, -0.4821664994140733, 0.02254944273721704,
        -0.19013172509917142, 0.5675971780695452, -0.3933745478421451, -0.04680609169528838, 0.1667640789100624,
    ]

    /// The benchmark's `peak`: `x + a2 / (a2 + (x - o)**2)` with `a2 = 0.01 * 0.01`.
    static func peak(_ x: Double, _ offset: Double) -> Double {
        let a2 = 0.01 * 0.01
        return x + a2 / (a2 + pow(x - offset, 2))
    }

    static func w7Learner() throws -> BalancingLearner<Learner1D> {
        try BalancingLearner(w7Offsets.map { _ in try Learner1D(bounds: (-1, 1)) })
    }

    typealias BL = BalancingLearner<Learner1D>
    static func tell(_ learner: BL, _ p: BL.ChildPoint, _ f: (Int, Double) -> Double) throws {
        try learner.tell(p, .scalar(f(p.child, p.point)))
    }
}

@Suite struct BalancingLearnerTests {
    typealias BL = BalancingLearner<Learner1D>

    @Test func w7LossGoal() throws {
        let learner = try BalancingTests.w7Learner()
        let n = try runSimple(learner, goal: Goal([.loss(0.01)])) { p in
            .scalar(BalancingTests.peak(p.point, BalancingTests.w7Offsets[p.child]))
        }
        #expect(n == 3395)
        #expect(learner.learners.map(\.npoints) == [239, 258, 380, 378, 378, 379, 248, 380, 383, 372])
        #expect(learner.loss() == 0.009999752878491103)
    }

    @Test func w7TotalPoints() throws {
        let learner = try BalancingTests.w7Learner()
        try runSimple(learner, goal: Goal([.custom { learner.npoints >= 5000 }])) { p in
            .scalar(BalancingTests.peak(p.point, BalancingTests.w7Offsets[p.child]))
        }
        #expect(learner.npoints == 5000)
        #expect(learner.learners.map(\.npoints) == [441, 461, 527, 527, 520, 526, 451, 525, 527, 495])
        #expect(learner.loss() == 0.005558032518602232)
    }

    /// Appendix A.5: children a·x² for a = 1, 5, `ask(1)` loop.
    func twoParabolas(_ strategy: BL.Strategy) throws -> [(Int, Double, Double)] {
        let learner = try BL([try Learner1D(bounds: (-1, 1)), try Learner1D(bounds: (-1, 1))], strategy: strategy)
        var trace: [(Int, Double, Double)] = []
        for _ in 0..<10 {
            let (points, improvements) = try learner.ask(1)
            trace.append((points[0].child, points[0].point, improvements[0]))
            try BalancingTests.tell(learner, points[0]) { i, x in (i == 0 ? 1 : 5) * x * x }
        }
        return trace
    }

    @Test(arguments: [BL.Strategy.lossImprovements, .loss])
    func referenceByLoss(_ strategy: BL.Strategy) throws {
        let trace = try twoParabolas(strategy)
        let expected: [(Int, Double)] = [(0, -1), (1, -1), (0, 1), (1, 1), (0, 0), (0, -0.5), (0, 0.5), (1, 0), (1, -0.5), (1, 0.5)]
        #expect(trace.map(\.0) == expected.map(\.0))
        #expect(trace.map(\.1) == expected.map(\.1))
        #expect(trace.prefix(4).allSatisfy { $0.2 == .infinity })
        #expect(trace[4].2 == 0.5)
        #expect(abs(trace[5].2 - 0.559) < 1e-3)
    }

    @Test(arguments: [BL.Strategy.npoints, .cycle])
    func referenceByCount(_ strategy: BL.Strategy) throws {
        let trace = try twoParabolas(strategy)
        let expected: [(Int, Double)] = [(0, -1), (1, -1), (0, 1), (1, 1), (0, 0), (1, 0), (0, -0.5), (1, -0.5), (0, 0.5), (1, 0.5)]
        #expect(trace.map(\.0) == expected.map(\.0))
        #expect(trace.map(\.1) == expected.map(\.1))
    }

    @Test func freshAskSix() throws {
        let learner = try BL([try Learner1D(bounds: (-1, 1)), try Learner1D(bounds: (-1, 1))])
        let points = try learner.ask(6).points
        #expect(points.map(\.child) == [0, 1, 0, 1, 0, 1])
        #expect(points.map(\.point) == [-1, -1, 1, 1, 0, 0])
    }

    @Test func lossStrategyReusesStalePendingLoss() throws {
        // Children x² and x³ told -1, 1, 0, 0.5 (pending losses 1.118 and 0.707):
        // "loss" gives all of one ask(4) to child 0; "loss_improvements" does not
        // (python-adaptive 1.5.2's points).
        let learner = try BL([try Learner1D(bounds: (-1, 1)), try Learner1D(bounds: (-1, 1))], strategy: .loss)
        for (i, p) in [(0, 2.0), (1, 3.0)] {
            for x in [-1.0, 1, 0, 0.5] { try learner.tell(.init(child: i, point: x), .scalar(pow(x, p))) }
        }
        let byLoss = try learner.ask(4).points
        #expect(byLoss.map(\.child) == [0, 0, 0, 0])
        #expect(byLoss.map(\.point) == [-0.5, 0.75, -0.75, -0.25])
        learner.strategy = .lossImprovements
        learner.removeUnfinished()
        let byImprovement = try learner.ask(4)
        #expect(byImprovement.points.map(\.child) == [0, 0, 1, 0])
        #expect(byImprovement.points.map(\.point) == [-0.5, 0.75, -0.5, -0.75])
        #expect(byImprovement.lossImprovements[2] == 0.3535533905932738)
    }

    @Test func lossCache() throws {
        // test_balancing_learner_loss_cache: f = x, tell ±1, pending 0.
        for realFirst in [true, false] {
            let child = try Learner1D(bounds: (-1, 1))
            try child.tell(-1, -1)
            try child.tell(1, 1)
            try child.tellPending(0)
            let realLoss = child.loss(real: true), pendingLoss = child.loss(real: false)
            #expect(realLoss == 2.0.squareRoot())
            #expect(pendingLoss == 2.0.squareRoot() / 2)
            let learner = try BL([child])
            if realFirst {
                #expect(learner.loss(real: true) == realLoss)
                #expect(learner.loss(real: false) == pendingLoss)
            } else {
                #expect(learner.loss(real: false) == pendingLoss)
                #expect(learner.loss(real: true) == realLoss)
            }
        }
    }

    @Test(arguments: BL.Strategy.allCases)
    func distributesFirstPoints(_ strategy: BL.Strategy) throws {
        for initial in [0, 3] {
            let children = try (0..<10).map { _ in try Learner1D(bounds: (-1, 1)) }
            for child in children {
                for x in try child.ask(initial).points { try child.tell(x, x) }
            }
            let learner = try BL(children, strategy: strategy)
            let points = try learner.ask(100).points
            #expect(Set(points.map(\.child)).count == 10)
            #expect(try learner.ask(0).points.isEmpty)
        }
    }

    @Test(arguments: BL.Strategy.allCases)
    func strategiesTerminate(_ strategy: BL.Strategy) throws {
        let learner = try BL((0..<10).map { _ in try Learner1D(bounds: (-1, 1)) }, strategy: strategy)
        let goal = strategy == .npoints
            ? Goal([.custom { learner.learners.allSatisfy { $0.npoints > 10 } }]) : Goal([.loss(0.1)])
        try runSimple(learner, goal: goal) { .scalar($0.point) }
        #expect(try goal.isReached(by: learner, elapsed: 0))
    }

    @Test(arguments: BL.Strategy.allCases)
    func askWithoutPendingLeavesStateUnchanged(_ strategy: BL.Strategy) throws {
        let learner = try BL((0..<3).map { _ in try Learner1D(bounds: (-1, 1)) }, strategy: strategy)
        for _ in 0..<20 {
            let p = try learner.ask(1).points[0]
            try learner.tell(p, .scalar(p.point * p.point))
        }
        let pending = learner.learners.map(\.pendingPoints)
        let first = try learner.ask(5, tellPending: false).points
        #expect(learner.learners.map(\.pendingPoints) == pending)
        #expect(try learner.ask(5, tellPending: false).points == first)
        if strategy != .cycle { #expect(try learner.ask(5).points == first) }
    }

    @Test func mixedChildrenThroughAnyLearner() throws {
        // Children behind AnyLearner (here two integrators; any learners with Double points work).
        let integrator = AnyLearner(try IntegratorLearner(bounds: (0, 1), tol: 1e-6))
        let other = AnyLearner(try IntegratorLearner(bounds: (0, 2), tol: 1e-6))
        let learner = try BalancingLearner([integrator, other])
        try runSimple(learner, goal: .automatic) { p in p.point.squareRoot() }
        #expect(learner.isDone == true)
        let ivals = learner.learners.map { ($0.base as! IntegratorLearner).igral }
        #expect(abs(ivals[0] - 2.0 / 3) < 1e-5 && abs(ivals[1] - 2.0 / 3 * pow(2, 1.5)) < 1e-5)
        #expect(integrator.pendingCount == 0)
        _ = try learner.ask(3, tellPending: false)   // children can save their state
    }

    @Test func invalidInput() throws {
        #expect(throws: AdaptiveError.self) { try BL([]) }
        let learner = try BL([try Learner1D(bounds: (0, 1))])
        #expect(throws: AdaptiveError.self) { try learner.tell(.init(child: 3, point: 0), .scalar(0)) }
        #expect(throws: AdaptiveError.self) { try learner.ask(-1) }
    }

    @Test func countsFollowTellsAndForgetCachesAfterDirectChanges() throws {
        let children = [try Learner1D(bounds: (0, 1)), try Learner1D(bounds: (0, 1))]
        let learner = try BL(children)
        try runSimple(learner, goal: Goal([.npoints(12)])) { p in .scalar(p.point) }
        #expect(learner.npoints == 12 && learner.npoints == children.map(\.npoints).reduce(0, +))
        // A child told directly: the caches (as python's) still show the old state...
        try children[0].tell(0.123, 0.123)
        #expect(learner.npoints == 12)
        // ...until they are dropped.
        learner.forgetCaches()
        #expect(learner.npoints == 13)
        #expect(learner.loss() == max(children[0].loss(), children[1].loss()))
        let (points, _) = try learner.ask(1, tellPending: false)
        #expect(points.count == 1)
    }

    @Test(arguments: BL.Strategy.allCases)
    func childrenThatAreDoneGetNoMorePoints(_ strategy: BL.Strategy) throws {
        // python fails when a child is done before the others; here the others go on.
        let short = SequenceLearner<Int, Int>([1, 2]), long = SequenceLearner<Int, Int>([1, 2, 3, 4, 5])
        let learner = try BalancingLearner([short, long], strategy: .init(rawValue: strategy.rawValue)!)
        let sequences = [short.sequence, long.sequence]
        let n = try runSimple(learner, goal: .automatic) { p in sequences[p.child][p.point] * 10 }
        #expect(n == 7)
        #expect(learner.isDone == true)
        #expect(try long.result() == [10, 20, 30, 40, 50])
        #expect(try learner.ask(3).points.isEmpty)
    }
}
