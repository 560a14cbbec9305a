import Foundation
import Testing

@testable import Adaptive

// DataSaver: spec §4.6 and test_auto_goal (§6.9).

@Suite struct DataSaverTests {
    struct Result: Sendable, Equatable { var y: Double; var note: String }

    @Test func keepsExtraDataByPoint() throws {
        let saver = DataSaver(try Learner1D(bounds: (-1, 1))) { (r: Result) in .scalar(r.y) }
        let n = try runSimple(saver, goal: Goal([.npoints(4)])) { x in Result(y: x * x, note: "at \(x)") }
        #expect(n == 4)
        #expect(saver.npoints == 4)
        #expect(saver.extraData.count == 4)
        #expect(saver.extraData[-1] == Result(y: 1, note: "at -1.0"))
        #expect(saver.orderedExtraData.map(\.point) == [-1, 1, 0, -0.5])
        #expect(saver.learner.data.xs == [-1, -0.5, 0, 1])
        #expect(saver.loss() == saver.learner.loss())
    }

    @Test func failedTellStoresNothing() throws {
        let saver = DataSaver(try Learner1D(bounds: (0, 1))) { (r: Result) in .scalar(r.y) }
        #expect(throws: AdaptiveError.self) { try saver.tell(2, Result(y: 0, note: "")) }
        #expect(saver.extraData.isEmpty)
    }

    @Test func balancingDataSavers() throws {
        // test_auto_goal: BalancingLearner of two DataSavers, each child exactly 10.
        let children = try (0..<2).map { _ in
            DataSaver(try Learner1D(bounds: (-1, 1))) { (r: Result) in .scalar(r.y) }
        }
        let learner = try BalancingLearner(children)
        try runSimple(learner, goal: Goal([.custom { learner.learners.allSatisfy { $0.npoints >= 10 } }])) { p in
            Result(y: p.point, note: "")
        }
        #expect(learner.learners.map(\.npoints) == [10, 10])
    }
}
