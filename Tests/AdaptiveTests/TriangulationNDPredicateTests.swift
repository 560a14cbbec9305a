import Foundation
import Testing

@testable import Adaptive

/// The allocation-free predicate paths of TriangulationND against the exact arithmetic.
@Suite("TriangulationND predicates")
struct TriangulationNDPredicateTests {
    /// Lattice matrices (many singular ones) and random ones: the fixed-point sign is the
    /// exact sign whenever it answers.
    @Test func fixedPointSignsAreExact() {
        var rng = SeededGenerator(seed: 9)
        var answered = 0
        for trial in 0..<3000 {
            let n = trial % 2 == 0 ? 3 : 2
            let ticks: [Double] = [-1, -0.5, 0, 0.25, 0.5, 1, 0.125, 3]
            var m = (0..<(n * n)).map { _ in ticks[Int.random(in: 0..<ticks.count, using: &rng)] }
            if trial % 5 == 0 { m = m.map { $0 * Double.random(in: 0.5...2, using: &rng) } }
            if trial % 7 == 0 { for k in 0..<n { m[(n - 1) * n + k] = m[k] + m[n + k] } }  // singular
            let exact = ExactArithmetic.orientationSign(
                [Double](repeating: 0, count: n), (0..<n).map { i in Array(m[(i * n)..<((i + 1) * n)]) })
            let fast = m.withUnsafeBufferPointer { Predicates.fixedPointSign($0.baseAddress!, n) }
            if let fast {
                answered += 1
                #expect(fast == exact, "\(m)")
            }
        }
        #expect(answered > 2000)
    }

    /// The triangulation's own orientation and in-sphere tests agree with the array ones.
    @Test func slotPredicatesAgreeWithThePredicates() throws {
        var rng = SeededGenerator(seed: 4)
        for d in [2, 3, 4] {
            var tri = try TriangulationND(dimension: d)
            for _ in 0..<60 {
                try tri.insert((0..<d).map { _ in Double(Int.random(in: -4...4, using: &rng)) / 4 + Double.random(in: 0...1e-9, using: &rng) })
            }
            for s in tri.simplexIDs {
                for _ in 0..<5 {
                    let p = (0..<d).map { _ in Double(Int.random(in: -4...4, using: &rng)) / 4 }
                    #expect(tri.inSphere(s, p) == Predicates.inSphere(tri.rows(s, with: p), p))
                    for i in 0..<(d + 1) {
                        #expect(tri.orientation(s, replacing: i, with: p) == Predicates.orientation(tri.rows(s, replacing: i, with: p)))
                    }
                }
            }
        }
    }
}
