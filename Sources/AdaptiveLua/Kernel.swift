import Adaptive
import Foundation
import LuaKit
import Plotting

/// The main Lua state of a session: what the user typed lives here, with the
/// `adaptive` module preloaded as a global (and `require "adaptive"` working).
///
/// Only one thread uses a kernel at a time (the shell's or the notebook's); runners
/// never need it. `print` and `io.write` go to `output`, which a notebook or a test
/// can redirect per execution with `capturingOutput`.
public final class Kernel: @unchecked Sendable {
    /// The Lua state. Front ends use it through the kernel's methods.
    public let lua: LuaState
    /// Where `print` and `io.write` write. Defaults to standard output.
    public var output: @Sendable (String) -> Void = Kernel.standardOutput
    /// Receives the figures passed to `adaptive.display(fig)` (a notebook collects them
    /// per cell). Without a handler they are dropped.
    public var onDisplay: ((Figure) -> Void)?
    /// The runners started in this session.
    public let jobs = JobList()
    /// Coroutines and main-executor evaluations (see `EventLoop`).
    let eventLoop = EventLoop()
    /// `adaptive._loop.evaluate(f, done, ...)`.
    private(set) var evaluateInLoop: LuaRef!
    private var loopTurn: LuaRef!

    /// Writes to standard output, unbuffered relative to Swift's `print`.
    public static let standardOutput: @Sendable (String) -> Void = { text in
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// `function(...)`: prints the values of an interactive chunk, if any (lua.c's `l_print`).
    private var showResults: LuaRef!

    public init() {
        lua = LuaState()
        lua.register("__adaptive_emit") { [unowned self] call in
            for i in stride(from: 1, through: call.count, by: 1) { self.output(try call.string(i)) }
            return 0
        }
        AdaptiveModule.install(in: lua)
        RunnersModule.install(in: lua, kernel: self)
        lua.sharedLibraryRoots = AdaptiveModule.workerLibraryRoots

        LuaFigure.install(in: lua, kernel: self)
        LuaRunner.install(in: lua, kernel: self)
        do {
            try eventLoop.install(in: lua)
            try lua.run(Kernel.runnerWaiting, chunkName: "=(kernel)")
        } catch { fatalError("the event loop failed to install: \(error)") }
        guard case .function(let evaluate) = lua.global("adaptive").field("_loop")?.field("evaluate") ?? .nil,
            case .function(let turn) = lua.global("adaptive").field("_loop")?.field("turn") ?? .nil
        else { fatalError("the event loop is incomplete") }
        evaluateInLoop = evaluate
        loopTurn = turn
        do { try lua.run(Kernel.prelude, chunkName: "=(kernel)") } catch {
            fatalError("the kernel prelude failed: \(error)")   // a bug in the prelude itself
        }
        showResults = lua.builtinFunction(Kernel.showResults, chunkName: "=(kernel)")
    }

    /// Replaces `print` and `io.write` so their text goes through `output`.
    static let prelude = """
        local emit = __adaptive_emit
        __adaptive_emit = nil
        local select, tostring, type, mtype, format = select, tostring, type, math.type, string.format
        function print(...)
          local n = select('#', ...)
          local parts = {}
          for i = 1, n do parts[i] = tostring((select(i, ...))) end
          emit(table.concat(parts, '\\t', 1, n) .. '\\n')
        end
        -- adaptive.runner.replay_log(learner, log): makes the calls of a runner's log.
        function adaptive.runner.replay_log(learner, log)
          for i, entry in ipairs(log) do
            if entry[1] == 'ask' then learner:ask(entry[2])
            elseif entry[1] == 'tell' then learner:tell(entry[2], entry[3])
            else error(format("replay_log: entry %d is not {'ask', n} or {'tell', x, y}", i), 2) end
          end
        end
        -- adaptive.runner.stop_after{seconds =, minutes =, hours =}: a goal that holds once the
        -- time has passed (a Lua function, so it travels to background runners).
        function adaptive.runner.stop_after(t)
          if type(t) ~= 'table' then
            error("adaptive.runner.stop_after: expected {seconds =, minutes =, hours =}, got " .. type(t), 2)
          end
          local seconds = (t.seconds or 0) + 60 * (t.minutes or 0) + 3600 * (t.hours or 0)
          local deadline = adaptive.time() + seconds
          return function(_) return adaptive.time() >= deadline end
        end
        local stdout = io.stdout
        function io.write(...)
          for i = 1, select('#', ...) do
            local v = select(i, ...)
            if type(v) == 'number' then
              v = mtype(v) == 'integer' and format('%d', v) or format('%.14g', v)
            elseif type(v) ~= 'string' then
              error(format("bad argument #%d to 'write' (string expected, got %s)", i, type(v)), 2)
            end
            emit(v)
          end
          return stdout
        end
        """

    // MARK: - Running code

    /// Runs `code` as a chunk named `chunkName` and returns its results.
    @discardableResult
    public func execute(_ code: String, chunkName: String, arguments: [LuaValue] = []) throws(LuaError) -> [LuaValue] {
        lua.clearInterrupt()
        defer { lua.clearInterrupt() }   // an interrupt keeps firing until cleared
        let chunk = try lua.load(code, chunkName: chunkName)
        return try chunk.call(arguments)
    }

    /// Runs a Lua file as `adaptive run` does: `arg` holds the script name at 0 and the
    /// arguments from 1; the chunk also receives the arguments as `...`.
    public func runFile(_ path: String, arguments: [String]) throws(KernelError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "No such file or directory" : isDirectory.boolValue ? "Is a directory" : "Permission denied"
            throw .cannotOpen(path: path, reason: reason)
        }
        var source = String(decoding: data, as: UTF8.self)
        if source.hasPrefix("#") {   // a shebang line, as lua.c skips it (keeping line numbers)
            source = "--" + source
        }
        lua.setGlobal("arg", .array(arguments.map { .string($0) }))
        _ = try? execute("arg[0] = ...", chunkName: "=(kernel)", arguments: [.string(path)])
        do {
            lua.clearInterrupt()
            defer { lua.clearInterrupt() }
            let chunk = try lua.load(source, chunkName: "@" + path)
            _ = try chunk.call(arguments.map { .string($0) })
        } catch {
            throw .lua(error)
        }
    }

    // MARK: - Interactive chunks

    /// What an interactive chunk turned out to be.
    public enum ChunkStatus: Equatable {
        /// It ran; `failed` when it raised an error (already reported through `report`).
        case ran(failed: Bool)
        /// More lines are needed (a syntax error at `<eof>`).
        case incomplete
    }

    /// Runs a chunk typed at a prompt, the way lua.c does: first tried as `return <chunk>;`
    /// so expressions print their values; an incomplete chunk asks for more lines.
    /// Results go to `consumer` (a Lua function; `print` when nil); errors go to `report`.
    public func runInteractive(_ chunk: String, chunkName: String = "=stdin", showing consumer: LuaRef? = nil,
                               report: (LuaError) -> Void) -> ChunkStatus {
        lua.clearInterrupt()
        defer { lua.clearInterrupt() }
        let function: LuaRef
        if let expression = try? lua.load("return " + chunk + ";", chunkName: chunkName) {
            function = expression
        } else {
            do { function = try lua.load(chunk, chunkName: chunkName) } catch {
                if error.isIncompleteChunk { return .incomplete }
                report(error)
                return .ran(failed: true)
            }
        }
        do {
            let consumer = consumer ?? showResults!
            try function.call(forwardingResultsTo: consumer)
            return .ran(failed: false)
        } catch {
            report(error)
            return .ran(failed: true)
        }
    }

    static let showResults = """
        return function(...)
          if select('#', ...) > 0 then print(...) end
        end
        """

    /// True when `chunk` is an unfinished statement (a syntax error at `<eof>`), so the
    /// shell should read another line.
    public func isIncomplete(_ chunk: String) -> Bool {
        if (try? lua.load("return " + chunk + ";", chunkName: "=stdin")) != nil { return false }
        do { _ = try lua.load(chunk, chunkName: "=stdin") } catch { return error.isIncompleteChunk }
        return false
    }

    /// The version of adaptive.
    public static let version = AdaptiveInfo.version

    /// The traceback of a runtime error without the kernel's own frames, or nil when
    /// nothing of the user's code is left in it (an error in the chunk's top level).
    public static func userTraceback(_ error: LuaError) -> String? {
        guard error.kind == .runtime, let traceback = error.traceback else { return nil }
        let frames = traceback.split(separator: "\n").dropFirst().filter {
            !$0.contains("(kernel)") && !$0.contains("[C]: in ?") && !$0.contains("(...tail calls...)")
        }
        guard frames.count > 1 else { return nil }
        return "stack traceback:\n" + frames.joined(separator: "\n")
    }

    /// Runs `body` with `print` and `io.write` collected into the returned string.
    public func capturingOutput(_ body: () throws -> Void) rethrows -> String {
        let collected = OutputBuffer()
        let saved = output
        output = { collected.append($0) }
        defer { output = saved }
        try body()
        return collected.text
    }

    /// Runs the event loop until `done` (called from Swift code that Lua called, on the
    /// kernel's thread). Ctrl-C (an interrupt) stops the wait with `interrupted!`.
    func runEventLoop(until done: () -> Bool) throws {
        while !done() {
            let next = try loopTurn.call().first?.double ?? 0.01
            eventLoop.wait(seconds: min(next, 0.005))
            try lua.checkInterrupt()
        }
    }

    /// Gives spawned coroutines and main-executor runners a turn (between notebook cells,
    /// after each chunk in the shell). Errors inside tasks stay with their tasks.
    public func runPendingTasks() {
        _ = try? loopTurn.call()
    }

    /// Waiting for runners goes through the event loop, so coroutines and main-executor
    /// evaluations go on meanwhile; `await` yields inside a coroutine.
    static let runnerWaiting = """
        local loop, running = adaptive._loop, coroutine.running
        local methods = debug.getregistry().Runner.__methods
        local wait = methods.block_until_done
        -- Errors are raised at the caller's line (level 2), not here.
        local function finish(f, self)
          local ok, err = pcall(f, self)
          if not ok then error(err, 3) end
        end
        methods.block_until_done = function(self)
          loop.run_until(function() return self.task:done() end)
          finish(wait, self)   -- not a tail call: the levels of `error` count this frame
        end
        methods.await = function(self)
          local _, main = running()
          if main then loop.run_until(function() return self.task:done() end)
          else coroutine.yield({await = self}) end
          finish(wait, self)
        end
        local task = debug.getregistry().RunnerTask.__methods
        local result = task.result
        task.result = function(self)
          local _, main = running()
          if main then loop.run_until(function() return self:done() end) end
          finish(result, self)
        end
        """

    /// Stops the Lua code running in the kernel (from any thread): it raises `interrupted!`.
    public func interrupt() { lua.interrupt() }
}

/// Why a file could not be run.
public enum KernelError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case lua(LuaError)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open \(path) (\(reason))"
        case .lua(let error): return error.description
        }
    }
}

/// Text collected from `print` (thread-safe: runners may print from other threads later).
final class OutputBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String] = []
    func append(_ text: String) { lock.withLock { parts.append(text) } }
    var text: String { lock.withLock { parts.joined() } }
}
