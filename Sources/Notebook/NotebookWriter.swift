import Foundation
import Plotting

/// Writes a rendered notebook to disk: the figures into `filesDirectory` (SVG, PNG or
/// both), then the markdown, each file atomically. SVG and PNG files in
/// `filesDirectory` that this render did not produce are removed, and the folder too
/// when nothing is left in it.
struct NotebookWriter {
    /// The output folder (created when missing).
    var directory: String
    /// The figures' folder, relative to `directory` (`NB_files`).
    var filesDirectory: String
    var format: FigureFormat
    var pngScale: Double

    /// Writes `rendered` as `directory/name` and returns the figure files' paths.
    func write(_ rendered: RenderedNotebook, to name: String) throws(RenderError) -> [String] {
        let manager = FileManager.default
        let files = (directory as NSString).appendingPathComponent(filesDirectory)
        try makeDirectory(rendered.figures.isEmpty ? directory : files)
        var written: [String] = []
        for (stem, figure) in rendered.figures {
            for ext in format.extensions {
                let path = (files as NSString).appendingPathComponent(stem + "." + ext)
                do {
                    let bytes = ext == "svg" ? Array(figure.svg().utf8) : try figure.pngData(scale: pngScale)
                    try AtomicFile.write(bytes, to: path)
                } catch {
                    throw .cannotWrite(path: path, reason: "\(error)")
                }
                written.append(path)
            }
        }
        let keep = Set(written.map { ($0 as NSString).lastPathComponent })
        if let existing = try? manager.contentsOfDirectory(atPath: files) {
            for file in existing where !keep.contains(file) && ["svg", "png"].contains((file as NSString).pathExtension) {
                try? manager.removeItem(atPath: (files as NSString).appendingPathComponent(file))
            }
            if (try? manager.contentsOfDirectory(atPath: files))?.isEmpty == true { try? manager.removeItem(atPath: files) }
        }
        let path = (directory as NSString).appendingPathComponent(name)
        do {
            try AtomicFile.write(Array(rendered.markdown.utf8), to: path)
        } catch {
            throw .cannotWrite(path: path, reason: "\(error)")
        }
        return written
    }

    private func makeDirectory(_ path: String) throws(RenderError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            var isDirectory: ObjCBool = false
            let reason = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
                ? "a file is in the way of the folder" : "cannot create the folder"
            throw .cannotWrite(path: path, reason: reason)
        }
    }
}
