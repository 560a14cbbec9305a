/// Rendering and saving figures.
extension Figure {
    /// The figure as SVG text: deterministic (the same figure gives the same bytes),
    /// numbers with at most two decimals, real `<text>` in DejaVu Sans.
    public func svg() -> String { SVGRenderer.render(self) }

    /// Size in SVG px (the PNG is this times the scale).
    public var pixelSize: (width: Double, height: Double) { SVGRenderer.size(of: self) }

    /// PNG bytes: the SVG rasterized by librsvg at `scale` device pixels per SVG px
    /// (default 2, crisp on high-density screens), on white.
    public func pngData(scale: Double = Plotting.defaultScale) throws -> [UInt8] {
        let size = pixelSize
        return try PNGRasterizer.png(svg: svg(), width: size.width, height: size.height, scale: scale)
    }

    /// File extensions ``Figure/save(to:scale:)`` understands.
    public static let supportedExtensions = ["svg", "png"]

    /// Writes the figure atomically to `path`, as SVG or PNG by the extension (any case).
    /// Another extension, or an unwritable path, throws a ``PlotError`` and leaves no file.
    public func save(to path: String, scale: Double = Plotting.defaultScale) throws {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        let ext = name.contains(".") ? String(name.split(separator: ".").last ?? "").lowercased() : ""
        let bytes: [UInt8]
        switch ext {
        case "svg": bytes = Array(svg().utf8)
        case "png": bytes = try pngData(scale: scale)
        default:
            let given = ext.isEmpty ? "no extension" : "extension '.\(ext)'"
            throw PlotError("cannot save '\(path)': \(given); supported: "
                + Figure.supportedExtensions.map { "." + $0 }.joined(separator: ", "))
        }
        try AtomicFile.write(bytes, to: path)
    }
}
