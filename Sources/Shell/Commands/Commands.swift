import AdaptiveLua
import CLuaSupport
import Foundation
import LuaKit
import Notebook

/// The shell's commands: a line starting with `%` (or `:` and a letter) followed by the
/// command's name and its arguments. Each is also a Lua function in `adaptive.shell`
/// (for scripts and for use inside Lua code), and `help(x)` is a global:
///
/// | command | Lua | what it does |
/// | --- | --- | --- |
/// | `%help [expr]` | `help(x)`, `adaptive.shell.help(x)` | this list; or the fields and methods of a value |
/// | `%time chunk` | `adaptive.shell.time("chunk")` | runs the chunk and prints its wall time |
/// | `%jobs` | `adaptive.shell.jobs()` | the runners: number, learner, status, npoints, loss, elapsed |
/// | `%cancel N` | `adaptive.shell.cancel(N)` | cancels runner N (`all`: every runner) |
/// | `%wait [N]` | `adaptive.shell.wait(N)` | waits for runner N (or all) to end; Ctrl-C stops waiting |
/// | `%load file.lua` | `adaptive.shell.load("file.lua")` | runs a file in this session |
/// | `%save file.lua` | `adaptive.shell.save("file.lua")` | writes the chunks of this session that ran without error |
/// | `%who` | `adaptive.shell.who()` | the globals you defined, with their types |
/// | `%render NB.md [-o DIR]` | `adaptive.shell.render("NB.md", "DIR")` | renders a notebook (in a fresh session) |
/// | `%quit` | `adaptive.shell.quit()` | leaves the shell (cancelling runners) |
final class Commands {
    unowned let repl: Repl

    init(repl: Repl) { self.repl = repl }

    struct Command {
        var name: String
        var usage: String
        var summary: String
    }

    static let table: [Command] = [
        Command(name: "help", usage: "%help [expr]", summary: "this help; with an expression, its fields and methods"),
        Command(name: "time", usage: "%time chunk", summary: "run a chunk and print its wall time"),
        Command(name: "jobs", usage: "%jobs", summary: "list the runners: number, learner, status, npoints, loss, elapsed"),
        Command(name: "cancel", usage: "%cancel N|all", summary: "cancel runner N"),
        Command(name: "wait", usage: "%wait [N]", summary: "wait until runner N (default: all) ends; Ctrl-C stops waiting"),
        Command(name: "load", usage: "%load file.lua", summary: "run a Lua file in this session"),
        Command(name: "save", usage: "%save file.lua", summary: "write this session's chunks that ran without error"),
        Command(name: "who", usage: "%who", summary: "the globals you defined, with their types"),
        Command(name: "render", usage: "%render NB.md [-o DIR]", summary: "render a notebook (default DIR: build/notebooks)"),
        Command(name: "quit", usage: "%quit", summary: "leave the shell (cancels running runners); also %exit"),
    ]

    static let names = table.map(\.name) + ["exit"]

    /// True for a line that is a command: `%name...` or `:name...`.
    static func isCommand(_ line: String) -> Bool {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        guard let first = trimmed.first else { return false }
        if first == "%" { return true }
        return first == ":" && (trimmed.dropFirst().first?.isLetter ?? false)
    }

    /// Splits `%name args` into its parts.
    static func parse(_ line: String) -> (name: String, arguments: String) {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" }).dropFirst()
        let name = trimmed.prefix(while: { !$0.isWhitespace })
        let arguments = trimmed.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        return (String(name), arguments)
    }

    /// `%time` takes a Lua chunk, which may go on over several lines.
    func needsMoreLines(_ line: String) -> Bool {
        let (name, arguments) = Commands.parse(line)
        return name == "time" && !arguments.isEmpty && repl.kernel.isIncomplete(arguments)
    }

    /// Runs a command line.
    func run(_ line: String) {
        let (name, arguments) = Commands.parse(line)
        switch name {
        case "help", "?": help(arguments)
        case "time": time(arguments)
        case "jobs": jobs()
        case "cancel": cancel(arguments)
        case "wait": wait(arguments)
        case "load": load(arguments)
        case "save": save(arguments)
        case "who": who()
        case "render": render(arguments)
        case "quit", "exit", "q": repl.quitRequested = true
        case "": repl.complain("a command name is expected after %; %help lists them")
        default:
            let close = Commands.names.filter { $0.hasPrefix(String(name.prefix(1))) }
            let hint = close.isEmpty ? "" : " (did you mean \(close.map { "%" + $0 }.joined(separator: ", "))?)"
            repl.complain("unknown command %\(name)\(hint); %help lists the commands")
        }
    }

    // MARK: - The commands

    func help(_ arguments: String) {
        if !arguments.isEmpty {
            repl.evaluate("help(\(arguments))", chunkName: "=%help")
            return
        }
        repl.write(Commands.helpText(style: repl.style))
    }

    static func helpText(style: Style) -> String {
        var text = style.bold("adaptive shell") + ": Lua 5.4 with the `adaptive` module loaded.\n"
        text += "Type Lua; the values of expressions are printed. Unfinished chunks continue on `>>`\n"
        text += "(a blank line abandons them).\n\n" + style.bold("Commands") + " (also `:name`, and as Lua functions adaptive.shell.NAME(...)):\n"
        let width = table.map(\.usage.count).max() ?? 0
        for command in table {
            text += "  " + command.usage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.summary + "\n"
        }
        text += "\n" + style.bold("Functions") + ":\n"
        text += "  help(x)                  the fields and methods of a learner, runner, figure or table\n"
        text += "  adaptive.Learner1D(f, {a, b}), adaptive.Runner(learner, {loss_goal = 0.01}), learner:plot()\n"
        text += "\n" + style.bold("Keys") + ": Tab completes names, fields (t.) and methods (obj:), and file names in strings;\n"
        text += "  Ctrl-C stops a running chunk (runners go on) or clears the line; Ctrl-D exits;\n"
        text += "  Up/Down recall history (kept in ~/.adaptive_history, or $ADAPTIVE_HISTORY).\n"
        return text
    }

    func time(_ arguments: String) {
        guard !arguments.isEmpty else { return repl.complain("usage: %time chunk") }
        let clock = ContinuousClock()
        let start = clock.now
        let ok = repl.evaluate(arguments)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        repl.write(repl.style.dim("time: " + Messages.seconds(seconds) + (ok ? "" : " (failed)")) + "\n")
        if ok { repl.session.append(arguments) }
    }

    func jobs() {
        let jobs = repl.kernel.jobs.snapshots
        guard !jobs.isEmpty else {
            repl.write("no runners yet: adaptive.Runner(learner, {goal}) starts one\n")
            return
        }
        let header = ["#", "learner", "status", "npoints", "loss", "elapsed"]
        let rows = jobs.map { job in
            [String(job.number), job.learner, job.status, String(job.npoints), job.lossText, Messages.seconds(job.elapsed)]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        let rightAligned: Set<Int> = [0, 3, 4, 5]
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
        repl.write(repl.style.bold(line(header)) + "\n")
        for row in rows { repl.write(line(row) + "\n") }
    }

    func cancel(_ arguments: String) {
        if arguments == "all" {
            repl.kernel.jobs.cancelAll()
            return
        }
        guard let number = Int(arguments) else { return repl.complain("usage: %cancel N (a number from %jobs) or %cancel all") }
        if !repl.kernel.jobs.cancel(number) { repl.complain("no runner \(number); %jobs lists them") }
    }

    func wait(_ arguments: String) {
        let numbers: [Int]
        if arguments.isEmpty {
            numbers = repl.kernel.jobs.snapshots.filter { $0.status == "running" }.map(\.number)
        } else if let number = Int(arguments) {
            numbers = [number]
        } else {
            return repl.complain("usage: %wait [N]")
        }
        let interruptsBefore = clua_sigint_count()
        for number in numbers {
            while true {
                guard let done = repl.kernel.jobs.wait(number, timeout: 0.05) else {
                    return repl.complain("no runner \(number); %jobs lists them")
                }
                if done { break }
                if clua_sigint_count() != interruptsBefore {
                    repl.write("stopped waiting (the runner goes on)\n")
                    return
                }
            }
        }
    }

    func load(_ arguments: String) {
        let path = Commands.unquote(arguments)
        guard !path.isEmpty else { return repl.complain("usage: %load file.lua") }
        guard let data = FileManager.default.contents(atPath: path) else {
            return repl.complain("cannot open \(path) (\(Commands.reason(path)))")
        }
        var source = String(decoding: data, as: UTF8.self)
        if source.hasPrefix("#") { source = "--" + source }   // a shebang line
        if repl.evaluate(source, chunkName: "@" + path) {
            repl.session.append("dofile(\(Commands.luaString(path)))")
        }
    }

    func save(_ arguments: String) {
        let path = Commands.unquote(arguments)
        guard !path.isEmpty else { return repl.complain("usage: %save file.lua") }
        let text = repl.session.map { $0 + "\n" }.joined()
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            let n = repl.session.count
            repl.write("wrote \(n) chunk\(n == 1 ? "" : "s") to \(path)\n")
        } catch {
            repl.complain("cannot write \(path) (\(error.localizedDescription))")
        }
    }

    func who() {
        let names = repl.globalNames().filter { !repl.builtinGlobals.contains($0) }
        guard !names.isEmpty else {
            repl.write("no globals defined yet\n")
            return
        }
        repl.evaluate("adaptive.shell.__who(\(names.map { Commands.luaString($0) }.joined(separator: ", ")))",
                      chunkName: "=%who")
    }

    func render(_ arguments: String) {
        var words = Commands.words(arguments)
        var directory = RenderOptions.defaultOutputDirectory
        if let flag = words.firstIndex(where: { $0 == "-o" || $0 == "--output" }) {
            guard flag + 1 < words.count else { return repl.complain("usage: %render NB.md [-o DIR]") }
            directory = words[flag + 1]
            words.removeSubrange(flag...(flag + 1))
        }
        guard words.count == 1 else { return repl.complain("usage: %render NB.md [-o DIR]") }
        do {
            let summary = try Notebook.render(path: words[0], options: RenderOptions(outputDirectory: directory))
            let figures = summary.figurePaths.count
            repl.write("wrote \(summary.outputPath)" + (figures > 0 ? " and \(figures) figure file\(figures == 1 ? "" : "s")" : "") + "\n")
            for warning in summary.warnings { repl.output.err("\(warning)\n") }
        } catch {
            repl.complain("\(error)")
        }
    }

    // MARK: - Helpers

    static func unquote(_ s: String) -> String {
        var s = s.trimmingCharacters(in: .whitespaces)
        if s.count >= 2, let f = s.first, f == "\"" || f == "'", s.last == f { s = String(s.dropFirst().dropLast()) }
        return s
    }

    static func words(_ s: String) -> [String] { s.split(whereSeparator: \.isWhitespace).map { unquote(String($0)) } }

    static func luaString(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    static func reason(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "No such file or directory" }
        return isDirectory.boolValue ? "Is a directory" : "Permission denied"
    }
}
