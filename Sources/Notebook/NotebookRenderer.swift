import AdaptiveLua
import Foundation
import Plotting

/// Options of `adaptive render`.
public struct RenderOptions: Sendable {
    /// Where `adaptive render` writes when `-o` is not given, relative to the current directory.
    public static let defaultOutputDirectory = "build/notebooks"

    /// The folder that receives NB.md and NB_files/.
    public var outputDirectory: String
    public var format: FigureFormat
    /// Errors in any cell are shown inline and the render goes on.
    public var allowErrors: Bool
    /// Seconds after which a cell is interrupted and reported as failed (nil: no limit).
    public var cellTimeout: Double?
    /// Device pixels per SVG px in PNG files.
    public var pngScale: Double

    public init(outputDirectory: String = RenderOptions.defaultOutputDirectory, format: FigureFormat = .both,
                allowErrors: Bool = false, cellTimeout: Double? = nil, pngScale: Double = Plotting.defaultScale) {
        self.outputDirectory = outputDirectory
        self.format = format
        self.allowErrors = allowErrors
        self.cellTimeout = cellTimeout
        self.pngScale = pngScale
    }
}

/// What a render wrote.
public struct RenderSummary: Sendable {
    /// The rendered markdown file.
    public var outputPath: String
    /// The figure files written, in order.
    public var figurePaths: [String]
    /// The cells' results (timings in `seconds`).
    public var results: [CellResult]
    public var warnings: [Diagnostic]
}

/// Renders notebooks: read, parse, run every cell in a fresh kernel, write DIR/NB.md and
/// DIR/NB_files/ atomically.
///
///     let renderer = NotebookRenderer(options: RenderOptions(outputDirectory: "out"))
///     let summary = try renderer.render(path: "notebooks/quickstart.md")
///
/// Nothing is written until every cell has run, so a failed render leaves the previous
/// output in place. NB_files/ belongs to the render: SVG and PNG files in it that this
/// render did not produce are removed.
public final class NotebookRenderer {
    public var options: RenderOptions
    /// Makes the kernel of each notebook (tests register functions in it).
    public var makeKernel: () -> Kernel
    /// Receives warnings and the per-cell timing lines (the command writes them to stderr).
    public var log: (String) -> Void

    public init(options: RenderOptions = RenderOptions(), makeKernel: @escaping () -> Kernel = { Kernel() },
                log: @escaping (String) -> Void = { _ in }) {
        self.options = options
        self.makeKernel = makeKernel
        self.log = log
    }

    /// The name of the rendered file of the notebook at `path`: its file name with `.md`
    /// (`notebooks/peak.qmd` -> `peak.md`).
    public static func outputName(for path: String) -> String {
        let name = (path as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        return (stem.isEmpty ? name : stem) + ".md"
    }

    /// Renders the notebook at `path` into the output directory.
    @discardableResult
    public func render(path: String) throws(RenderError) -> RenderSummary {
        let text = try NotebookRenderer.read(path)
        let outputName = NotebookRenderer.outputName(for: path)
        let outputPath = (options.outputDirectory as NSString).appendingPathComponent(outputName)
        if NotebookRenderer.samePath(outputPath, path) {
            throw .invalidOptions("refusing to overwrite the notebook \(path) with its rendering; choose another -o directory")
        }
        let stem = (outputName as NSString).deletingPathExtension
        let (rendered, results, warnings) = try execute(text: text, path: path, filesDirectory: stem + "_files")
        let figurePaths = try NotebookWriter(directory: options.outputDirectory, filesDirectory: stem + "_files",
                                             format: options.format, pngScale: options.pngScale)
            .write(rendered, to: outputName)
        let total = results.reduce(0) { $0 + $1.seconds }
        log("\(path): \(results.count(where: \.ran)) cells in \(NotebookRenderer.seconds(total)), "
            + "\(rendered.figures.count) figure\(rendered.figures.count == 1 ? "" : "s") -> \(outputPath)")
        return RenderSummary(outputPath: outputPath, figurePaths: figurePaths, results: results, warnings: warnings)
    }

    /// Parses and runs a notebook's text, returning the markdown and figures without
    /// writing anything. Warnings and timings go to `log`.
    public func execute(text: String, path: String, filesDirectory: String)
        throws(RenderError) -> (RenderedNotebook, [CellResult], [Diagnostic])
    {
        let document = try NotebookDocument(parsing: text, path: path)
        log("rendering \(path)")
        for warning in document.warnings { log(warning.description) }
        let runner = NotebookRunner(kernel: makeKernel(), cellTimeout: options.cellTimeout)
        let results = try runner.run(document, allowErrors: options.allowErrors) { cell, result in
            guard result.ran else { return log("  cell[\(cell.number)]  skipped") }
            let status = result.error == nil ? "" : result.error!.timedOut ? "  timed out" : "  error"
            log("  cell[\(cell.number)]  \(NotebookRenderer.seconds(result.seconds))\(status)")
        }
        let rendered = MarkdownWriter(filesDirectory: filesDirectory, format: options.format).render(document, results: results)
        return (rendered, results, document.warnings)
    }

    static func seconds(_ s: Double) -> String { String(format: s < 10 ? "%.3f s" : "%.1f s", s) }

    /// The notebook's text, or why it cannot be read.
    static func read(_ path: String) throws(RenderError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .cannotRead(path: path, reason: "No such file or directory")
        }
        if isDirectory.boolValue { throw .cannotRead(path: path, reason: "Is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .cannotRead(path: path, reason: "Permission denied")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .cannotRead(path: path, reason: "not UTF-8 text")
        }
        return text
    }

    /// True when two paths name the same file (after resolving `.`, `..` and symbolic links).
    static func samePath(_ a: String, _ b: String) -> Bool {
        func canonical(_ p: String) -> String {
            URL(fileURLWithPath: p).standardizedFileURL.resolvingSymlinksInPath().path
        }
        return canonical(a) == canonical(b)
    }
}
