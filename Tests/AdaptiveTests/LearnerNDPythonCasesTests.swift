import Foundation
import Testing

@testable import Adaptive

/// python-adaptive 1.5.2's LearnerND on several functions, losses, bounds and batch
/// sizes (Fixtures/learnernd-python-cases.json, made by scripts/learnernd-reference.py).
@Suite("LearnerND against python-adaptive")
struct LearnerNDPythonCasesTests {
    struct Case: Decodable {
        var batch: Int
        var rows: [[TraceNumber]]
        var loss: Double
        var simplices: Int
    }

    static let cases: [String: Case] = {
        guard let url = Bundle.module.url(forResource: "learnernd-python-cases", withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url)
        else { return [:] }
        return (try? JSONDecoder().decode([String: Case].self, from: data)) ?? [:]
    }()

    static func ring(_ p: [Double]) -> Double { p[0] + exp(-pow(p[0] * p[0] + p[1] * p[1] - 0.5625, 2) / pow(0.2, 4)) }

    static let square: [(Double, Double)] = [(-1, 1), (-1, 1)]
    static let cube: [(Double, Double)] = [(-1, 1), (-1, 1), (-1, 1)]

    /// The learner and function of each case, as scripts/learnernd-reference.py makes them.
    static func setup(_ name: String) throws -> (LearnerND, ([Double]) -> [Double]) {
        switch name {
        case "ring default": (try LearnerND(bounds: square), { [ring($0)] })
        case "ring uniform": (try LearnerND(bounds: square, loss: .uniform), { [ring($0)] })
        case "ring std": (try LearnerND(bounds: square, loss: .std), { [ring($0)] })
        case "ring curvature": (try LearnerND(bounds: square, loss: .curvature()), { [ring($0)] })
        case "ring vector": (try LearnerND(bounds: square), { [ring($0), $0[1] * $0[1]] })
        case "ring stretched": (try LearnerND(bounds: [(-3, 3), (-0.5, 0.5)]), { [ring([$0[0] / 3, $0[1] * 2])] })
        case "ring batches of 10", "ring batches of 7": (try LearnerND(bounds: square), { [ring($0)] })
        case "ring in a hull": (try LearnerND(hull: [[0, 0], [2, 0], [0, 1], [1.5, 1.2], [0.5, 0.5]]), { [ring($0)] })
        case "sphere default", "sphere batches of 5": (try LearnerND(bounds: cube), { [sphere($0)] })
        case "sphere curvature": (try LearnerND(bounds: cube, loss: .curvature()), { [sphere($0)] })
        default: throw AdaptiveError("no setup for \(name)")
        }
    }

    /// Every point bit for bit, every loss improvement and the final loss to 1e-13
    /// (they agree bit for bit with NumPy's OpenBLAS on x86-64; 1e-13 leaves room for
    /// another libm), and the same number of simplices.
    @Test(arguments: cases.keys.sorted())
    func sameSequenceAsPythonAdaptive(name: String) throws {
        let reference = try #require(Self.cases[name])
        let (learner, f) = try Self.setup(name)
        var i = 0
        while i < reference.rows.count {
            let (points, improvements) = try learner.ask(reference.batch)
            for (p, improvement) in zip(points, improvements) {
                let row = reference.rows[i].map(\.value)
                try #require(p == Array(row.prefix(p.count)), "\(name): point \(i) is \(p), python asked \(row.prefix(p.count))")
                let e = row[p.count]
                #expect(e.isInfinite ? improvement == e : abs(improvement - e) <= 1e-13 * e, "\(name): improvement \(i)")
                i += 1
            }
            for p in points { try learner.tell(p, vector: f(p)) }
        }
        #expect(abs(learner.loss() - reference.loss) <= 1e-13 * reference.loss)
        #expect(learner.simplices.count == reference.simplices)
        #expect(learner.validate().isEmpty)
    }

    @Test func allCasesAreThere() {
        #expect(Self.cases.count == 12)
    }
}
