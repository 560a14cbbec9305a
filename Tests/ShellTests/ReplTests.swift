import AdaptiveLua
import Foundation
import Synchronization
import Testing

@testable import Shell

/// Text written by the shell and by `print`, kept apart: standard output and standard error.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var outParts: [String] = []
    private var errParts: [String] = []
    func out(_ s: String) { lock.withLock { outParts.append(s) } }
    func err(_ s: String) { lock.withLock { errParts.append(s) } }
    var stdout: String { lock.withLock { outParts.joined() } }
    var stderr: String { lock.withLock { errParts.joined() } }
}

/// A REPL on scripted lines, its output collected.
struct Session {
    let kernel = Kernel()
    let collected = Collected()
    let reader: ScriptedLineReader
    let repl: Repl

    init(_ script: [LineInput], interactive: Bool = false, width: Int = 80) {
        reader = ScriptedLineReader(script)
        let collected = self.collected
        kernel.output = { collected.out($0) }
        repl = Repl(kernel: kernel, reader: reader, interactive: interactive,
                    output: ShellOutput(out: { collected.out($0) }, err: { collected.err($0) }), width: { width })
    }

    init(lines: [String], interactive: Bool = false, width: Int = 80) {
        self.init(lines.map { .line($0) }, interactive: interactive, width: width)
    }

    /// Runs to the end; returns the exit status.
    @discardableResult
    func run() -> Int32 { repl.run() }
}

@Suite struct EvaluationTests {
    @Test func expressionsPrintTheirValuesSeparatedByTabs() {
        let s = Session(lines: ["1 + 2", "x = 5", "x, 'two', nil", "=x * 2"])
        #expect(s.run() == 0)
        #expect(s.collected.stdout == "3\n5\ttwo\tnil\n10\n")
    }

    @Test func incompleteChunksContinue() {
        let s = Session(lines: ["x = 1 +", "2", "for i = 1, 2 do", "print(i)", "end", "x"])
        s.run()
        #expect(s.collected.stdout == "1\n2\n3\n")
        #expect(s.reader.history == ["x = 1 +\n2", "for i = 1, 2 do\nprint(i)\nend", "x"])
    }

    @Test func promptsOnlyInATerminal() {
        let pipe = Session(lines: ["x = 1 +", "2"])
        pipe.run()
        #expect(Set(pipe.reader.prompts) == [""])
        let terminal = Session(lines: ["x = 1 +", "2"], interactive: true)
        terminal.run()
        #expect(terminal.reader.prompts == ["> ", ">> ", "> "])
    }

    @Test func aBlankLineAbandonsAChunkInATerminalOnly() {
        let terminal = Session(lines: ["function f()", "", "f"], interactive: true)
        terminal.run()
        #expect(terminal.collected.stdout.hasSuffix("nil\n"))
        let pipe = Session(lines: ["function f()", "", "return 1 end", "f()"])
        pipe.run()
        #expect(pipe.collected.stdout == "1\n")
    }

    @Test func ctrlCOnTheContinuationPromptAbandonsTheChunk() {
        let s = Session([.line("if true then"), .interrupt, .line("2 * 21")], interactive: true)
        s.run()
        #expect(s.collected.stdout.hasSuffix("42\n"))
        #expect(s.collected.stderr == "")
    }

    @Test func errorsAreReportedAndTheLoopGoesOn() {
        let s = Session(lines: ["error('oops')", "x = = 1", "print('alive')"])
        #expect(s.run() == 1)
        #expect(s.collected.stdout == "alive\n")
        #expect(s.collected.stderr.hasPrefix("stdin:1: oops\n"))
        #expect(s.collected.stderr.contains("stdin:1: unexpected symbol near '='"))
    }

    @Test func aTerminalSessionExitsWithZeroEvenAfterErrors() {
        let s = Session(lines: ["error('x')"], interactive: true)
        #expect(s.run() == 0)
    }

    @Test func aScriptEndingMidChunkReportsIt() {
        let s = Session(lines: ["for i = 1, 2 do"])
        #expect(s.run() == 1)
        #expect(s.collected.stderr.contains("<eof>"))
    }

    @Test func interruptStopsTheChunkAndKeepsVariables() {
        let s = Session(lines: ["v = 41", "while true do end", "v + 1"])
        let kernel = s.kernel
        let stopped = Atomic(false)
        s.reader.onRead = { index in
            if index == 1 {
                // Interrupt until the loop has stopped: one interrupt could come before it starts.
                let thread = Thread {
                    while !stopped.load(ordering: .relaxed) {
                        Thread.sleep(forTimeInterval: 0.2)
                        kernel.interrupt()
                    }
                }
                thread.start()
            }
            if index == 2 { stopped.store(true, ordering: .relaxed) }
        }
        s.run()
        #expect(s.collected.stderr.contains("interrupted!"))
        #expect(s.collected.stdout == "42\n")
    }

    @Test func ioWriteDoesNotPrintTheFile() {
        let s = Session(lines: ["io.write('hi\\n')"])
        s.run()
        #expect(s.collected.stdout == "hi\n")
    }

    @Test func binaryStringsAreEscapedWhenShownAsValues() {
        let s = Session(lines: ["'a\\0b\\255'", "'plain'"])
        s.run()
        #expect(s.collected.stdout == "\"a\\000b\\255\"\nplain\n")
    }

    @Test func ctrlDAsksOnceWhileRunnersRun() {
        let s = Session([.line("r = adaptive.Runner(adaptive.Learner1D(function(x) local t = os.clock() "
                               + "while os.clock() - t < 0.01 do end return x end, {0, 1}), {npoints_goal = 100000})"),
                         .end, .end], interactive: true)
        #expect(s.run() == 0)
        #expect(s.collected.stdout.contains("1 runner is still running; Ctrl-D again to exit and cancel them\n"))
        #expect(s.kernel.jobs.running == 0 || s.kernel.jobs.snapshots.first?.status != "finished")
    }

    @Test func aNoticeAppearsBeforeThePromptWhenARunnerEnds() {
        let s = Session(lines: ["r = adaptive.Runner(adaptive.Learner1D(function(x) return x * x end, {0, 1}), {npoints_goal = 50})",
                                "x = 1", "2"], interactive: true)
        let kernel = s.kernel
        s.reader.onRead = { index in
            if index == 1 { _ = kernel.jobs.wait(1, timeout: 30) }
        }
        s.run()
        let out = s.collected.stdout
        #expect(out.contains("[1] finished Learner1D npoints=5"))   // 50, or a few more told as it ends
        #expect(out.range(of: "[1] finished")!.lowerBound < out.range(of: "\n2\n")!.lowerBound)
    }
}

@Suite struct PrinterTests {
    @Test func tablesAreSortedNestedAndCycleMarked() {
        let s = Session(lines: ["t = {3, 2, 1, b = 'two', a = {1, {x = true}}, [10] = 0}", "t.me = t", "t"])
        s.run()
        #expect(s.collected.stdout == "{3, 2, 1, [10] = 0, a = {1, {x = true}}, b = \"two\", me = <cycle>}\n")
    }

    @Test func longTablesAreCutWithACount() {
        let s = Session(lines: ["t = {} for i = 1, 100 do t[i] = i end", "t"], width: 1000)
        s.run()
        #expect(s.collected.stdout.hasSuffix("29, 30, ... (70 more)}\n"))
    }

    @Test func wideTablesBreakOverLinesWithArraysPacked() {
        let s = Session(lines: ["{alpha = 'aaaaaaaaaa', beta = {1, 2, 3}, gamma = 'cccccccccccccccc', 1, 2, 3}"], width: 40)
        s.run()
        #expect(s.collected.stdout == """
            {
              1, 2, 3,
              alpha = "aaaaaaaaaa",
              beta = {1, 2, 3},
              gamma = "cccccccccccccccc"
            }

            """)
    }

    @Test func learnersPrintTheirSummary() {
        let s = Session(lines: ["adaptive.Learner1D(function(x) return x end, {0, 1})"])
        s.run()
        #expect(s.collected.stdout == "<Learner1D npoints=0 loss=inf>\n")
    }

    @Test func describeIsTheNotebookFormat() {
        let kernel = Kernel()
        let value = try! kernel.lua.evaluate("return {1, 'a', f = print}")
        #expect(kernel.describe(value) == "{1, \"a\", f = function: builtin}")
        #expect(kernel.describe([]) == nil)
    }

    @Test func coloursTintNumbersAndStrings() {
        let kernel = Kernel()
        let value = try! kernel.lua.evaluate("return {1, 'a'}")
        #expect(kernel.describe(value, style: ValueStyle(color: true)) == "{\u{1B}[36m1\u{1B}[0m, \u{1B}[32m\"a\"\u{1B}[0m}")
    }
}

@Suite struct CommandTests {
    @Test func whoListsUserGlobalsWithTypes() {
        let s = Session(lines: ["answer = 42", "name = 'x'", "%who"])
        s.run()
        #expect(s.collected.stdout == "answer  number  42\nname    string  x\n")
    }

    @Test func saveThenLoadReplaysTheSession() throws {
        let path = NSTemporaryDirectory() + "shell-save-\(getpid()).lua"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let s = Session(lines: ["x = 20", "error('not saved')", "y = x + 1", "%save \(path)"])
        s.run()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "x = 20\ny = x + 1\n")
        let t = Session(lines: ["%load \(path)", "y * 2"])
        #expect(t.run() == 0)
        #expect(t.collected.stdout == "42\n")
    }

    @Test func loadReportsAMissingFile() {
        let s = Session(lines: ["%load no-such-file.lua"])
        #expect(s.run() == 1)
        #expect(s.collected.stderr == "cannot open no-such-file.lua (No such file or directory)\n")
    }

    @Test func unknownCommandsSayWhatExists() {
        let s = Session(lines: ["%jbos", "print(1)"])
        #expect(s.run() == 1)
        #expect(s.collected.stderr.contains("unknown command %jbos"))
        #expect(s.collected.stdout == "1\n")
    }

    @Test func jobsCancelAndWait() {
        let s = Session(lines: [
            "%jobs",
            "r = adaptive.Runner(adaptive.Learner1D(function(x) local t = os.clock() while os.clock() - t < 0.01 do end return x end, {0, 1}), {npoints_goal = 100000})",
            "%jobs", "%cancel 1", "%wait 1", "r:status()", "%cancel 7",
        ])
        s.run()
        let out = s.collected.stdout
        #expect(out.hasPrefix("no runners yet"))
        #expect(out.contains("#  learner    status"))
        #expect(out.contains("1  Learner1D  running"))
        #expect(out.hasSuffix("cancelled\n"))
        #expect(s.collected.stderr.contains("[1] cancelled Learner1D"))
        #expect(s.collected.stderr.contains("no runner 7"))
    }

    @Test func timeRunsTheChunk() {
        let s = Session(lines: ["%time x = 0", "%time for i = 1, 3 do", "x = x + i", "end", "x"])
        s.run()
        let lines = s.collected.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("time: "))
        #expect(lines[2] == "6")
    }

    @Test func luaFunctionsReachTheCommands() {
        let s = Session(lines: ["adaptive.shell.jobs()", "help(adaptive.Learner1D(function(x) return x end, {0, 1}))", "help()"])
        s.run()
        let out = s.collected.stdout
        #expect(out.hasPrefix("no runners yet"))
        #expect(out.contains("Learner1D: <Learner1D npoints=0 loss=inf>\n  fields:  bounds,"))
        #expect(out.contains("methods: ask(),"))
        #expect(out.contains("%render NB.md"))
    }

    @Test func quitEndsTheSession() {
        let s = Session(lines: ["%quit", "print('never')"])
        s.run()
        #expect(s.collected.stdout == "")
    }
}

@Suite struct CompletionTests {
    let kernel = Kernel()
    var completer: Completer { Completer(kernel: kernel, commands: Commands.names) }

    @Test func globalsAndKeywords() {
        let (start, names) = completer.complete("x = pri")
        #expect(start == 4)
        #expect(names == ["print"])
        #expect(completer.complete("whi").candidates == ["while"])
    }

    @Test func fieldsOfTablesAndMethodsOfLearners() throws {
        try kernel.lua.run("learner = adaptive.Learner1D(function(x) return x end, {0, 1}); t = {alpha = 1, beta = print}")
        #expect(completer.complete("adaptive.Learner1").candidates == ["adaptive.Learner1D"])
        #expect(completer.complete("adaptive.Lea").candidates.starts(with: ["adaptive.Learner1D", "adaptive.Learner2D"]))
        #expect(completer.complete("learner:tell").candidates == ["learner:tell", "learner:tell_many", "learner:tell_pending"])
        #expect(completer.complete("learner.np").candidates == ["learner.npoints"])
        #expect(completer.complete("learner:np").candidates == [])
        #expect(completer.complete("t.").candidates == ["t.alpha", "t.beta"])
        #expect(completer.complete("t:").candidates == ["t:beta"])
        #expect(completer.complete("('x'):up").candidates == [])
    }

    @Test func neverCallsMetamethods() throws {
        try kernel.lua.run("called = false; trap = setmetatable({}, {__index = function() called = true end, __pairs = function() called = true end})")
        _ = completer.complete("trap.")
        _ = completer.complete("trap.x.")
        #expect(kernel.lua.global("called") == .boolean(false))
    }

    @Test func commandsAndFileNames() {
        #expect(completer.complete("%jo").candidates == ["%jobs"])
        let cwd = FileManager.default.currentDirectoryPath
        defer { FileManager.default.changeCurrentDirectoryPath(cwd) }
        let dir = NSTemporaryDirectory() + "shell-complete-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: dir + "/script.lua", contents: Data())
        defer { try? FileManager.default.removeItem(atPath: dir) }
        FileManager.default.changeCurrentDirectoryPath(dir)
        #expect(completer.complete("%load sc") == (6, ["script.lua"]))
        #expect(completer.complete("run(\"s").candidates == ["script.lua", "sub/"])
        #expect(completer.complete("fig:save('su").start == 10)
    }
}

@Suite struct HistoryTests {
    @Test func entriesSurviveWithNewlinesAndAreBounded() {
        let path = NSTemporaryDirectory() + "shell-history-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let history = HistoryFile(path: path, limit: 3)
        for entry in ["a", "for i = 1, 2 do\n  print('\\n')\nend", "b", "b", "c", "  "] { history.append(entry) }
        #expect(HistoryFile(path: path, limit: 10).load() == ["a", "for i = 1, 2 do\n  print('\\n')\nend", "b", "c"])
        #expect(HistoryFile(path: path, limit: 3).load() == ["for i = 1, 2 do\n  print('\\n')\nend", "b", "c"])
        #expect(HistoryFile(path: path, limit: 10).load().count == 3)   // the file was cut
    }

    @Test func theEnvironmentChoosesTheFile() {
        #expect(HistoryFile.standard(environment: ["ADAPTIVE_HISTORY": "/tmp/h", "HOME": "/home/x"])?.path == "/tmp/h")
        #expect(HistoryFile.standard(environment: ["ADAPTIVE_HISTORY": ""]) == nil)
        #expect(HistoryFile.standard(environment: ["HOME": "/home/x"])?.path == "/home/x/.adaptive_history")
    }
}

@Suite struct MessageTests {
    @Test func notices() {
        let finished = JobSnapshotText(number: 2, learner: "Learner1D", status: "finished", npoints: 812, loss: "0.0099",
                                       elapsed: 3.14, error: nil)
        #expect(Messages.notice(finished) == "[2] finished Learner1D npoints=812 loss=0.0099 in 3.1 s")
        var failed = finished
        failed.status = "failed"
        failed.error = "An error occurred:\n\nstdin:1: boom\nstack traceback:\n\t[C]: in ?"
        #expect(Messages.notice(failed) == "[2] failed Learner1D npoints=812 loss=0.0099 after 3.1 s: stdin:1: boom")
    }

    @Test func commandsParse() {
        #expect(Commands.isCommand("%jobs") && Commands.isCommand("  :help") && !Commands.isCommand("::label::"))
        #expect(Commands.parse("%load  my file.lua ") == ("load", "my file.lua"))
    }
}
