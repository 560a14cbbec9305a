import CRsvg

/// Rasterizes SVG text to PNG in process: librsvg renders onto a cairo ARGB32 image surface
/// painted white first, then cairo encodes the PNG (no timestamp: same input, same bytes).
///
/// Text is laid out by librsvg with the installed fonts (fonts-dejavu-core), so the PNG
/// shows exactly what the SVG shows.
public enum PNGRasterizer {
    /// Largest pixel width or height cairo's image surfaces support.
    public static let maxSide = 32767

    /// PNG bytes of `svg` drawn at `scale` device pixels per SVG px; the SVG is `width` ×
    /// `height` px, so the PNG is `round(width · scale)` × `round(height · scale)`.
    public static func png(svg: String, width: Double, height: Double, scale: Double) throws -> [UInt8] {
        try render(svg: svg, width: width, height: height, scale: scale) { surface in
            let sink = ByteSink()
            let status = cairo_surface_write_to_png_stream(surface, { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque())
            guard status == CAIRO_STATUS_SUCCESS else {
                throw PlotError("cairo could not encode the PNG: " + String(cString: cairo_status_to_string(status)))
            }
            return sink.bytes
        }
    }

    /// Renders and hands the finished surface to `body` (valid only during the call).
    static func render<T>(svg: String, width: Double, height: Double, scale: Double,
                          _ body: (OpaquePointer) throws -> T) throws -> T {
        guard scale.isFinite, scale > 0 else { throw PlotError("scale must be a positive number, got \(scale)") }
        let pw = Int((width * scale).rounded()), ph = Int((height * scale).rounded())
        guard pw >= 1, ph >= 1, pw <= maxSide, ph <= maxSide else {
            throw PlotError("PNG size \(pw)×\(ph) px (figure \(NumberFormat.compact(width))×\(NumberFormat.compact(height)) at scale \(NumberFormat.compact(scale))) must be within 1...\(maxSide) px per side")
        }
        var error: UnsafeMutablePointer<GError>? = nil
        let bytes = Array(svg.utf8)
        let handle = bytes.withUnsafeBufferPointer { rsvg_handle_new_from_data($0.baseAddress, gsize($0.count), &error) }
        guard let handle else { throw PlotError("librsvg could not read the SVG: " + consume(error)) }
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }

        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(pw), Int32(ph)),
            cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS
        else { throw PlotError("cairo could not create a \(pw)×\(ph) image") }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { throw PlotError("cairo could not create a drawing context") }
        defer { cairo_destroy(cr) }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        var viewport = RsvgRectangle(x: 0, y: 0, width: Double(pw), height: Double(ph))
        if rsvg_handle_render_document(handle, cr, &viewport, &error) == 0 {
            throw PlotError("librsvg could not render the SVG: " + consume(error))
        }
        cairo_surface_flush(surface)
        return try body(surface)
    }

    /// The message of a GError (freeing it).
    private static func consume(_ error: UnsafeMutablePointer<GError>?) -> String {
        guard let error else { return "unknown error" }
        defer { g_error_free(error) }
        return error.pointee.message.map { String(cString: $0) } ?? "unknown error"
    }
}

/// Collects the bytes cairo streams out.
private final class ByteSink {
    var bytes: [UInt8] = []
}
