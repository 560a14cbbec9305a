import Foundation
import Testing

@testable import Adaptive

/// The sphere of WORKLOADS.md W4: `x + z² + exp(-(x² + y² + z² - 0.75²)² / 0.4⁴)`.
func sphere(_ p: [Double]) -> Double {
    let (x, y, z) = (p[0], p[1], p[2])
    return x + z * z + exp(-pow(x * x + y * y + z * z - 0.75 * 0.75, 2) / pow(0.4, 4))
}

/// A number of a python trace: a float, or "inf" / "-inf" / "nan".
struct TraceNumber: Decodable {
    var value: Double
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let d = try? c.decode(Double.self) {
            value = d
            return
        }
        let s = try c.decode(String.self)
        value = s == "inf" ? .infinity : (s == "-inf" ? -.infinity : .nan)
    }
}

private struct TraceND: Decodable {
    var final_loss: Double
    var npoints: Int
    var points: [[TraceNumber]]
}

@Suite("LearnerND trace")
struct LearnerNDTraceTests {
    private func trace() throws -> TraceND {
        let url = try #require(
            Bundle.module.url(forResource: "trace-learnernd-100", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(TraceND.self, from: Data(contentsOf: url))
    }

    /// W4's learner against python-adaptive 1.5.2 (pure-Python triangulation): all 100
    /// points bit for bit, loss improvements to 1e-12 (NumPy's LU rounds differently in
    /// the last bits), the final loss likewise.
    ///
    /// Where divergence would start: python's first 3-D triangulation comes from Qhull
    /// (four coplanar corners + one) and its Bowyer–Watson test counts points within a
    /// relative 1e-8 of a circumsphere as inside, where ours is exact. Both agree on the
    /// cube (the same six tetrahedra around the main diagonal) and, for this function, on
    /// every co-spherical tie of the first 100 points: dyadic coordinates make ties exact.
    @Test func w4TraceMatchesPythonAdaptive() throws {
        let trace = try trace()
        let learner = try LearnerND(bounds: [(-1, 1), (-1, 1), (-1, 1)])
        for (i, row) in trace.points.enumerated() {
            let (points, improvements) = try learner.ask(1)
            let p = points[0]
            #expect(p == [row[0].value, row[1].value, row[2].value], "point \(i)")
            let e = row[4].value
            #expect(
                e.isInfinite ? improvements[0] == e : abs(improvements[0] - e) <= 1e-12 * e,
                "improvement \(i): \(improvements[0]) != \(e)")
            #expect(sphere(p) == row[3].value)
            try learner.tell(p, sphere(p))
        }
        #expect(abs(learner.loss() - trace.final_loss) <= 1e-12 * trace.final_loss)
    }
}
