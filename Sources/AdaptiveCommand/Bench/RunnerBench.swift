import AdaptiveLua
import Foundation
import LuaKit

/// R1 and R2: runner overhead, python-adaptive's way: a Lua function that busy-waits 1 ms
/// (R1) or 0.1 ms (R2), learned by a Runner on threads(2). Efficiency is the fraction of
/// ideal throughput, npoints · delay / workers / wall time; `overhead()` is the runner's
/// own figure (python-adaptive's definition).
enum RunnerBench {
    struct Case {
        let name: String
        let delay: Double
        let points: Int
    }

    static let cases = [Case(name: "R1", delay: 0.001, points: 2000), Case(name: "R2", delay: 0.0001, points: 5000)]

    struct Result {
        var seconds: Double
        var efficiency: Double
        var overhead: Double
    }

    static func run(_ c: Case, workers: Int = 2) throws -> Result {
        let kernel = Kernel()
        try kernel.execute("""
            function busy(x)
              local stop = adaptive.time() + \(c.delay)
              while adaptive.time() < stop do end
              return x
            end
            learner = adaptive.Learner1D(busy, {-1, 1})
            """, chunkName: "=bench")
        let start = DispatchTime.now().uptimeNanoseconds
        let values = try kernel.execute("""
            local r = adaptive.Runner(learner, {npoints_goal = \(c.points), executor = adaptive.executors.threads(\(workers))})
            r:block_until_done()
            return learner.npoints, r:overhead()
            """, chunkName: "=bench")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let n = values[0].double ?? 0
        return Result(seconds: seconds, efficiency: n * c.delay / Double(workers) / seconds, overhead: values[1].double ?? .nan)
    }
}

extension PythonPeer {
    struct RunnerResult: Decodable {
        let n: Int
        let seconds: Double
        let workers: Int
        let efficiency: Double
        let overhead_percent: Double
    }

    /// python-adaptive's BlockingRunner on its default executor, same function and points.
    func runRunner(_ c: RunnerBench.Case) -> RunnerResult? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [driver, "runner", String(c.delay), String(c.points)]
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return try? JSONDecoder().decode(RunnerResult.self, from: data)
    }
}
