import Foundation
import Testing

@testable import Adaptive

/// The ring of WORKLOADS.md W3: `x + exp(-(x² + y² - 0.75²)² / 0.2⁴)`.
func ring(_ p: SIMD2<Double>) -> Double {
    p.x + exp(-pow(p.x * p.x + p.y * p.y - 0.75 * 0.75, 2) / pow(0.2, 4))
}

private struct Trace2D: Decodable {
    struct Number: Decodable {
        var value: Double
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let d = try? c.decode(Double.self) { value = d; return }
            let s = try c.decode(String.self)
            value = s == "inf" ? .infinity : (s == "-inf" ? -.infinity : .nan)
        }
    }
    var final_loss: Double
    var npoints: Int
    var points: [[Number]]
}

@Suite("Learner2D trace")
struct Learner2DTraceTests {
    private func trace() throws -> Trace2D {
        let url = try #require(
            Bundle.module.url(forResource: "trace-learner2d-100", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Trace2D.self, from: Data(contentsOf: url))
    }

    /// The corners and the first splits agree with python-adaptive 1.5.2 (W3's learner):
    /// points bit for bit up to the rounding of the centroid sum (whose vertex order
    /// is Qhull's), improvements to 1e-9 relative.
    @Test func firstPointsMatchPythonAdaptive() throws {
        let trace = try trace()
        let learner = try Learner2D(bounds: ((-1, 1), (-1, 1)))
        let exact = 12
        for (i, row) in trace.points.prefix(exact).enumerated() {
            let (points, improvements) = try learner.ask(1)
            let p = points[0]
            let expected = SIMD2(row[0].value, row[1].value)
            #expect(abs(p.x - expected.x) <= 1e-15 && abs(p.y - expected.y) <= 1e-15, "point \(i): \(p) != \(expected)")
            let e = row[3].value
            #expect(
                e.isInfinite ? improvements[0] == e : abs(improvements[0] - e) <= 1e-9 * e,
                "improvement \(i): \(improvements[0]) != \(e)")
            try learner.tell(p, ring(p))
        }
        let corners = trace.points.prefix(6).map { SIMD2($0[0].value, $0[1].value) }
        #expect(learner.data.prefix(6).map(\.point) == corners)
        // Points 13-16 are the same four edge midpoints, in another order, with
        // improvements 0.1% apart: (±1/3, ±1/3) lie on one circle, and Qhull splits
        // that square along the other diagonal.
        var next: [SIMD2<Double>] = []
        for _ in 0..<4 {
            let (points, improvements) = try learner.ask(1)
            #expect(abs(improvements[0] - trace.points[12][3].value) < 2e-3 * improvements[0])
            next.append(points[0])
            try learner.tell(points[0], ring(points[0]))
        }
        #expect(Set(next) == Set(trace.points[12..<16].map { SIMD2($0[0].value, $0[1].value) }))
    }

    /// The rest of the first 100 points as properties: inside the bounds, distinct,
    /// and a final loss no larger than twice python-adaptive's (0.0778).
    @Test func hundredPointsBehaveLikePythonAdaptive() throws {
        let trace = try trace()
        let learner = try Learner2D(bounds: ((-1, 1), (-1, 1)))
        try runSimple(learner, goal: Goal([.npoints(100)])) { .scalar(ring($0)) }
        let points = learner.data.map(\.point)
        #expect(points.count == 100)
        #expect(Set(points).count == 100)
        #expect(points.allSatisfy { abs($0.x) <= 1 && abs($0.y) <= 1 })
        let loss = learner.loss()
        #expect(loss > 0 && loss < 2 * trace.final_loss, "loss \(loss) vs \(trace.final_loss)")
    }
}
