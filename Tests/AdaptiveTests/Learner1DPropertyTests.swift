import Foundation
import Testing

@testable import Adaptive

// python-adaptive's own Learner1D tests (spec §6.2), ported.

@Suite("Learner1D behaviour (spec 6.2)")
struct Learner1DPropertyTests {
    static func keys(_ intervals: [Learner1D.IntervalLoss]) -> [[Double]] {
        intervals.map { [$0.left, $0.right] }
    }

    @Test func pendingLossIntervals() throws {
        let learner = try Learner1D(bounds: (0, 4))
        for x in [0.0, 1, 2] { try learner.tell(x, 0) }
        #expect(Self.keys(learner.intervals(real: false)) == [[0, 1], [1, 2]])
        _ = try learner.ask(1)
        #expect(Self.keys(learner.intervals(real: false)) == [[0, 1], [1, 2], [2, 4]])
        try learner.tell(3.5, 0)
        #expect(Self.keys(learner.intervals(real: false)) == [[0, 1], [1, 2], [2, 3.5], [3.5, 4]])
    }

    @Test func lossInterpolationForUnaskedPoint() throws {
        let learner = try Learner1D(bounds: (0, 4))
        for x in [0.0, 1, 2] { try learner.tell(x, 0) }
        let (points, improvements) = try learner.ask(1)
        #expect(points == [4] && improvements == [.infinity])
        #expect(learner.intervals(real: true).map(\.loss) == [0.25, 0.25])
        #expect(learner.intervals(real: false).map(\.loss) == [0.25, 0.25, .infinity])
        _ = try learner.ask(1)
        #expect(Self.keys(learner.intervals(real: false)) == [[0, 1], [1, 2], [2, 3], [3, 4]])
        #expect(learner.intervals(real: false).map(\.loss) == [0.25, 0.25, .infinity, .infinity])
        try learner.tell(4, 0)
        #expect(learner.intervals(real: false).map(\.loss) == [0.25, 0.25, 0.25, 0.25])
        #expect(learner.invariantViolations() == [])
    }

    @Test func firstIteration() throws {
        var learner = try Learner1D(bounds: (-1, 1))
        #expect(Set(try learner.ask(2).points) == [-1, 1])
        learner = try Learner1D(bounds: (-1, 1))
        #expect(try learner.ask(3).points == [-1, 0, 1])
        learner = try Learner1D(bounds: (-1, 1))
        let first = try learner.ask(1).points
        #expect(first == [-1])
        #expect(Set(try learner.ask(2).points) == Set([-1.0, 0, 1]).subtracting(first))
        learner = try Learner1D(bounds: (-1, 1))
        #expect(try learner.ask(1).points == [-1])
        #expect(try learner.ask(1).points == [1])
        #expect(try learner.ask(1).points == [0])  // spec 1.5: then the middle
        learner = try Learner1D(bounds: (-1, 1))
        try learner.tell(1, 0)
        #expect(try learner.ask(1).points == [-1])
        learner = try Learner1D(bounds: (-1, 1))
        try learner.tell(-1, 0)
        #expect(try learner.ask(1).points == [1])
    }

    @Test func lossInterpolation() throws {
        var rng = SeededGenerator(seed: 7)
        let learner = try Learner1D(bounds: (-1, 1))
        try learner.tell(-1, 0)
        try learner.tell(1, 0)
        for _ in 0..<100 {
            let x = Double.random(in: -1...1, using: &rng)
            if Double.random(in: 0..<1, using: &rng) < 0.9 { try learner.tellPending(x) } else { try learner.tell(x, 0) }
        }
        for interval in learner.intervals(real: false) {
            #expect(abs((interval.right - interval.left) / 2 - interval.loss) < 1e-15)
        }
        #expect(learner.invariantViolations() == [])
    }

    static func runOnDiscontinuity(_ x0: Double, _ bounds: (Double, Double)) throws -> Learner1D {
        let learner = try Learner1D(bounds: bounds)
        while learner.loss() > 0.1 {
            let x = try learner.ask(1).points[0]
            try learner.tell(x, x < x0 ? -1 : 1)
        }
        return learner
    }

    @Test func terminationOnDiscontinuities() throws {
        let eps = Double.ulpOfOne
        for (x0, bounds, smallest) in [(0.0, (-1.0, 1.0), eps), (1, (-2, 2), eps), (500, (-1e3, 1e3), 0.5e3 * eps)] {
            let learner = try Self.runOnDiscontinuity(x0, bounds)
            let gaps = learner.intervals().map { $0.right - $0.left }
            #expect(gaps.min()! >= smallest)
        }
    }

    @Test func orderAddingPoints() throws {
        let learner = try Learner1D(bounds: (0, 1))
        try learner.tellMany([1, 0, 0.5], [0, 0, 0])
        #expect(learner.intervals(real: true) == [.init(left: 0, right: 0.5, loss: 0.5), .init(left: 0.5, right: 1, loss: 0.5)])
        #expect(learner.intervals(real: false) == learner.intervals(real: true))
        _ = try learner.ask(1)
    }

    @Test func addingExistingPointPassesSilently() throws {
        let learner = try Learner1D(bounds: (0, 4))
        for x in [0.0, 1, 2] { try learner.tell(x, 0) }
        try learner.tell(1, 100)
        #expect(learner.data.values == [0, 0, 0])
    }

    @Test func lossAtMachinePrecisionIntervalIsZero() throws {
        let learner = try Learner1D(bounds: (-1, 1))
        while !(learner.loss() < 0.01 || learner.npoints >= 1000) {
            let x = try learner.ask(1).points[0]
            try learner.tell(x, x == 0 ? 1 : 0)
        }
        #expect(learner.npoints != 1000)
    }

    @Test func smallDeviations() throws {
        var rng = SeededGenerator(seed: 3)
        func f(_ x: Double) -> Double { x <= 1 ? 0 : 1 + pow(10, -Double(Int.random(in: 12...14, using: &rng))) }
        let eps = 5e-14
        let learner = try Learner1D(bounds: (1 - eps, 1 + eps))
        var stash: [Double] = []
        for _ in 0..<100 {
            var xs = try learner.ask(10).points
            xs.shuffle(using: &rng)
            for _ in 0..<5 { stash.append(xs.removeLast()) }
            for x in xs { try learner.tell(x, f(x)) }
            stash.shuffle(using: &rng)
            for _ in 0..<5 {
                let x = stash.removeLast()
                try learner.tell(x, f(x))
            }
            if learner.loss() == 0 { break }
        }
        #expect(learner.invariantViolations() == [])
    }

    @Test func uniformSampling1Dv2() throws {
        func check(_ known: [Double], _ expected: Set<Double>) throws {
            let learner = try Learner1D(bounds: (-1, 1))
            for x in known { try learner.tell(x, x) }
            #expect(Set(try learner.ask(expected.count).points) == expected, "known \(known)")
        }
        try check([-1, 0, 1], [-0.5, 0.5])
        try check([-1, -0.5, 1], [0, 0.5])
        try check([-1, 0.5, 1], [-0.5, 0])
        try check([-1, 0], [1])
        try check([-1, 0], [-0.5, 1])
        try check([-1, -0.5], [-0.75, 1])
        try check([-1, -0.5], [-0.75, 0.25, 1])
    }

    @Test func addDataUnordered() throws {
        let learner = try Learner1D(bounds: (-1, 1))
        for x in [-1.0, 1, 0] { try learner.tell(x, x) }
        #expect(try learner.ask(3).points.count == 3)
    }

    @Test func askDoesNotReturnKnownPointsWhenReturningBounds() throws {
        let learner = try Learner1D(bounds: (-1, 1))
        try learner.tell(0, 0)
        #expect(!(try learner.ask(3).points.contains(0)))
    }

    @Test(arguments: [Loss1D.curvature(), .triangle])
    func curvatureLoss(_ loss: Loss1D) throws {
        #expect(loss.nthNeighbors == 1)
        let scalar = try Learner1D(bounds: (-1, 1), loss: loss)
        _ = try L1D.run(scalar, 100) { tanh(20 * $0) }
        #expect(scalar.npoints >= 100)
        let vector = try Learner1D(bounds: (-1, 1), loss: loss)
        for _ in 0..<100 {
            let x = try vector.ask(1).points[0]
            try vector.tell(x, vector: [tanh(20 * x), tanh(20 * (x - 0.4))])
        }
        #expect(vector.npoints >= 100 && vector.vdim == 2)
        #expect(scalar.invariantViolations() == [] && vector.invariantViolations() == [])
    }

    @Test func nanLoss() throws {
        var rng = SeededGenerator(seed: 11)
        let learner = try Learner1D(bounds: (-1, 1))
        _ = try L1D.run(learner, 100) { Double.random(in: 0..<1, using: &rng) < 0.2 ? .nan : L1D.peak($0) }
        #expect(learner.npoints == 100)
        #expect(learner.invariantViolations() == [])
    }

    /// `test_inf_loss_with_missing_bounds`: a two-worker runner whose bound
    /// evaluations are slow must not stop before the bounds are in.
    @Test func infLossWithMissingBounds() throws {
        func flatMiddle(_ x: Double) -> Double {
            let x = x * 1e7
            if x < 0.1 { return x / 0.1 }
            if x > 0.9 { return (1 - x) / 0.1 }
            return 1
        }
        let learner = try Learner1D(bounds: (0, 1e-7), loss: .curvature())
        var running: [(x: Double, done: Int)] = []
        var clock = 0
        while true {
            running.sort { $0.done < $1.done }
            while let first = running.first, first.done <= clock {
                try learner.tell(first.x, flatMiddle(first.x))
                running.removeFirst()
            }
            if learner.loss() <= 0.01 { break }
            for x in try learner.ask(2 - running.count).points {
                let slow = x * 1e7 < 0.1 || x * 1e7 > 0.9
                running.append((x, clock + (slow ? 100 : 1)))
            }
            clock += 1
            #expect(clock < 100_000)
        }
        #expect(learner.npoints >= 5)
    }
}
