import Foundation
import Testing

@testable import Adaptive

// SequenceLearner: spec Appendix A.5 and §6.9.

@Suite struct SequenceLearnerTests {
    @Test func referenceAndDone() throws {
        // Appendix A.5: [5, 6, 7, 8], ask(3) -> indices 0, 1, 2, improvements 0.25.
        let learner = SequenceLearner<Int, Int>([5, 6, 7, 8])
        let (points, improvements) = try learner.ask(3)
        #expect(points == [0, 1, 2])
        #expect(points.map { learner.sequence[$0] } == [5, 6, 7])
        #expect(improvements == [0.25, 0.25, 0.25])
        #expect(learner.loss() == 1.0)
        #expect(learner.loss(real: false) == 0.25)
        #expect(learner.isDone == false)
        #expect(throws: AdaptiveError.self) { try learner.result() }
        for i in points.reversed() { try learner.tell(i, learner.sequence[i] * 10) }
        #expect(try learner.ask(5).points == [3])
        learner.removeUnfinished()
        try runSimple(learner, goal: .automatic) { learner.sequence[$0] * 10 }
        #expect(learner.isDone == true)
        #expect(learner.loss() == 0)
        #expect(try learner.result() == [50, 60, 70, 80])
        #expect(try learner.ask(2).points.isEmpty)
    }

    @Test func unhashableElementsAndRetries() throws {
        // test_fail_with_sequence_of_unhashable: elements need not be hashable.
        struct Job: Sendable { var parameters: [String: Double] }
        let learner = SequenceLearner<Job, Double>([Job(parameters: ["a": 1]), Job(parameters: ["a": 2])])
        let first = try learner.ask(2).points
        learner.removeUnfinished()     // as a runner does after a failure
        #expect(try learner.ask(2).points == first)
        for i in first { try learner.tell(i, learner.sequence[i].parameters["a"]!) }
        #expect(try learner.result() == [1, 2])
        #expect(throws: AdaptiveError.self) { try learner.tell(2, 0) }
    }

    @Test func exactlyTenPoints() throws {
        let learner = SequenceLearner<Int, Int>(Array(10..<30))
        try runSimple(learner, goal: Goal([.npoints(10)])) { learner.sequence[$0] }
        #expect(learner.npoints == 10)
        #expect(learner.data.first?.value == 10)
    }
}
