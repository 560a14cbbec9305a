import Adaptive
import Foundation
import LuaKit
import Synchronization

/// Evaluates a Lua function in `adaptive worker` subprocesses, one per worker thread,
/// talking over pipes (`WorkerProtocol`). A crash, `os.exit` or a hang in the function
/// cannot take the caller down: a worker that dies fails its point (the runner retries
/// or reports it) and is started anew for the next one; `shutdown` kills them all.
final class ProcessEvaluator<Point: Sendable, Value: Sendable>: Evaluator {
    let workers: Int
    private let pool: ThreadPoolEvaluator<Point, Value>
    private let processes: ProcessRegistry

    convenience init(
        workers: Int, function: PortableFunction,
        arguments: @escaping @Sendable (Point) -> [Double],
        value: @escaping @Sendable ([Double]) throws -> Value
    ) throws {
        try self.init(workers: workers, function: function) { connection, point in
            let id = EvaluationID.next()
            switch try connection.evaluate(id: id, arguments(point)) {
            case .success(let numbers):
                do { return try value(numbers) } catch { throw EvaluationFailure(error) }
            case .failure(let failure): throw failure
            }
        }
    }

    /// Workers whose processes load `function`; `evaluate` evaluates a point through a
    /// worker thread's connection.
    init(
        workers: Int, function: PortableFunction,
        evaluate: @escaping @Sendable (WorkerConnection, Point) throws -> Value
    ) throws {
        let executable = try WorkerExecutable.path()
        let firstLine = try WorkerProtocol.encode(function) + "\n"
        signal(SIGPIPE, SIG_IGN)   // a dead worker's pipe gives EPIPE, not a signal
        let processes = ProcessRegistry()
        self.processes = processes
        self.workers = workers
        pool = ThreadPoolEvaluator(workers: workers, name: "adaptive.process-worker", makeWorker: { _ in
            let connection = WorkerConnection(executable: executable, firstLine: firstLine, registry: processes)
            return { point in try evaluate(connection, point) }
        })
    }

    func submit(_ point: Point, id: Int, completion: @escaping @Sendable (EvaluationOutcome<Value>) -> Void) {
        pool.submit(point, id: id, completion: completion)
    }

    func cancel(ids: [Int]) { pool.cancel(ids: ids) }

    func shutdown() {
        pool.shutdown()
        processes.terminateAll()
    }

    deinit { shutdown() }
}

/// The `adaptive` executable that runs workers: this program when it is `adaptive`, else
/// an `adaptive` beside it (tests run from a test bundle next to it), or
/// `$ADAPTIVE_EXECUTABLE`.
enum WorkerExecutable {
    static func path() throws -> String {
        if let path = ProcessInfo.processInfo.environment["ADAPTIVE_EXECUTABLE"] { return path }
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let url = URL(fileURLWithPath: me)
        if url.lastPathComponent == "adaptive" { return url.path }
        var directory = url.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("adaptive").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw LuaCallError("executors.processes: cannot find the adaptive executable to start workers; set ADAPTIVE_EXECUTABLE")
    }
}

/// Every live worker process, so that `shutdown` can kill them (a hung one included).
final class ProcessRegistry: Sendable {
    private let processes = Mutex<[ObjectIdentifier: Process]>([:])
    private let closed = Atomic(false)

    /// Records a process; false (and the process is killed) after `terminateAll`.
    func add(_ process: Process) -> Bool {
        processes.withLock { $0[ObjectIdentifier(process)] = process }
        if closed.load(ordering: .acquiring) { process.terminate(); return false }
        return true
    }

    func remove(_ process: Process) { processes.withLock { $0[ObjectIdentifier(process)] = nil } }

    func terminateAll() {
        closed.store(true, ordering: .releasing)
        for process in processes.withLock({ Array($0.values) }) where process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
    }
}

/// One worker thread's process: started on first use and again after it dies.
final class WorkerConnection {
    let executable: String
    let firstLine: String
    let registry: ProcessRegistry
    private var process: Process?
    private var input: Int32 = -1
    private var reader: LineReader?

    init(executable: String, firstLine: String, registry: ProcessRegistry) {
        self.executable = executable
        self.firstLine = firstLine
        self.registry = registry
    }

    deinit { stop() }

    func evaluate(id: Int, _ arguments: [Double]) throws -> Result<[Double], EvaluationFailure> {
        let what = "point \(arguments.count == 1 ? String(arguments[0]) : "\(arguments)")"
        return try exchange(WorkerProtocol.request(id: id, arguments), evaluating: what) {
            try WorkerProtocol.parseReply($0, id: id)
        }
    }

    /// Sends one request line (starting the process if needed) and reads the reply with
    /// `parse`; a worker that dies or answers nonsense fails the evaluation of `what`.
    func exchange<T>(
        _ request: String, evaluating what: String, parse: (String) throws -> Result<T, EvaluationFailure>
    ) throws -> Result<T, EvaluationFailure> {
        if process == nil { try start() }
        guard write(request), let line = reader?.nextLine() else {
            let status = finish()
            let message = "the worker process died (\(status)) while evaluating \(what)"
            return .failure(EvaluationFailure(message: message))
        }
        do { return try parse(line) } catch {
            _ = finish()
            return .failure(EvaluationFailure(message: "the worker process answered nonsense: \(error)"))
        }
    }

    private func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["worker"]
        let toWorker = Pipe(), fromWorker = Pipe()
        process.standardInput = toWorker
        process.standardOutput = fromWorker
        do { try process.run() } catch {
            throw EvaluationFailure(message: "cannot start a worker process (\(executable)): \(error)")
        }
        guard registry.add(process) else { throw EvaluationFailure(message: "the executor was shut down") }
        self.process = process
        input = toWorker.fileHandleForWriting.fileDescriptor
        reader = LineReader(fileDescriptor: fromWorker.fileHandleForReading.fileDescriptor, keep: fromWorker)
        inputPipe = toWorker
        guard write(firstLine) else { throw EvaluationFailure(message: "the worker process did not start (\(finish()))") }
    }
    private var inputPipe: Pipe?

    /// Writes all of `text` to the worker; false if its input is closed.
    private func write(_ text: String) -> Bool {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Foundation.write(input, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    /// Ends the current process; returns how it ended.
    @discardableResult
    private func finish() -> String {
        guard let process else { return "not started" }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        registry.remove(process)
        self.process = nil
        reader = nil
        inputPipe = nil
        switch process.terminationReason {
        case .uncaughtSignal: return "killed by signal \(process.terminationStatus)"
        default: return "exit status \(process.terminationStatus)"
        }
    }

    private func stop() { if process != nil { finish() } }
}

/// Lines from a file descriptor, read in blocks.
final class LineReader {
    let fd: Int32
    let keep: AnyObject
    private var buffer: [UInt8] = []

    init(fileDescriptor: Int32, keep: AnyObject) {
        fd = fileDescriptor
        self.keep = keep
    }

    /// The next line without its newline; nil at end of input.
    func nextLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            var block = [UInt8](repeating: 0, count: 4096)
            let n = block.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, 4096) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            buffer += block[..<n]
        }
    }
}
