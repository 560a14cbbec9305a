import AdaptiveLua
import ArgumentParser
import Foundation
import Shell

/// `adaptive`: adaptive sampling driven from Lua. With no subcommand it runs the
/// chunks given with `-e`, or starts the shell.
@main
struct AdaptiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adaptive",
        abstract: "Adaptive sampling of functions, driven from Lua.",
        discussion: """
            With no arguments, starts the interactive Lua shell (reads a script from \
            standard input when it is not a terminal).
            """,
        version: Kernel.version,
        subcommands: [Run.self, Render.self, Bench.self, Worker.self]
    )

    @Option(name: .customShort("e"), help: ArgumentHelp("Run a Lua chunk (may be repeated).", valueName: "chunk"))
    var chunks: [String] = []

    func run() throws {
        let kernel = Kernel()
        if chunks.isEmpty {
            throw ExitCode(Repl.standard(kernel: kernel).run())
        }
        for (i, chunk) in chunks.enumerated() {
            do {
                try kernel.execute(chunk, chunkName: chunks.count == 1 ? "=(command line)" : "=(command line \(i + 1))")
            } catch {
                reportError(error.message, traceback: Kernel.userTraceback(error))
                throw ExitCode.failure
            }
        }
    }
}

/// `adaptive run FILE.lua [args...]`
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a Lua script.",
        discussion: "The script's arguments are in the global `arg` (arg[0] is the script) and in `...`."
    )

    @Argument(help: "The Lua script to run.")
    var file: String

    @Argument(parsing: .captureForPassthrough, help: "Arguments passed to the script.")
    var arguments: [String] = []

    func run() throws {
        let kernel = Kernel()
        do {
            try kernel.runFile(file, arguments: arguments)
        } catch .cannotOpen(let path, let reason) {
            reportError("cannot open \(path) (\(reason))", traceback: nil)
            throw ExitCode.failure
        } catch .lua(let error) {
            reportError(error.message, traceback: Kernel.userTraceback(error))
            throw ExitCode.failure
        }
    }
}

/// Writes `adaptive: message` and the traceback to standard error.
func reportError(_ message: String, traceback: String?) {
    var text = "adaptive: " + message + "\n"
    if let traceback { text += traceback + "\n" }
    FileHandle.standardError.write(Data(text.utf8))
}
