/// Appends SVG text to a byte buffer with fixed, locale-free number formatting.
///
/// Coordinates print with at most two decimals, trailing zeros dropped (`12`, `12.5`,
/// `-0.25`), from integer arithmetic, so the same figure always gives the same bytes.
/// Element ids are written as a marker byte plus a local suffix; ``finish()`` replaces the
/// marker with a prefix hashed from the document itself (FNV-1a), so two different figures
/// inlined in one HTML page never share an id, yet a figure's text stays reproducible.
struct SVGWriter {
    private(set) var bytes: [UInt8] = []
    private static let idMarker: UInt8 = 0x01

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// Appends literal markup (never user text: use ``text(_:)`` for that).
    @inline(__always) mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    @inline(__always) mutating func byte(_ b: UInt8) { bytes.append(b) }

    /// Appends bytes known to be plain ASCII without markup characters (base64 data).
    mutating func ascii(_ data: [UInt8]) { bytes.append(contentsOf: data) }

    /// Appends a number rounded to two decimals, trailing zeros dropped.
    @inline(__always) mutating func num(_ v: Double) {
        let clamped = v.isFinite ? min(max(v, -1e12), 1e12) : 0
        var q = Int((clamped * 100).rounded())
        if q < 0 {
            bytes.append(UInt8(ascii: "-"))
            q = -q
        }
        int(q / 100)
        let f = q % 100
        if f != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(48 + UInt8(f / 10))
            if f % 10 != 0 { bytes.append(48 + UInt8(f % 10)) }
        }
    }

    /// Appends a number given in hundredths (already quantized), e.g. 1250 -> `12.5`.
    @inline(__always) mutating func hundredths(_ q: Int) {
        num(Double(q) / 100)
    }

    /// Appends a non-negative integer.
    @inline(__always) mutating func int(_ n: Int) {
        if n < 10 {
            bytes.append(48 + UInt8(n))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var m = n
        withUnsafeMutableBytes(of: &digits) { buffer in
            while m > 0 {
                buffer[count] = 48 + UInt8(m % 10)
                m /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[i]) }
        }
    }

    /// Appends a quoted attribute ` name="v"` with a formatted number.
    mutating func attr(_ name: String, _ v: Double) {
        bytes.append(UInt8(ascii: " "))
        raw(name)
        raw("=\"")
        num(v)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends a quoted attribute ` name="s"`, escaping `s`.
    mutating func attr(_ name: String, _ s: String) {
        bytes.append(UInt8(ascii: " "))
        raw(name)
        raw("=\"")
        text(s)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends user text escaped for XML content and attributes; control characters
    /// (which XML forbids) become spaces.
    mutating func text(_ s: String) {
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            case UInt8(ascii: "\""): raw("&quot;")
            case 0..<0x20, 0x7F: bytes.append(UInt8(ascii: " "))
            default: bytes.append(b)
            }
        }
    }

    /// Appends a document-unique id: the document's hash prefix, `-`, then `suffix`.
    mutating func id(_ suffix: String) {
        bytes.append(SVGWriter.idMarker)
        bytes.append(UInt8(ascii: "-"))
        raw(suffix)
    }

    /// The document text, with id markers replaced by `f` + 8 hex digits of its hash.
    func finish() -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            hash ^= UInt64(b)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let folded = UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
        let hex = Array("0123456789abcdef".utf8)
        var prefix: [UInt8] = [UInt8(ascii: "f")]
        for shift in stride(from: 28, through: 0, by: -4) { prefix.append(hex[Int((folded >> UInt32(shift)) & 0xF)]) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        for b in bytes {
            if b == SVGWriter.idMarker { out.append(contentsOf: prefix) } else { out.append(b) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func color(_ c: Color) { raw(c.hex) }
}
