import Adaptive
import AdaptiveLua
import Foundation
import LuaKit

/// W5: AverageLearner(g, rtol = 0.01) until loss <= 2 and <= 1, g(n) =
/// random.Random(n).gauss(0.5, 1) (9840 and 41696 points in python-adaptive).
///
/// python's g costs about 5 us a call, half of its time, so its learner overhead (total
/// minus g on the same seeds) is what the learner itself costs. Our variants:
/// - `core`: the core with g read from a table of the values (only the learner's cost),
///   against python's learner overhead;
/// - `core+g`: the core computing g with our port of Python's generator, against
///   python's total;
/// - `lua`: the Lua API, `runner.simple` with g a Lua function reading the table,
///   against python's learner overhead (our time includes calling the Lua function).
enum W5Bench {
    static let goals: [(name: String, loss: Double)] = [("W5-loss2", 2), ("W5-loss1", 1)]

    /// g(0), g(1), … computed once (more than the 41696 seeds W5 needs).
    static let table: [Double] = (0..<45_000).map { PythonRandom.gauss(seed: $0, mu: 0.5, sigma: 1) }

    static let workload = RegisteredWorkload(
        name: "W5", summary: "AverageLearner(g, rtol = 0.01) until loss <= 2 and <= 1", run: { peer, reps in try LearnerCase.report(cases, peer: peer, reps: reps) })

    static var cases: [LearnerCase] {
        goals.map { goal in
            LearnerCase(name: goal.name, summary: "AverageLearner, rtol 0.01, loss <= \(goal.loss)", variants: [
                .init(name: "core", comparedWith: .overhead) { try core(goal.loss) { table[$0] } },
                .init(name: "core+g", comparedWith: .total) { try core(goal.loss) { PythonRandom.gauss(seed: $0, mu: 0.5, sigma: 1) } },
                .init(name: "lua", comparedWith: .overhead) { try lua(goal.loss) },
            ])
        }
    }

    /// runner.simple's loop (`runSimple`'s): the goal checked before every ask of one point.
    static func core(_ goal: Double, _ g: (Int) -> Double) throws -> LearnerCase.Run {
        _ = table.count   // computed before the clock starts
        let learner = try AverageLearner(rtol: 0.01)
        let start = DispatchTime.now().uptimeNanoseconds
        while !(learner.loss() <= goal) {
            guard let (seed, _) = learner.askOne() else { break }
            try learner.tell(seed, g(seed))
        }
        let seconds = LearnerCase.seconds(since: start)
        return .init(seconds: seconds, npoints: learner.npoints,
                     detail: String(format: "loss %.6f, mean %.6f", learner.loss(), learner.mean))
    }

    static func lua(_ goal: Double) throws -> LearnerCase.Run {
        let kernel = Kernel()
        try kernel.execute("""
            local G = ...
            learner = adaptive.AverageLearner(function(n) return G[n + 1] end, {rtol = 0.01})
            """, chunkName: "=bench", arguments: [.array(table.map { .number($0) })])
        let start = DispatchTime.now().uptimeNanoseconds
        try kernel.execute("adaptive.runner.simple(learner, {loss_goal = \(goal)})", chunkName: "=bench")
        let seconds = LearnerCase.seconds(since: start)
        let values = try kernel.execute("return learner.npoints, learner:loss(), learner.mean", chunkName: "=bench")
        return .init(seconds: seconds, npoints: Int(values[0].double ?? 0),
                     detail: String(format: "loss %.6f, mean %.6f", values[1].double ?? .nan, values[2].double ?? .nan))
    }
}
