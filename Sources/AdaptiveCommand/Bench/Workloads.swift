import Adaptive
import AdaptiveLua
import CBenchSupport
import Foundation
import LuaKit

/// The benchmark workloads of the peer's WORKLOADS.md that exist so far, each runnable
/// through the core with a Swift closure and through the Lua API with a Lua function.
struct Workload: Sendable {
    let name: String
    let sizes: [Int]
    let pointsPerAsk: Int
    let vector: Bool
    let summary: String

    static let all: [Workload] = [
        Workload(name: "W1", sizes: [1000, 10000, 50000], pointsPerAsk: 1, vector: false,
                 summary: "Learner1D, peak(x, 0.123) on (-1, 1), default loss"),
        Workload(name: "W2", sizes: [5000], pointsPerAsk: 1, vector: true,
                 summary: "Learner1D, vector output of 3 peaks"),
        Workload(name: "W8", sizes: [10000], pointsPerAsk: 10, vector: false,
                 summary: "Learner1D, peak, 10 points per ask"),
    ]

    static func peak(_ x: Double, _ offset: Double = 0.123) -> Double {
        let a2 = 0.01 * 0.01
        return x + a2 / (a2 + (x - offset) * (x - offset))
    }

    /// One timed run: seconds in the learning loop, bytes allocated that the learner keeps.
    struct Run {
        var seconds: Double
        var bytes: Int
        var samples: Learner1D.Samples
    }

    /// The core with a Swift closure; the loop of `runner.simple` (goal checked before each ask).
    func runCore(_ n: Int) throws -> Run {
        let before = allocatedBytes()
        let learner = try Learner1D(bounds: (-1, 1))
        let start = DispatchTime.now().uptimeNanoseconds
        while learner.npoints < n {
            let (xs, _) = try learner.ask(pointsPerAsk)
            for x in xs {
                if vector {
                    try learner.tell(x, vector: [Self.peak(x, -0.5), Self.peak(x, 0.1), Self.peak(x, 0.6)])
                } else {
                    try learner.tell(x, Self.peak(x))
                }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let bytes = allocatedBytes() - before
        return Run(seconds: seconds, bytes: bytes, samples: learner.data)
    }

    /// The Lua API with the function written in Lua, in a fresh kernel.
    func runLua(_ n: Int) throws -> Run {
        let kernel = Kernel()
        let function = vector
            ? "function f(x) return {peak(x, -0.5), peak(x, 0.1), peak(x, 0.6)} end"
            : "function f(x) return peak(x, 0.123) end"
        try kernel.execute("""
            function peak(x, offset) local a = 0.01 return x + a^2 / (a^2 + (x - offset)^2) end
            \(function)
            """, chunkName: "=bench")
        let before = allocatedBytes()
        try kernel.execute("learner = adaptive.Learner1D(f, {-1, 1})", chunkName: "=bench")
        let loop = pointsPerAsk == 1
            ? "adaptive.runner.simple(learner, {npoints_goal = \(n)})"
            : """
              while learner.npoints < \(n) do
                local xs = learner:ask(\(pointsPerAsk))
                for _, x in ipairs(xs) do learner:tell(x, f(x)) end
              end
              """
        let start = DispatchTime.now().uptimeNanoseconds
        try kernel.execute(loop, chunkName: "=bench")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        kernel.lua.collectGarbage()
        let bytes = allocatedBytes() - before
        guard let learner = kernel.learner1D(kernel.lua.global("learner")) else {
            throw BenchError("the Lua learner disappeared")
        }
        return Run(seconds: seconds, bytes: bytes, samples: learner.data)
    }
}

/// Bytes currently allocated with malloc (glibc's `mallinfo2`).
func allocatedBytes() -> Int { Int(cbench_allocated_bytes()) }

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Max and mean absolute error of the piecewise-linear interpolant of sorted samples
/// against `peak` on linspace(-1, 1, 100001), as WORKLOADS.md's 1D quality metric.
func interpolationError(_ samples: Learner1D.Samples) -> (max: Double, mean: Double) {
    let grid = 100_001
    var maxError = 0.0, total = 0.0
    var j = 0
    let xs = samples.xs, ys = samples.values
    for i in 0..<grid {
        let x = -1 + 2 * Double(i) / Double(grid - 1)
        while j + 2 < xs.count && xs[j + 1] < x { j += 1 }
        let t = (x - xs[j]) / (xs[j + 1] - xs[j])
        let y = x >= xs[j + 1] ? ys[j + 1] : ys[j] + t * (ys[j + 1] - ys[j])
        let error = abs(y - Workload.peak(x))
        maxError = max(maxError, error)
        total += error
    }
    return (maxError, total / Double(grid))
}
