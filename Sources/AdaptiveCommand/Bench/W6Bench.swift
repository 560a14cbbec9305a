import Adaptive
import AdaptiveLua
import Foundation
import LuaKit

/// W6: IntegratorLearner until done(): f24 = floor(exp(x)) on (0, 3) to 1e-8 (16149
/// points, igral 17.6643835377243 in python-adaptive), exp on (0, 1) to 1e-10 and sqrt on
/// (0, 1) to 1e-8. The two short ones time 51 and 11 fresh learners and take the median,
/// as the peer's harness does. The functions cost nothing next to the learner, so both
/// variants (`core`, a Swift closure; `lua`, runner.simple on a Lua function) are
/// compared with python's total time.
enum W6Bench {
    struct Integral {
        let name: String
        let bounds: (Double, Double)
        let tol: Double
        let inner: Int
        let exact: Double
        let swift: @Sendable (Double) -> Double
        let lua: String
    }

    static let integrals = [
        Integral(name: "W6-f24", bounds: (0, 3), tol: 1e-8, inner: 1, exact: 60 - (2...20).reduce(0.0) { $0 + log(Double($1)) },
                 swift: { floor(exp($0)) }, lua: "function(x) return math.floor(math.exp(x)) end"),
        Integral(name: "W6-exp", bounds: (0, 1), tol: 1e-10, inner: 51, exact: exp(1) - 1,
                 swift: { exp($0) }, lua: "math.exp"),
        Integral(name: "W6-sqrt", bounds: (0, 1), tol: 1e-8, inner: 11, exact: 2.0 / 3,
                 swift: { $0.squareRoot() }, lua: "math.sqrt"),
    ]

    static let workload = RegisteredWorkload(
        name: "W6", summary: "IntegratorLearner until done(): f24, exp, sqrt", run: { peer, reps in try LearnerCase.report(cases, peer: peer, reps: reps) })

    static var cases: [LearnerCase] {
        integrals.map { i in
            LearnerCase(name: i.name, summary: "IntegratorLearner until done()", variants: [
                .init(name: "core", comparedWith: .total) { try core(i) },
                .init(name: "lua", comparedWith: .total) { try lua(i) },
            ])
        }
    }

    static func detail(_ i: Integral, igral: Double, err: Double) -> String {
        String(format: "igral %.15g, |igral - exact| %.2e, err %.2e", igral, abs(igral - i.exact), err)
    }

    static func core(_ i: Integral) throws -> LearnerCase.Run {
        var times: [Double] = []
        var last: IntegratorLearner?
        for _ in 0..<i.inner {
            let learner = try IntegratorLearner(bounds: i.bounds, tol: i.tol)
            let start = DispatchTime.now().uptimeNanoseconds
            while !(learner.isDone ?? false) {   // runSimple's loop
                guard let (x, _) = try learner.askOne(tellPending: true) else { break }
                try learner.tell(x, i.swift(x))
            }
            times.append(LearnerCase.seconds(since: start))
            last = learner
        }
        let learner = last!
        return .init(seconds: times.sorted()[times.count / 2], npoints: learner.npoints,
                     detail: detail(i, igral: learner.igral, err: learner.err))
    }

    static func lua(_ i: Integral) throws -> LearnerCase.Run {
        let kernel = Kernel()
        try kernel.execute("f = \(i.lua)", chunkName: "=bench")
        var times: [Double] = []
        for _ in 0..<i.inner {
            try kernel.execute("learner = adaptive.IntegratorLearner(f, {\(i.bounds.0), \(i.bounds.1)}, {tol = \(i.tol)})",
                               chunkName: "=bench")
            let start = DispatchTime.now().uptimeNanoseconds
            try kernel.execute("adaptive.runner.simple(learner)", chunkName: "=bench")
            times.append(LearnerCase.seconds(since: start))
        }
        let values = try kernel.execute("return learner.npoints, learner.igral, learner.err", chunkName: "=bench")
        return .init(seconds: times.sorted()[times.count / 2], npoints: Int(values[0].double ?? 0),
                     detail: detail(i, igral: values[1].double ?? .nan, err: values[2].double ?? .nan))
    }
}
