import Adaptive
import AdaptiveLua
import Foundation
import LuaKit

/// W7 of the peer's WORKLOADS.md: a BalancingLearner of ten `Learner1D(peak(·, o_i))` with
/// the default strategy, until `loss() <= 0.01` and until 5000 points in total; through the
/// core with a Swift closure and through Lua (`runner.simple` with Lua functions), beside
/// python-adaptive. The per-child point counts must equal python-adaptive's.
///
/// Besides wall time, each side's CPU time of the learning thread is reported: on a busy
/// machine a run of a few milliseconds is often descheduled, one of half a second always
/// is, so wall-time ratios then say more about the machine than about the code.
enum BalancingBench {
    static let name = "W7"
    static let workload = RegisteredWorkload(
        name: name, summary: "BalancingLearner of ten Learner1D peaks", run: { peer, reps in try run(reps: reps, peer: peer) })

    /// `random.Random(0).uniform(-1, 1)` ten times.
    static let offsets = [
        0.6888437030500962, 0.515908805880605, -0.15885683833831, -0.4821664994140733, 0.02254944273721704,
        -0.19013172509917142, 0.5675971780695452, -0.3933745478421451, -0.04680609169528838, 0.1667640789100624,
    ]

    struct Case {
        let label: String
        /// python's argument: "loss" or "N5000".
        let peerCase: String
        let lossGoal: Double?
        let totalPoints: Int?
    }

    static let cases = [
        Case(label: "W7-loss", peerCase: "loss", lossGoal: 0.01, totalPoints: nil),
        Case(label: "W7-N5000", peerCase: "N5000", lossGoal: nil, totalPoints: 5000),
    ]

    struct Run {
        var seconds: Double
        var cpuSeconds: Double
        var perChild: [Int]
        var total: Int { perChild.reduce(0, +) }
    }

    /// The core, in runner.simple's loop (goal checked before each ask).
    static func runCore(_ c: Case) throws -> Run {
        let learner = try BalancingLearner(offsets.map { _ in try Learner1D(bounds: (-1, 1)) })
        func done() -> Bool {
            if let goal = c.lossGoal { return learner.loss() <= goal }
            return learner.npoints >= c.totalPoints!
        }
        let start = DispatchTime.now().uptimeNanoseconds, cpuStart = threadCPUTime()
        while !done() {
            let (points, _) = try learner.ask(1)
            for p in points { try learner.tell(p, .scalar(Workload.peak(p.point, offsets[p.child]))) }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Run(seconds: seconds, cpuSeconds: threadCPUTime() - cpuStart, perChild: learner.learners.map(\.npoints))
    }

    /// The Lua API: ten Lua closures, `adaptive.BalancingLearner`, `runner.simple`.
    static func runLua(_ c: Case) throws -> Run {
        let kernel = Kernel()
        try kernel.execute("""
            local offsets = {\(offsets.map { "\($0)" }.joined(separator: ", "))}
            local function peak(x, offset) local a = 0.01 return x + a^2 / (a^2 + (x - offset)^2) end
            local learners = {}
            for i, o in ipairs(offsets) do learners[i] = adaptive.Learner1D(function(x) return peak(x, o) end, {-1, 1}) end
            learner = adaptive.BalancingLearner(learners)
            """, chunkName: "=bench")
        let goal = c.lossGoal.map { "{loss_goal = \($0)}" } ?? "{goal = function(l) return l.npoints >= \(c.totalPoints!) end}"
        let start = DispatchTime.now().uptimeNanoseconds, cpuStart = threadCPUTime()
        try kernel.execute("adaptive.runner.simple(learner, \(goal))", chunkName: "=bench")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpuSeconds = threadCPUTime() - cpuStart
        let counts = try kernel.execute("local n = {} for i, l in ipairs(learner.learners) do n[i] = l.npoints end return n",
                                        chunkName: "=bench")
        guard case .array(let items)? = counts.first else { throw BenchError("W7: no per-child counts") }
        return Run(seconds: seconds, cpuSeconds: cpuSeconds, perChild: items.map { Int($0.double ?? -1) })
    }

    /// Runs every case `reps` times per variant and prints a row each; returns the JSON rows.
    static func run(reps: Int, peer: PythonPeer?) throws -> [[String: Any]] {
        print("\n\(name): BalancingLearner of ten Learner1D (peer's W7); per-child counts checked against python-adaptive's")
        var rows: [[String: Any]] = []
        for c in cases {
            let reference = peer?.runBalancing(c.peerCase, reps: reps)
            for variant in ["core", "lua"] {
                var runs: [Run] = []
                // One run first, untimed: the allocator's pages are then faulted in.
                for _ in 0...reps { runs.append(variant == "core" ? try runCore(c) : try runLua(c)) }
                runs.removeFirst()
                let median = runs.sorted { $0.seconds < $1.seconds }[reps / 2]
                let cpu = runs.map(\.cpuSeconds).sorted()[reps / 2] / Double(median.total) * 1e6
                let us = median.seconds / Double(median.total) * 1e6
                let same = reference.map { $0.per_child == median.perChild }
                let head = c.label.padding(toLength: 10, withPad: " ", startingAt: 0) + variant.padding(toLength: 5, withPad: " ", startingAt: 0)
                var line = "  " + head + String(format: "%6d points  wall %7.3f us/pt  cpu %7.3f us/pt", median.total, us, cpu)
                if let reference {
                    line += String(format: "  python wall %6.1f cpu %6.1f us/pt  ratio wall %4.0fx cpu %4.0fx", reference.us_per_point,
                                   reference.cpu_us_per_point, reference.us_per_point / us, reference.cpu_us_per_point / cpu)
                }
                print(line + (same.map { $0 ? "  same points per child" : "  DIFFERENT points per child \(median.perChild)" } ?? ""))
                var row: [String: Any] = ["workload": c.label, "n": median.total, "variant": variant, "us_per_point": us,
                                          "cpu_us_per_point": cpu, "per_child": median.perChild]
                row["python_us_per_point"] = reference?.us_per_point ?? NSNull()
                row["python_cpu_us_per_point"] = reference?.cpu_us_per_point ?? NSNull()
                row["ratio"] = reference.map { $0.us_per_point / us } ?? NSNull()
                row["cpu_ratio"] = reference.map { $0.cpu_us_per_point / cpu } ?? NSNull()
                row["same_per_child"] = same ?? NSNull()
                rows.append(row)
            }
        }
        return rows
    }
}

extension PythonPeer {
    struct BalancingResult: Decodable {
        let n: Int
        let us_per_point: Double
        let cpu_us_per_point: Double
        let per_child: [Int]
    }

    /// python-adaptive on one W7 case ("loss" or "N5000").
    func runBalancing(_ peerCase: String, reps: Int) -> BalancingResult? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [driver, "W7", peerCase, "--reps", String(reps)]
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return try? JSONDecoder().decode(BalancingResult.self, from: data)
    }
}

/// Seconds of CPU the calling thread has used.
func threadCPUTime() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
