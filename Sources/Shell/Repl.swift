import AdaptiveLua
import CLuaSupport
import Foundation
import LuaKit

/// The read-eval-print loop: reads chunks (continuing while they are incomplete), runs
/// them in the kernel, prints their values and errors, runs `%commands`, announces
/// runners that ended, and survives all of it.
///
///     let repl = Repl(kernel: Kernel(), reader: ScriptedLineReader(lines: ["x = 1 +", "2", "x"]),
///                     interactive: false)
///     repl.run()   // prints 3
///
/// Rules (the same with or without a terminal):
/// * a chunk is first tried as `return <chunk>;` so expressions print their values
///   (several separated by tabs); `=expr` works too;
/// * an incomplete chunk (a syntax error at `<eof>`) reads more lines on the `>> ` prompt;
///   in a terminal a blank line or Ctrl-C there abandons the chunk;
/// * errors print as `stdin:LINE: message` (and the user's frames), and the loop goes on;
/// * a line starting with `%` (or `:name`) is a shell command, see ``Commands``.
///
/// Without a terminal there are no prompts and no colours, job notices go to standard
/// error, and ``run()`` returns 1 when any chunk failed.
public final class Repl {
    public let kernel: Kernel
    let reader: LineReader
    public let interactive: Bool
    let style: Style
    let output: ShellOutput
    /// Tables wider than this are written one entry per line.
    let width: () -> Int
    let prompt: String, continuation: String

    /// Chunks that ran without error (and `%load`s), for `%save`.
    var session: [String] = []
    var anyFailed = false
    var quitRequested = false
    /// Ctrl-D was pressed once with runners running.
    var exitWarned = false
    /// Globals present before the user typed anything (`%who` hides them).
    var builtinGlobals: Set<String> = []
    /// Depth of chunks being evaluated (a command run from Lua evaluates inside one).
    var evaluating = 0
    private var consumer: LuaRef!
    private(set) var commands: Commands!

    public init(kernel: Kernel, reader: LineReader, interactive: Bool, style: Style = Style(color: false),
                output: ShellOutput = .standard, width: @escaping () -> Int = { 80 }) {
        self.kernel = kernel
        self.reader = reader
        self.interactive = interactive
        self.style = style
        self.output = output
        self.width = width
        prompt = interactive ? "> " : ""
        continuation = interactive ? ">> " : ""
        commands = Commands(repl: self)
        consumer = makeConsumer()
        commands.installLuaFunctions()
        builtinGlobals = Set(globalNames())
    }

    /// A REPL on standard input: libedit (with history and completion) for a terminal,
    /// plain lines for a pipe or a file.
    public static func standard(kernel: Kernel) -> Repl {
        let terminal = isatty(STDIN_FILENO) != 0
        if terminal {
            let completer = Completer(kernel: kernel, commands: Commands.names)
            let reader = EditLineReader(history: HistoryFile.standard(), completer: completer)
            return Repl(kernel: kernel, reader: reader, interactive: true, style: .detect(),
                        width: { EditLineReader.screenWidth })
        }
        return Repl(kernel: kernel, reader: PipeLineReader(), interactive: false)
    }

    /// Runs until the end of input or `%quit`. Returns the exit status: 1 when input was
    /// not a terminal and some chunk failed, else 0.
    @discardableResult
    public func run() -> Int32 {
        clua_install_sigint_handler()
        if interactive {
            write("adaptive \(Kernel.version) (Lua 5.4). %help for help, Ctrl-D exits.\n")
        }
        while !quitRequested {
            showNotices()
            switch readChunk() {
            case .end:
                let running = kernel.jobs.running
                if interactive && running > 0 && !exitWarned {
                    exitWarned = true
                    let what = running == 1 ? "1 runner is" : "\(running) runners are"
                    write(style.notice("\(what) still running; Ctrl-D again to exit and cancel them") + "\n")
                    continue
                }
                quitRequested = true
            case .abandoned:
                exitWarned = false
            case .chunk(let chunk):
                exitWarned = false
                handle(chunk)
            }
        }
        kernel.jobs.cancelAll()
        return (!interactive && anyFailed) ? 1 : 0
    }

    // MARK: - Reading

    enum ChunkInput: Equatable {
        case chunk(String)
        /// Ctrl-C, a blank continuation line, or Ctrl-D in the middle of a chunk.
        case abandoned
        case end
    }

    /// Reads lines until they form a complete chunk (or a syntax error).
    func readChunk() -> ChunkInput {
        switch reader.readLine(prompt: prompt) {
        case .end: return .end
        case .interrupt: return .abandoned
        case .line(let line):
            if Commands.isCommand(line) {
                return continueChunk(line, isComplete: { [unowned self] in !commands.needsMoreLines($0) })
            }
            var chunk = line
            if chunk.hasPrefix("=") { chunk = "return " + chunk.dropFirst() }   // Lua 5.1 style
            return continueChunk(chunk, isComplete: { [unowned self] in !kernel.isIncomplete($0) })
        }
    }

    /// Adds continuation lines to `chunk` until `isComplete`.
    func continueChunk(_ first: String, isComplete: (String) -> Bool) -> ChunkInput {
        var chunk = first
        while !isComplete(chunk) {
            switch reader.readLine(prompt: continuation) {
            case .line(let line):
                if interactive && line.allSatisfy(\.isWhitespace) {
                    remember(chunk)
                    return .abandoned
                }
                chunk += "\n" + line
            case .interrupt:
                return .abandoned
            case .end:
                if interactive { write("\n"); return .abandoned }
                return .chunk(chunk)   // a script ends mid-chunk: run it to report the error
            }
        }
        return .chunk(chunk)
    }

    func remember(_ chunk: String) { reader.remember(chunk) }

    // MARK: - Running

    /// Runs one complete chunk: a command or Lua.
    public func handle(_ chunk: String) {
        remember(chunk)
        if Commands.isCommand(chunk) {
            commands.run(chunk)
            return
        }
        if evaluate(chunk) { session.append(chunk) }
    }

    /// Runs Lua typed at the prompt and prints its values; false when it failed.
    @discardableResult
    func evaluate(_ chunk: String, chunkName: String = "=stdin") -> Bool {
        let outer = evaluating == 0
        if outer { kernel.lua.setSignalTarget(true) }
        evaluating += 1
        let status = kernel.runInteractive(chunk, chunkName: chunkName, showing: consumer, report: report)
        evaluating -= 1
        if outer {
            kernel.lua.setSignalTarget(false)
            kernel.lua.clearInterrupt()
            kernel.runPendingTasks()   // spawned coroutines and main-executor runners get a turn
        }
        if status == .ran(failed: true) {
            anyFailed = true
            return false
        }
        if status == .incomplete {   // only when a script ends mid-chunk
            do { _ = try kernel.lua.load(chunk, chunkName: chunkName) } catch { report(error) }
            anyFailed = true
            return false
        }
        return true
    }

    /// The Lua function that receives a chunk's values: formats each (the shared
    /// ``AdaptiveLua/ValuePrinter``) and writes them on one line, tab-separated.
    private func makeConsumer() -> LuaRef {
        let lua = kernel.lua
        let format = kernel.valueFormatter(style: ValueStyle(color: style.color, width: width(), escapeBinary: true))
        let emit = lua.makeFunction(name: "emit") { [unowned self] call in
            write(try call.string(1) + "\n")
            return 0
        }
        let source = """
            local format, emit = ...
            local select, concat, iotype = select, table.concat, io.type
            return function(...)
              local n = select('#', ...)
              if n == 0 or (n == 1 and iotype((...))) then return end   -- io.write(...) returns the file
              local parts = {}
              for i = 1, n do parts[i] = format((select(i, ...))) end
              emit(concat(parts, '\\t'))
            end
            """
        return lua.builtinFunction(source, chunkName: "=(shell)", arguments: [.function(format), .function(emit)])
    }

    // MARK: - Writing

    func write(_ text: String) { output.out(text) }

    /// Writes an error: its message in red, then the user's frames.
    func report(_ error: LuaError) {
        var text = style.error(error.message)
        if error.kind == .interrupted && interactive { text = "\n" + text }   // after the terminal's ^C
        if let traceback = Kernel.userTraceback(error) { text += "\n" + style.dim(traceback) }
        output.err(text + "\n")
    }

    /// Writes a message about the shell itself (a bad command, a missing file).
    func complain(_ message: String) {
        anyFailed = true
        output.err(style.error(message) + "\n")
    }

    /// Announces runners that ended since the last prompt.
    func showNotices() {
        for job in kernel.jobs.takeEnded() {
            let text = Messages.notice(JobSnapshotText(job))
            let line = (job.status == "failed" ? style.error(text) : style.notice(text)) + "\n"
            if interactive { write(line) } else { output.err(line) }
        }
    }

    /// The names of the globals, sorted.
    func globalNames() -> [String] {
        guard case .function(let names)? = try? kernel.lua.evaluate(
            "local G = _ENV return function() local t = {} for k in next, G do if type(k) == 'string' then t[#t+1] = k end end table.sort(t) return t end",
            chunkName: "=(shell)").first,
            case .array(let items)? = try? names.call().first
        else { return [] }
        return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
    }
}

extension JobSnapshotText {
    init(_ job: JobSnapshot) {
        self.init(number: job.number, learner: job.learner, status: job.status, npoints: job.npoints,
                  loss: job.lossText, elapsed: job.elapsed, error: job.error)
    }
}
