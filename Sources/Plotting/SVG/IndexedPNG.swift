/// Encodes a palette image as PNG (colour type 3), for heat maps embedded in SVG as
/// `data:image/png;base64,...`. Palette index 0 is transparent (NaN and excluded cells).
struct IndexedPNG {
    var width: Int
    var height: Int
    /// One palette index per pixel, rows top to bottom.
    var pixels: [UInt8]
    /// Up to 256 colours; entry 0 is drawn transparent.
    var palette: [Color]

    func encoded() -> [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += IndexedPNG.bigEndian(UInt32(width))
        header += IndexedPNG.bigEndian(UInt32(height))
        header += [8, 3, 0, 0, 0]  // 8-bit palette indices, no interlace
        IndexedPNG.chunk("IHDR", header, into: &png)
        IndexedPNG.chunk("PLTE", palette.flatMap { [$0.red, $0.green, $0.blue] }, into: &png)
        IndexedPNG.chunk("tRNS", [0], into: &png)
        var raw: [UInt8] = []
        raw.reserveCapacity((width + 1) * height)
        for row in 0..<height {
            raw.append(0)  // filter: none (recommended for palette images)
            raw += pixels[(row * width)..<((row + 1) * width)]
        }
        IndexedPNG.chunk("IDAT", Deflate.zlib(raw), into: &png)
        IndexedPNG.chunk("IEND", [], into: &png)
        return png
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    private static func chunk(_ type: String, _ data: [UInt8], into png: inout [UInt8]) {
        png += bigEndian(UInt32(data.count))
        let body = Array(type.utf8) + data
        png += body
        png += bigEndian(crc32(body))
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

/// Standard base64 (RFC 4648) with padding.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((data.count + 2) / 3 * 4)
        var i = 0
        while i < data.count {
            let b0 = UInt32(data[i])
            let b1 = i + 1 < data.count ? UInt32(data[i + 1]) : 0
            let b2 = i + 2 < data.count ? UInt32(data[i + 2]) : 0
            let v = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(v >> 18)])
            out.append(alphabet[Int((v >> 12) & 63)])
            out.append(i + 1 < data.count ? alphabet[Int((v >> 6) & 63)] : UInt8(ascii: "="))
            out.append(i + 2 < data.count ? alphabet[Int(v & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return out
    }
}
