import ArgumentParser
import Foundation

/// `adaptive bench`: the peer workloads through the core and through Lua, beside
/// python-adaptive in the same run. scripts/bench prepares Python and calls this.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark against python-adaptive (see scripts/bench).")

    @Option(help: "Comma-separated workloads to run (W1,W2,W3,W4,W5,W6,W7,W8,P1,R1,R2); all when absent.")
    var only: String?

    @Option(help: "Write the rows as a JSON list to this file.")
    var json: String?

    @Option(help: "The Python with adaptive 1.5.2 installed; without it only our side runs.")
    var python: String?

    @Option(help: "The Python driver.")
    var driver = "bench/python_adaptive.py"

    @Option(help: "Repetitions per case (the median is reported).")
    var reps = 3

    func run() throws {
        let wanted = only.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }) }
        let workloads = Workload.all.filter { wanted?.contains($0.name) ?? true }
        let others = RegisteredWorkload.all.filter { wanted?.contains($0.name) ?? true }
        let plots = wanted?.contains(PlotBench.name) ?? true
        let runnerCases = RunnerBench.cases.filter { wanted?.contains($0.name) ?? true }
        if let wanted, workloads.count + others.count + (plots ? 1 : 0) + runnerCases.count != wanted.count {
            let names = Workload.all.map(\.name) + RegisteredWorkload.all.map(\.name) + [PlotBench.name] + RunnerBench.cases.map(\.name)
            throw ValidationError("unknown workload in --only \(only!); the workloads are \(names.joined(separator: ", "))")
        }
        let peer = python.map { PythonPeer(python: $0, driver: driver) }
        var rows: [BenchRow] = []
        print(BenchRow.header)
        for workload in workloads {
            for n in workload.sizes {
                let reference = peer?.run(workload.name, n, reps: reps)
                for variant in ["core", "lua"] {
                    var runs: [Workload.Run] = []
                    for _ in 0..<reps {
                        runs.append(variant == "core" ? try workload.runCore(n) : try workload.runLua(n))
                    }
                    let median = runs.sorted { $0.seconds < $1.seconds }[reps / 2]
                    let quality = workload.vector ? nil : interpolationError(median.samples)
                    let row = BenchRow(
                        workload: workload.name, n: median.samples.count, variant: variant,
                        usPerPoint: median.seconds / Double(median.samples.count) * 1e6,
                        pythonUsPerPoint: reference?.us_per_point,
                        bytesPerPoint: Double(median.bytes) / Double(median.samples.count),
                        pythonBytesPerPoint: reference.map { Double($0.rss_growth_bytes) / Double($0.n) },
                        maxError: quality?.max, meanError: quality?.mean,
                        pythonMaxError: reference?.max_error, pythonMeanError: reference?.mean_error)
                    print(row.line)
                    rows.append(row)
                }
            }
        }
        var json = rows.map(\.json)
        for workload in others { json += try workload.run(peer, reps) }
        if plots {
            print("\n\(PlotBench.name): Learner1D figure of \(PlotBench.points) points (line and markers)")
            for result in try PlotBench.run(reps: reps) {
                print("  to \(result.format.uppercased()): \(String(format: "%.3f", result.seconds)) s, \(result.bytes / 1024) KiB")
                json.append(["workload": PlotBench.name, "n": PlotBench.points, "variant": result.format,
                             "seconds": result.seconds, "bytes": result.bytes])
            }
        }
        if !runnerCases.isEmpty {
            print("\nRunner overhead: a Lua function busy-waiting, Runner on threads(2); python-adaptive's Runner on its default executor")
            for c in runnerCases {
                let ours = try RunnerBench.run(c)
                let theirs = peer?.runRunner(c)
                let line = String(format: "  %@ (%g ms, %d points): ours %.1f%% of ideal (overhead() %.1f%%)", c.name, c.delay * 1000, c.points, ours.efficiency * 100, ours.overhead)
                    + (theirs.map { String(format: "; python %.1f%% of ideal (overhead() %.1f%%, %d workers)", $0.efficiency * 100, $0.overhead_percent, $0.workers) } ?? "")
                print(line)
                var row: [String: Any] = ["workload": c.name, "n": c.points, "variant": "lua-threads", "efficiency": ours.efficiency,
                                          "overhead_percent": ours.overhead, "seconds": ours.seconds]
                row["python_efficiency"] = theirs?.efficiency ?? NSNull()
                row["python_overhead_percent"] = theirs?.overhead_percent ?? NSNull()
                json.append(row)
            }
        }
        if let jsonPath = self.json {
            let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
            try data.write(to: URL(fileURLWithPath: jsonPath), options: .atomic)
        }
    }
}

/// A workload in a file of its own: it runs all its cases (beside python-adaptive when
/// `peer` is given), prints a table line per row and returns the rows as JSON.
struct RegisteredWorkload: Sendable {
    let name: String
    let summary: String
    let run: @Sendable (_ peer: PythonPeer?, _ reps: Int) throws -> [[String: Any]]

    /// One line per workload file.
    static let all: [RegisteredWorkload] = [
        Learner2DBench.workload,
        LearnerNDBench.workload,
        BalancingBench.workload,
        W5Bench.workload,
        W6Bench.workload,
    ]
}

/// One line of the benchmark table and of its JSON.
struct BenchRow {
    var workload: String
    var n: Int
    var variant: String
    var usPerPoint: Double
    var pythonUsPerPoint: Double?
    var bytesPerPoint: Double
    var pythonBytesPerPoint: Double?
    var maxError: Double?
    var meanError: Double?
    var pythonMaxError: Double?
    var pythonMeanError: Double?
    /// python-adaptive with its Rust triangulation (W4 only).
    var rustUsPerPoint: Double?

    var ratio: Double? { pythonUsPerPoint.map { $0 / usPerPoint } }

    static let header = [
        pad("case", 10), pad("variant", 7), pad("us/pt", 9), pad("python", 9), pad("ratio", 8),
        pad("B/pt", 7), pad("max err", 10), pad("py max err", 10), pad("mean err", 10), pad("py mean", 10),
    ].joined(separator: " ")

    var line: String {
        func f(_ x: Double?, _ format: String) -> String { x.map { String(format: format, $0) } ?? "n/a" }
        return [
            Self.pad("\(workload)-N\(n)", 10), Self.pad(variant, 7), Self.pad(f(usPerPoint, "%.3f"), 9),
            Self.pad(f(pythonUsPerPoint, "%.1f"), 9), Self.pad(f(ratio, "%.0fx"), 8),
            Self.pad(f(bytesPerPoint, "%.0f"), 7), Self.pad(f(maxError, "%.3g"), 10),
            Self.pad(f(pythonMaxError, "%.3g"), 10), Self.pad(f(meanError, "%.3g"), 10), Self.pad(f(pythonMeanError, "%.3g"), 10),
        ].joined(separator: " ")
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    var json: [String: Any] {
        var row: [String: Any] = [
            "workload": workload, "n": n, "variant": variant, "us_per_point": usPerPoint,
            "bytes_per_point": bytesPerPoint,
        ]
        row["python_us_per_point"] = pythonUsPerPoint ?? NSNull()
        row["ratio"] = ratio ?? NSNull()
        row["max_error"] = maxError ?? NSNull()
        row["mean_error"] = meanError ?? NSNull()
        row["python_max_error"] = pythonMaxError ?? NSNull()
        row["python_mean_error"] = pythonMeanError ?? NSNull()
        row["python_bytes_per_point"] = pythonBytesPerPoint ?? NSNull()
        if let rustUsPerPoint {
            row["rust_us_per_point"] = rustUsPerPoint
            row["rust_ratio"] = rustUsPerPoint / usPerPoint
        }
        return row
    }
}
