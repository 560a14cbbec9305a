import Foundation

/// python-adaptive, run on the same workload in a fresh process by bench/python_adaptive.py.
struct PythonPeer {
    let python: String
    let driver: String

    struct Result: Decodable {
        let n: Int
        let us_per_point: Double
        /// CPU time of the learning thread (nil from older drivers).
        let cpu_us_per_point: Double?
        let rss_growth_bytes: Int
        let max_error: Double?
        let mean_error: Double?
    }

    /// Runs one case; nil (with a note on stderr) when Python or adaptive is unavailable.
    func run(_ workload: String, _ n: Int, reps: Int) -> Result? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [driver, workload, String(n), "--reps", String(reps)]
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch {
            FileHandle.standardError.write(Data("bench: cannot run \(python): \(error)\n".utf8))
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            FileHandle.standardError.write(Data("bench: python-adaptive failed on \(workload) N=\(n)\n".utf8))
            return nil
        }
        return try? JSONDecoder().decode(Result.self, from: data)
    }
}
