import ArgumentParser
import Foundation
import Notebook

extension FigureFormat: ExpressibleByArgument {}

/// `adaptive render NB.md [NB2.md ...] [-o DIR] [--format svg|png|both] [--allow-errors] [--cell-timeout S]`
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Lua cells of markdown notebooks and write GitHub markdown with their outputs and figures.",
        discussion: """
            Each notebook runs in a fresh Lua session, cell by cell, and is written as DIR/NB.md \
            with figures in DIR/NB_files/. Cells are ```{code-cell} lua (MyST), ```{lua} (Quarto) \
            and, with `plain-fences: true` in the front matter, ```lua. A cell that raises an \
            unexpected error stops the render of its notebook with exit status 1 and nothing is \
            written; the other notebooks are still rendered. Per-cell timings go to standard error.
            """
    )

    @Argument(help: ArgumentHelp("The notebooks to render (.md, .qmd).", valueName: "notebook"))
    var notebooks: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("The output folder.", valueName: "dir"))
    var output: String = RenderOptions.defaultOutputDirectory

    @Option(help: "Figure files to write: svg, png, or both (the markdown links the SVG unless png).")
    var format: FigureFormat = .both

    @Flag(help: "Show errors of any cell inline and keep rendering.")
    var allowErrors = false

    @Option(help: ArgumentHelp("Interrupt a cell that runs longer than this and report it as an error.", valueName: "seconds"))
    var cellTimeout: Double?

    func validate() throws {
        if let cellTimeout, !(cellTimeout > 0) || !cellTimeout.isFinite {
            throw ValidationError("--cell-timeout must be a positive number of seconds, got \(cellTimeout)")
        }
        var seen: [String: String] = [:]
        for path in notebooks {
            let name = NotebookRenderer.outputName(for: path)
            if let other = seen[name] {
                throw ValidationError("\(other) and \(path) would both be written as \(output)/\(name); render them with different -o")
            }
            seen[name] = path
        }
    }

    func run() throws {
        let options = RenderOptions(outputDirectory: output, format: format, allowErrors: allowErrors, cellTimeout: cellTimeout)
        let renderer = NotebookRenderer(options: options, log: { message in
            FileHandle.standardError.write(Data((message + "\n").utf8))
        })
        var failed = false
        for path in notebooks {
            do throws(RenderError) {
                try renderer.render(path: path)
            } catch {
                reportError(error.description, traceback: nil)
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }
}
