import Adaptive
import AdaptiveLua
import Foundation
import LuaKit

/// WORKLOADS.md's W4: `LearnerND(sphere, bounds=[(-1, 1)]*3)`, default loss, the loop of
/// `runner.simple` to npoints >= N, through the core and through Lua; quality as the
/// linear interpolation error on the 61³ grid.
enum LearnerNDBench {
    static let workload = RegisteredWorkload(
        name: "W4", summary: "LearnerND, sphere on (-1, 1)³, default loss",
        run: { peer, reps in try rows(peer: peer, reps: reps) })
    static let name = "W4"
    static let sizes = [500, 2000, 5000]
    static let bounds: [(Double, Double)] = [(-1, 1), (-1, 1), (-1, 1)]

    static func sphere(_ p: [Double]) -> Double {
        let (x, y, z) = (p[0], p[1], p[2])
        let r = x * x + y * y + z * z - 0.75 * 0.75
        return x + z * z + exp(-(r * r) / (0.4 * 0.4 * 0.4 * 0.4))
    }

    struct Run {
        var seconds: Double
        /// CPU time of the learning thread (a busy machine deschedules it: wall time grows).
        var cpuSeconds: Double
        var bytes: Int
        var learner: LearnerND
    }

    static func runCore(_ n: Int) throws -> Run {
        let before = allocatedBytes()
        let learner = try LearnerND(bounds: bounds)
        let start = DispatchTime.now().uptimeNanoseconds, cpuStart = threadCPUTime()
        while learner.npoints < n {
            let (points, _) = try learner.ask(1)
            for p in points { try learner.tell(p, sphere(p)) }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Run(seconds: seconds, cpuSeconds: threadCPUTime() - cpuStart, bytes: allocatedBytes() - before, learner: learner)
    }

    static func runLua(_ n: Int) throws -> Run {
        let kernel = Kernel()
        try kernel.execute("""
            function sphere(x, y, z)
              local a = 0.4
              return x + z^2 + math.exp(-(x^2 + y^2 + z^2 - 0.75^2)^2 / a^4)
            end
            """, chunkName: "=bench")
        let before = allocatedBytes()
        try kernel.execute("learner = adaptive.LearnerND(sphere, {{-1, 1}, {-1, 1}, {-1, 1}})", chunkName: "=bench")
        let start = DispatchTime.now().uptimeNanoseconds, cpuStart = threadCPUTime()
        try kernel.execute("adaptive.runner.simple(learner, {npoints_goal = \(n)})", chunkName: "=bench")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpuSeconds = threadCPUTime() - cpuStart
        kernel.lua.collectGarbage()
        guard let learner = kernel.learnerND(kernel.lua.global("learner")) else {
            throw BenchError("the Lua learner disappeared")
        }
        return Run(seconds: seconds, cpuSeconds: cpuSeconds, bytes: allocatedBytes() - before, learner: learner)
    }

    /// Max and mean |interpolant - sphere| on linspace(-1, 1, 61)³ (WORKLOADS.md's 3D metric),
    /// with the learner's own triangulation (python uses a fresh Delaunay of the same
    /// points: the same simplices up to co-spherical ties).
    static func interpolationError(_ learner: LearnerND) -> (max: Double, mean: Double) {
        let ticks = (0..<61).map { -1 + 2 * Double($0) / 60 }
        var grid: [[Double]] = []
        grid.reserveCapacity(61 * 61 * 61)
        for x in ticks { for y in ticks { for z in ticks { grid.append([x, y, z]) } } }
        var maxError = 0.0, total = 0.0, count = 0
        for (p, value) in zip(grid, learner.interpolate(grid)) {
            guard let value else { continue }
            let error = abs(value[0] - sphere(p))
            maxError = max(maxError, error)
            total += error
            count += 1
        }
        return (maxError, total / Double(max(count, 1)))
    }
}

extension LearnerNDBench {
    /// The W4 rows: core and Lua beside python-adaptive's pure-Python and Rust backends, by
    /// wall time (the table) and by the learning thread's CPU time (printed after it).
    static func rows(peer: PythonPeer?, reps: Int) throws -> [[String: Any]] {
        var rows: [[String: Any]] = []
        for n in sizes {
            let python = peer?.run(name, n, reps: reps)
            let rust = peer?.run("W4rust", n, reps: reps)
            for variant in ["core", "lua"] {
                var runs: [Run] = []
                for _ in 0..<reps { runs.append(variant == "core" ? try runCore(n) : try runLua(n)) }
                let median = runs.sorted { $0.seconds < $1.seconds }[reps / 2]
                let cpu = runs.map(\.cpuSeconds).sorted()[reps / 2] / Double(median.learner.npoints) * 1e6
                let quality = interpolationError(median.learner)
                let count = median.learner.npoints
                var row = BenchRow(
                    workload: name, n: count, variant: variant, usPerPoint: median.seconds / Double(count) * 1e6,
                    pythonUsPerPoint: python?.us_per_point, bytesPerPoint: Double(median.bytes) / Double(count),
                    pythonBytesPerPoint: python.map { Double($0.rss_growth_bytes) / Double($0.n) },
                    maxError: quality.max, meanError: quality.mean,
                    pythonMaxError: python?.max_error, pythonMeanError: python?.mean_error)
                row.rustUsPerPoint = rust?.us_per_point
                var line = row.line + "\n" + String(repeating: " ", count: 19) + String(format: "cpu %.1f us/pt", cpu)
                if let p = python?.cpu_us_per_point { line += String(format: ", python %.0f (%.0fx)", p, p / cpu) }
                if let r = rust { line += String(format: ", rust backend wall %.0f (%.0fx)", r.us_per_point, r.us_per_point / row.usPerPoint) }
                if let r = rust?.cpu_us_per_point { line += String(format: " cpu %.0f (%.0fx)", r, r / cpu) }
                print(line)
                var json = row.json
                json["cpu_us_per_point"] = cpu
                json["python_cpu_us_per_point"] = python?.cpu_us_per_point ?? NSNull()
                json["rust_cpu_us_per_point"] = rust?.cpu_us_per_point ?? NSNull()
                rows.append(json)
            }
        }
        return rows
    }
}
