import Adaptive
import AdaptiveLua
import Foundation
import LuaKit

/// W3 of WORKLOADS.md: `Learner2D(ring, [(-1, 1), (-1, 1)])`, default loss, one point per
/// ask, stopped at N points; through the core with a Swift closure and through Lua with a
/// Lua function. Quality: the learner's piecewise-linear interpolant on the 501 × 501 grid
/// `linspace(-1, 1, 501)`, compared with `ring` (python: scipy's LinearNDInterpolator on
/// the same points). python-adaptive runs at the N of WORKLOADS.md.
enum Learner2DBench {
    static let workload = RegisteredWorkload(
        name: "W3", summary: "Learner2D, ring on (-1, 1)², default loss", run: { peer, reps in try run(peer: peer, reps: reps).map(\.json) })
    static let sizes = [1000, 4000, 10000, 40000]
    static let pythonSizes: Set<Int> = [1000, 4000, 10000]

    static func ring(_ x: Double, _ y: Double) -> Double {
        x + exp(-pow(x * x + y * y - 0.75 * 0.75, 2) / pow(0.2, 4))
    }

    struct Run {
        var seconds: Double
        var bytes: Int
        var learner: Learner2D
    }

    static func run(peer: PythonPeer?, reps: Int) throws -> [BenchRow] {
        var rows: [BenchRow] = []
        for n in sizes {
            let reference = pythonSizes.contains(n) ? peer?.run("W3", n, reps: reps) : nil
            for variant in ["core", "lua"] {
                var runs: [Run] = []
                for _ in 0..<reps { runs.append(variant == "core" ? try runCore(n) : try runLua(n)) }
                let median = runs.sorted { $0.seconds < $1.seconds }[reps / 2]
                let quality = interpolationError(median.learner)
                let row = BenchRow(
                    workload: "W3", n: median.learner.npoints, variant: variant,
                    usPerPoint: median.seconds / Double(n) * 1e6, pythonUsPerPoint: reference?.us_per_point,
                    bytesPerPoint: Double(median.bytes) / Double(n),
                    pythonBytesPerPoint: reference.map { Double($0.rss_growth_bytes) / Double($0.n) },
                    maxError: quality.max, meanError: quality.mean,
                    pythonMaxError: reference?.max_error, pythonMeanError: reference?.mean_error)
                print(row.line)
                rows.append(row)
            }
        }
        return rows
    }

    /// The core with a Swift closure; the loop of `runner.simple`.
    static func runCore(_ n: Int) throws -> Run {
        let before = allocatedBytes()
        let learner = try Learner2D(bounds: ((-1, 1), (-1, 1)))
        let start = DispatchTime.now().uptimeNanoseconds
        while learner.npoints < n {
            let (points, _) = try learner.ask(1)
            for p in points { try learner.tell(p, ring(p.x, p.y)) }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Run(seconds: seconds, bytes: allocatedBytes() - before, learner: learner)
    }

    /// The Lua API with the function written in Lua, `adaptive.runner.simple`, in a fresh kernel.
    static func runLua(_ n: Int) throws -> Run {
        let kernel = Kernel()
        try kernel.execute(
            "function ring(x, y) local a = 0.2; return x + math.exp(-(x^2 + y^2 - 0.75^2)^2 / a^4) end",
            chunkName: "=bench")
        let before = allocatedBytes()
        try kernel.execute("learner = adaptive.Learner2D(ring, {{-1, 1}, {-1, 1}})", chunkName: "=bench")
        let start = DispatchTime.now().uptimeNanoseconds
        try kernel.execute("adaptive.runner.simple(learner, {npoints_goal = \(n)})", chunkName: "=bench")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        kernel.lua.collectGarbage()
        let bytes = allocatedBytes() - before
        guard let learner = kernel.learner2D(kernel.lua.global("learner")) else {
            throw BenchError("the Lua learner disappeared")
        }
        return Run(seconds: seconds, bytes: bytes, learner: learner)
    }

    /// Max and mean of |interpolant - ring| on the 501 × 501 grid over the square.
    static func interpolationError(_ learner: Learner2D) -> (max: Double, mean: Double) {
        let grid = learner.interpolatedOnGrid(n: 501)
        var worst = 0.0, total = 0.0, count = 0
        for (i, x) in grid.xs.enumerated() {
            for (j, y) in grid.ys.enumerated() {
                let z = grid.values[i * grid.ys.count + j]
                guard z.isFinite else { continue }
                let e = abs(z - ring(x, y))
                worst = max(worst, e)
                total += e
                count += 1
            }
        }
        return (worst, total / Double(max(count, 1)))
    }
}
