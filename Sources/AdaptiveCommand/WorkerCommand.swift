import AdaptiveLua
import ArgumentParser

/// `adaptive worker`: a worker process of `executors.processes(n)`; speaks the worker
/// protocol on standard input and output. Not for people.
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate points for a runner (started by executors.processes).",
        shouldDisplay: false)

    func run() throws {
        let status = WorkerProcess.run()
        if status != 0 { throw ExitCode(status) }
    }
}
