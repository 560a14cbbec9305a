import AdaptiveLua
import Foundation
import Notebook
import Plotting
import Testing

/// Parses `text` as a notebook named `test.md`.
func parse(_ text: String, path: String = "test.md") throws -> NotebookDocument {
    try NotebookDocument(parsing: text, path: path)
}

/// The cells of `text`.
func cells(_ text: String) throws -> [Cell] { try parse(text).cells }

/// What an in-memory render produced.
struct Rendered {
    var markdown: String
    var figures: [String]
    var results: [CellResult]
    var warnings: [Diagnostic]
    var log: [String]
}

/// Parses, runs and writes `text` in memory (nothing on disk).
func render(_ text: String, options: RenderOptions = RenderOptions(),
            kernel: @escaping () -> Kernel = { Kernel() }) throws(RenderError) -> Rendered {
    let log = LogLines()
    let renderer = NotebookRenderer(options: options, makeKernel: kernel, log: { log.append($0) })
    let (rendered, results, warnings) = try renderer.execute(text: text, path: "test.md", filesDirectory: "test_files")
    return Rendered(markdown: rendered.markdown, figures: rendered.figures.map(\.stem), results: results,
                    warnings: warnings, log: log.lines)
}

/// The error a render throws (fails the test when it succeeds).
func renderError(_ text: String, options: RenderOptions = RenderOptions(),
                 sourceLocation: SourceLocation = #_sourceLocation) -> RenderError? {
    do {
        _ = try render(text, options: options)
        Issue.record("the render succeeded", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// The body of a notebook with a MyST cell around `code`.
func myst(_ code: String, options: String = "") -> String {
    "```{code-cell} lua\n" + (options.isEmpty ? "" : options + "\n") + code + "\n```\n"
}

/// Collected log lines.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}

/// A kernel with `testfigure(n)`: displays a figure of `n` points through `adaptive.display`'s path.
func kernelWithTestFigure() -> Kernel {
    let kernel = Kernel()
    kernel.lua.register("testfigure") { [unowned kernel] call in
        let n = try call.integer(1)
        let xs = (0..<n).map(Double.init)
        kernel.display(Figure(try Element.curve(xs, xs.map { $0 * $0 })))
        return 0
    }
    return kernel
}

/// A fresh temporary folder, removed by the caller with `removeTemporary`.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "notebook-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func removeTemporary(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

/// The path of a fixture notebook.
func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/" + name).path
}

/// The repository root (for notebooks/).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path
