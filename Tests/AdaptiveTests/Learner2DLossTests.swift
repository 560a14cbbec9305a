import Foundation
import Testing

@testable import Adaptive

/// The built-in losses as functions of one triangle: custom losses built on them
/// choose exactly the points the built-ins choose.
@Suite("Learner2D losses")
struct Learner2DLossTests {
    static let square = ((-1.0, 1.0), (-1.0, 1.0))

    @Test(arguments: [
        Loss2D.default, .uniform, .minimizeTriangleSurface, .resolution(minDistance: 0.01, maxDistance: 0.3),
        .thresholded(lower: -0.5, upper: 1.2, priorityFactor: 0.2),
    ])
    func builtInsCalledOnATriangleAreTheBuiltIns(loss: Loss2D) throws {
        let builtIn = try Learner2D(bounds: Self.square, loss: loss)
        let composed = try Learner2D(bounds: Self.square, loss: .custom { try loss($0) })
        for learner in [builtIn, composed] {
            try runSimple(learner, goal: Goal([.npoints(300)])) { .scalar(ring($0)) }
        }
        #expect(builtIn.data.map(\.point) == composed.data.map(\.point))
        #expect(builtIn.loss() == composed.loss())
    }

    @Test func deviationsPerComponentSumToTheDeviation() throws {
        let box = TriangleBox()
        let learner = try Learner2D(bounds: Self.square, loss: .custom { t in
            box.check(t)
            return try Loss2D.default(t)
        })
        try runSimple(learner, goal: Goal([.npoints(120)])) { p in .vector([ring(p), p.x * p.y, 0]) }
        #expect(box.count > 100)
        #expect(box.mismatches == 0)
        #expect(box.sawCurvedComponent)
    }

    @Test func formulasOnAHandMadeTriangle() throws {
        let t = Learner2D.Triangle(
            vertices: [SIMD2(0, 0), SIMD2(0.5, 0), SIMD2(0, 0.5)], values: [0, 2, 4], vdim: 1, valueScale: 4,
            area: 0.125, deviation: 0.2, deviations: [0.2])
        #expect(try Loss2D.default(t) == 0.2 * 0.125.squareRoot() + 0.3 * 0.125)
        #expect(try Loss2D.uniform(t) == 0.125.squareRoot())
        // Lifted triangle (0,0,0), (0.5,0,0.5), (0,0.5,1): |(0.5,0,0.5) x (0,0.5,1)| / 2.
        // The cross product is (-0.25, -0.5, 0.25).
        let lifted: Double = (0.0625 + 0.25 + 0.0625).squareRoot() / 2
        #expect(abs(try Loss2D.minimizeTriangleSurface(t) - lifted) < 1e-15)
        #expect(try Loss2D.resolution(minDistance: 0.4)(t) == 0)
        #expect(try Loss2D.resolution(maxDistance: 0.3)(t) == .infinity)
        #expect(try Loss2D.thresholded(lower: 5)(t) == 0.1 * (try Loss2D.default(t)))
        #expect(try Loss2D.thresholded(upper: 1)(t) == (try Loss2D.default(t)))
    }
}

/// Collects what a custom loss saw, from the learner's thread.
private final class TriangleBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var count = 0
    private(set) var mismatches = 0
    private(set) var sawCurvedComponent = false

    func check(_ t: Learner2D.Triangle) {
        lock.withLock {
            count += 1
            if t.deviations.count != 3 || abs(t.deviations.reduce(0, +) - t.deviation) > 1e-12 * max(1, t.deviation)
                || t.deviations[2] != 0
            {
                mismatches += 1
            }
            if t.deviations[0] > 0 { sawCurvedComponent = true }
        }
    }
}
