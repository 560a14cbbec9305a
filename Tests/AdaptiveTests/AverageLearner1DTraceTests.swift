import Foundation
import Testing

@testable import Adaptive

// AverageLearner1D against python-adaptive 1.5.2, point for point: three traces made
// by Fixtures/make-average1d-traces.py (default settings, batches of 3, tuned settings).

/// The noisy peak of the traces: python's tutorial function with noise from Python's
/// `random.Random`, keyed by the seed and x (see the generator script).
func noisyPeak(_ seed: Int, _ x: Double, sigma: Double) -> Double {
    let w = 0.05
    let y = pow(x, 3) - x + 3 * pow(w, 2) / (pow(w, 2) + pow(x + 0.5, 2))
    let key = seed * 1_000_003 + Int((x + 2) * 1_073_741_824.0)
    var rng = PythonRandom(seed: key)
    return y + sigma * rng.gauss(0, 1)
}

struct Average1DTrace: Decodable {
    struct Options: Decodable {
        var delta: Double?
        var min_samples: Int?
        var max_samples: Int?
        var min_error: Double?
        var neighbor_sampling: Double?
    }
    var sigma: Double
    var per_ask: Int
    var options: Options
    var points: [[Number]]
    var npoints: Int
    var nsamples: Int
    var means: [[Double]]
    var errors: [[Number]]

    /// A number or python's "inf".
    struct Number: Decodable {
        var value: Double
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) {
                guard s == "inf" else { throw DecodingError.dataCorruptedError(in: c, debugDescription: s) }
                value = .infinity
            } else {
                value = try c.decode(Double.self)
            }
        }
    }

    static func load(_ name: String) throws -> Average1DTrace {
        let url = try #require(Bundle.module.url(forResource: "trace-average1d-\(name)", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Average1DTrace.self, from: Data(contentsOf: url))
    }

    func learner() throws -> AverageLearner1D {
        var s = AverageLearner1D.Settings()
        if let v = options.delta { s.delta = v }
        if let v = options.min_samples { s.minSamples = v }
        if let v = options.max_samples { s.maxSamples = v }
        if let v = options.min_error { s.minError = v }
        if let v = options.neighbor_sampling { s.neighborSampling = v }
        return try AverageLearner1D(bounds: (-2, 2), settings: s)
    }
}

@Suite struct AverageLearner1DTraceTests {
    static func close(_ a: Double, _ b: Double, _ rtol: Double) -> Bool {
        a == b || abs(a - b) <= rtol * max(abs(a), abs(b))
    }

    @Test(arguments: ["default", "batch", "peak", "tuned"])
    func samePointsAsPythonAdaptive(_ name: String) throws {
        let trace = try Average1DTrace.load(name)
        let learner = try trace.learner()
        var row = 0
        while learner.nsamples < trace.nsamples {
            let (points, improvements) = try learner.ask(trace.per_ask)
            for (p, improvement) in zip(points, improvements) {
                let expected = trace.points[row].map(\.value)
                try #require(p.seed == Int(expected[0]) && p.x == expected[1],
                             "row \(row): asked \(p), python asked (\(Int(expected[0])), \(expected[1]))")
                #expect(Self.close(improvement, expected[2], 1e-12), "row \(row): improvement \(improvement) vs \(expected[2])")
                try learner.tell(p, noisyPeak(p.seed, p.x, sigma: trace.sigma))
                #expect(Self.close(learner.loss(), expected[3], 1e-12), "row \(row): loss \(learner.loss()) vs \(expected[3])")
                row += 1
            }
        }
        #expect(row == trace.points.count)
        #expect(learner.npoints == trace.npoints)
        let means = learner.data
        #expect(means.map(\.x) == trace.means.map { $0[0] })
        for (m, r) in zip(means, trace.means) { #expect(Self.close(m.mean, r[1], 1e-13), "mean at \(m.x)") }
        // Errors use our Student t quantile (scipy's to ~1e-14).
        for (s, r) in zip(learner.statistics, trace.errors) {
            #expect(Self.close(s.error, r[1].value, 1e-11), "error at \(s.x): \(s.error) vs \(r[1].value)")
        }
    }

    @Test func appendixA6() throws {
        // min_samples 5, ask(3): (0..2, −1), (3..5, −1), (0..2, 1), (3..5, 1), (0..2, 0) … (spec A.6,
        // on (−1, 1) with its own function: the order of the first points does not depend on f).
        let learner = try AverageLearner1D(bounds: (-1, 1), minSamples: 5)
        var asked: [[AverageLearner1D.Point]] = []
        for _ in 0..<5 {
            let (points, _) = try learner.ask(3)
            asked.append(points)
            for p in points { try learner.tell(p, p.x * p.x + 0.1 * noisyPeak(p.seed, 0, sigma: 1)) }
        }
        let P = AverageLearner1D.Point.init
        #expect(asked == [[P(0, -1), P(1, -1), P(2, -1)], [P(3, -1), P(4, -1), P(5, -1)],
                          [P(0, 1), P(1, 1), P(2, 1)], [P(3, 1), P(4, 1), P(5, 1)], [P(0, 0), P(1, 0), P(2, 0)]])
    }
}
