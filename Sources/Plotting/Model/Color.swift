/// An opaque sRGB colour. Transparency is a separate `alpha` style, so SVG output stays
/// `fill="#rrggbb"` plus an opacity attribute that every renderer understands.
public struct Color: Sendable, Hashable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `0xRRGGBB`.
    public init(hex: UInt32) {
        self.init(red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
    }

    /// Parses `#rgb`, `#rrggbb`, a name from ``Color/names`` or a palette entry `C0`...`C6`.
    public init(parsing text: String) throws {
        let lower = text.lowercased()
        if let named = Color.named[lower] {
            self = named
            return
        }
        if lower.count == 2, lower.first == "c", let i = Int(lower.dropFirst()), i >= 0, i < Palette.colors.count {
            self = Palette.colors[i]
            return
        }
        if lower.first == "#" {
            let digits = lower.dropFirst()
            if let value = UInt32(digits, radix: 16) {
                if digits.count == 6 {
                    self.init(hex: value)
                    return
                }
                if digits.count == 3 {
                    let r = (value >> 8) & 0xF, g = (value >> 4) & 0xF, b = value & 0xF
                    self.init(hex: (r * 17) << 16 | (g * 17) << 8 | b * 17)
                    return
                }
            }
        }
        throw PlotError(
            "unknown colour '\(text)'; use '#rrggbb', 'C0'...'C\(Palette.colors.count - 1)' or one of: "
                + Color.names.joined(separator: ", "))
    }

    /// `#rrggbb`, lower case.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for c in [red, green, blue] {
            s.append(digits[Int(c >> 4)])
            s.append(digits[Int(c & 0xF)])
        }
        return s
    }

    public var description: String { hex }

    /// Linear mix with `other`: `t = 0` is self, `t = 1` is `other`.
    func mixed(with other: Color, _ t: Double) -> Color {
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded())
        }
        return Color(red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
    }

    public static let black = Color(hex: 0x000000)
    public static let white = Color(hex: 0xFFFFFF)

    /// The colour names accepted by ``Color/init(parsing:)``, sorted.
    public static var names: [String] { named.keys.sorted() }

    private static let named: [String: Color] = [
        "black": Color(hex: 0x000000), "white": Color(hex: 0xFFFFFF),
        "gray": Color(hex: 0x808080), "grey": Color(hex: 0x808080),
        "lightgray": Color(hex: 0xD3D3D3), "lightgrey": Color(hex: 0xD3D3D3),
        "darkgray": Color(hex: 0x555555), "darkgrey": Color(hex: 0x555555),
        "red": Color(hex: 0xD62728), "green": Color(hex: 0x2CA02C), "blue": Color(hex: 0x1F77B4),
        "orange": Color(hex: 0xFF7F0E), "purple": Color(hex: 0x9467BD), "brown": Color(hex: 0x8C564B),
        "pink": Color(hex: 0xE377C2), "olive": Color(hex: 0xBCBD22), "cyan": Color(hex: 0x17BECF),
        "magenta": Color(hex: 0xFF00FF), "yellow": Color(hex: 0xFFD700), "navy": Color(hex: 0x000080),
        "teal": Color(hex: 0x008080),
    ]
}
