import Foundation
import Testing

@testable import Adaptive

/// LearnerND with python's `anisotropic=True` (Fixtures/learnernd-anisotropic-cases.json,
/// made by `scripts/learnernd-reference.py --anisotropic`).
@Suite("LearnerND anisotropic")
struct LearnerNDAnisotropicTests {
    static let cases: [String: LearnerNDPythonCasesTests.Case] = {
        guard let url = Bundle.module.url(forResource: "learnernd-anisotropic-cases", withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url)
        else { return [:] }
        return (try? JSONDecoder().decode([String: LearnerNDPythonCasesTests.Case].self, from: data)) ?? [:]
    }()

    static func setup(_ name: String) throws -> (LearnerND, ([Double]) -> Double) {
        switch name {
        case "ring": (try LearnerND(bounds: LearnerNDPythonCasesTests.square, anisotropic: true), LearnerNDPythonCasesTests.ring)
        case "sphere": (try LearnerND(bounds: LearnerNDPythonCasesTests.cube, anisotropic: true), sphere)
        default: throw AdaptiveError("no setup for \(name)")
        }
    }

    /// python's points to rounding (its gradient fit is an SVD, ours the centred normal
    /// equations), every one of them: the stretch decides between centroid and longest
    /// edge, and which edge, as python's does.
    @Test(arguments: cases.keys.sorted())
    func sameSequenceAsPythonAdaptive(name: String) throws {
        let reference = try #require(Self.cases[name])
        let (learner, f) = try Self.setup(name)
        for (i, row) in reference.rows.enumerated() {
            let p = try #require(try learner.ask(1).points.first)
            let expected = row.map(\.value).prefix(p.count)
            try #require(zip(p, expected).allSatisfy { abs($0 - $1) <= 1e-9 }, "\(name): point \(i) is \(p), python asked \(expected)")
            try learner.tell(p, f(p))
        }
        #expect(abs(learner.loss() - reference.loss) <= 1e-9 * reference.loss)
    }

    /// The stretch changes the points: not the isotropic learner's sequence.
    @Test func theStretchMatters() throws {
        let plain = try LearnerND(bounds: LearnerNDPythonCasesTests.square)
        let stretched = try LearnerND(bounds: LearnerNDPythonCasesTests.square, anisotropic: true)
        for learner in [plain, stretched] {
            try runSimple(learner, goal: Goal([.npoints(100)])) { .scalar(LearnerNDPythonCasesTests.ring($0)) }
        }
        #expect(plain.data.map(\.point) != stretched.data.map(\.point))
    }

    /// python's test_anisotropic_3d: the sphere to 1000 points, the simplices' volumes
    /// summing to the cube's (8) all along (checked every 20 points).
    @Test func volumeIsConservedIn3D() throws {
        let learner = try LearnerND(bounds: LearnerNDPythonCasesTests.cube, anisotropic: true)
        for step in 1...1000 {
            for p in try learner.ask(1).points { try learner.tell(p, sphere(p)) }
            guard step % 20 == 0 else { continue }
            let volume = learner.core.withLock { $0.tri.totalVolume } * 8
            try #require(abs(volume - 8) < 1e-11)
        }
        #expect(learner.npoints == 1000)
    }

    /// On a box of unequal widths (where python's learner stops with "Point lies outside
    /// of the specified simplex") every point is new and inside the bounds.
    @Test func unequalWidthsWork() throws {
        let learner = try LearnerND(bounds: [(-3, 3), (-0.5, 0.5)], anisotropic: true)
        var seen = Set<[Double]>()
        for _ in 0..<300 {
            for p in try learner.ask(1).points {
                #expect(seen.insert(p).inserted)
                #expect(abs(p[0]) <= 3 && abs(p[1]) <= 0.5)
                try learner.tell(p, LearnerNDPythonCasesTests.ring([p[0] / 3, p[1] * 2]))
            }
        }
        #expect(learner.npoints == 300)
    }

    @Test func vectorOutputsAreAnError() throws {
        let learner = try LearnerND(bounds: LearnerNDPythonCasesTests.square, anisotropic: true)
        for p in try learner.ask(4).points { try learner.tell(p, vector: [p[0], p[1]]) }
        #expect(throws: AdaptiveError("LearnerND: anisotropic = true works only for a function with one output, this one has 2")) {
            try learner.ask(1)
        }
    }
}
