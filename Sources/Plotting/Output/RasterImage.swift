import CRsvg

/// A decoded PNG as 8-bit RGBA pixels (not premultiplied), for checking rendered output.
public struct RasterImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Row-major RGBA bytes, 4 per pixel.
    public let rgba: [UInt8]

    /// Decodes PNG bytes with cairo.
    public init(png: [UInt8]) throws {
        let source = ByteSource(png)
        let surface = cairo_image_surface_create_from_png_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
            let source = Unmanaged<ByteSource>.fromOpaque(closure).takeUnretainedValue()
            let n = Int(length)
            guard source.offset + n <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
            source.bytes.withUnsafeBufferPointer { buffer in
                data.update(from: buffer.baseAddress! + source.offset, count: n)
            }
            source.offset += n
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(source).toOpaque())
        guard let surface else { throw PlotError("cairo could not decode the PNG") }
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PlotError("cannot decode PNG: " + String(cString: cairo_status_to_string(status)))
        }
        let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let format = cairo_image_surface_get_format(surface)
        var rgba = [UInt8](repeating: 0, count: w * h * 4)
        if let data = cairo_image_surface_get_data(surface) {
            for y in 0..<h {
                for x in 0..<w {
                    // ARGB32/RGB24 are native-endian 32-bit words, alpha premultiplied.
                    let v = (data + y * stride + x * 4).withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee }
                    let a = format == CAIRO_FORMAT_RGB24 ? 255 : UInt32(v >> 24)
                    func channel(_ c: UInt32) -> UInt8 { a == 0 ? 0 : UInt8(min(255, (c * 255 + a / 2) / a)) }
                    let o = (y * w + x) * 4
                    rgba[o] = channel((v >> 16) & 0xFF)
                    rgba[o + 1] = channel((v >> 8) & 0xFF)
                    rgba[o + 2] = channel(v & 0xFF)
                    rgba[o + 3] = UInt8(a)
                }
            }
        }
        width = w
        height = h
        self.rgba = rgba
    }

    /// The pixel at column `x`, row `y` (from the top): red, green, blue, alpha.
    public func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) {
        let o = (y * width + x) * 4
        return (rgba[o], rgba[o + 1], rgba[o + 2], rgba[o + 3])
    }
}

private final class ByteSource {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}
