import Foundation

/// Benchmark cases of learners other than Learner1D (W5, W6): each has variants (the
/// core with a Swift closure, the Lua API, …), every one compared with python-adaptive's
/// time for the same case, either its total time per point or its learner overhead
/// (total minus the time of the bare function on the same points, WORKLOADS.md's
/// `learner_overhead_s`).
struct LearnerCase {
    enum Comparison: String {
        /// python's wall time per point.
        case total
        /// python's wall time per point minus its function's time per point.
        case overhead
    }

    struct Variant {
        let name: String
        let comparedWith: Comparison
        let run: () throws -> Run
    }

    /// One timed run: seconds in the loop, points evaluated, and what to check.
    struct Run {
        var seconds: Double
        var npoints: Int
        var detail: String
    }

    let name: String
    let summary: String
    let variants: [Variant]

    /// The workload's name (`W5` for `W5-loss1`), for `--only`.
    var workload: String { String(name.prefix { $0 != "-" }) }

    /// Runs the cases beside python-adaptive, prints a table and returns JSON rows.
    static func report(_ cases: [LearnerCase], peer: PythonPeer?, reps: Int) throws -> [[String: Any]] {
        guard !cases.isEmpty else { return [] }
        print("\nW5/W6: points per second as us/pt; python's time is its total, or its learner overhead (total minus its function)")
        print([pad("case", 10), pad("variant", 8), pad("n", 6), pad("us/pt", 9), pad("python", 9), pad("vs", 8),
               pad("ratio", 7), "  checks"].joined(separator: " "))
        var rows: [[String: Any]] = []
        for c in cases {
            let reference = peer?.runLearnerCase(c.name, reps: reps)
            for variant in c.variants {
                var runs: [Run] = []
                for _ in 0..<reps { runs.append(try variant.run()) }
                let median = runs.sorted { $0.seconds < $1.seconds }[reps / 2]
                let us = median.seconds / Double(median.npoints) * 1e6
                let python = reference.map { r in
                    variant.comparedWith == .total ? r.us_per_point : r.us_per_point - r.function_us_per_point
                }
                let ratio = python.map { $0 / us }
                func f(_ x: Double?, _ format: String) -> String { x.map { String(format: format, $0) } ?? "n/a" }
                print([pad(c.name, 10), pad(variant.name, 8), pad("\(median.npoints)", 6), pad(f(us, "%.3f"), 9),
                       pad(f(python, "%.2f"), 9), pad(variant.comparedWith.rawValue, 8), pad(f(ratio, "%.0fx"), 7),
                       "  " + median.detail + (reference.map { $0.n == median.npoints ? "" : " (python: \($0.n) points)" } ?? "")]
                    .joined(separator: " "))
                var row: [String: Any] = ["workload": c.name, "variant": variant.name, "n": median.npoints, "us_per_point": us,
                                          "compared_with": variant.comparedWith.rawValue, "detail": median.detail]
                row["python_us_per_point"] = python ?? NSNull()
                row["ratio"] = ratio ?? NSNull()
                rows.append(row)
            }
        }
        return rows
    }

    static func pad(_ s: String, _ width: Int) -> String { BenchRow.pad(s, width) }

    /// Seconds since `start` (a `DispatchTime` in nanoseconds).
    static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

extension PythonPeer {
    struct LearnerResult: Decodable {
        let n: Int
        let us_per_point: Double
        let function_us_per_point: Double
    }

    /// python-adaptive on a W5/W6 case (bench/python_adaptive.py `learner NAME`).
    func runLearnerCase(_ name: String, reps: Int) -> LearnerResult? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [driver, "learner", name, "--reps", String(reps)]
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            FileHandle.standardError.write(Data("bench: python-adaptive failed on \(name)\n".utf8))
            return nil
        }
        return try? JSONDecoder().decode(LearnerResult.self, from: data)
    }
}
