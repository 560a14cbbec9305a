#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Deterministic number formatting built from integer arithmetic (no locale, no `printf`).
///
/// Tick labels are formatted from an exact decimal `n × 10^e` (see ``Ticks``), so `0.2`
/// never prints as `0.20000000000000001`; labels use the typographic minus `−` (U+2212)
/// as matplotlib does. ``NumberFormat/compact(_:)`` is the ASCII `%g`-like style of messages.
enum NumberFormat {
    static let minus = "\u{2212}"

    /// Up to 6 significant digits, trailing zeros dropped: `1`, `0.5`, `-2.25`, `1e-06`
    /// becomes `1e-6`, `2.5e+06` becomes `2.5e6`. `nan`, `inf`, `-inf` for non-finite values.
    static func compact(_ v: Double, significant: Int = 6) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        if v == 0 { return "0" }
        let sign = v < 0 ? "-" : ""
        let a = Swift.abs(v)
        var e = Int(floor(log10(a)))
        if e >= -4 && e < significant {
            let d = max(0, significant - 1 - e)
            let scaled = Int((a * pow(10, Double(d))).rounded())
            // Rounding up may add a digit (999999.7 -> 1000000): then scientific it is.
            if String(scaled).count <= significant || d > 0 {
                return sign + trimmed(ScaledDecimal(n: scaled, e: -d).plain(decimals: d))
            }
        }
        var m = Int((a / pow(10, Double(e)) * pow(10, Double(significant - 1))).rounded())
        if m >= Int(pow(10, Double(significant))) {
            m /= 10
            e += 1
        }
        let mantissa = ScaledDecimal(n: m, e: -(significant - 1)).plain(decimals: significant - 1)
        return sign + trimmed(mantissa) + "e" + String(e)
    }

    /// Drops trailing zeros after a decimal point, and the point itself if nothing remains.
    static func trimmed(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return String(t)
    }

    /// `10` followed by the exponent in superscript digits: `10⁻⁵`, `10⁰`, `10¹²`.
    static func powerOfTen(_ k: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        var s = k < 0 ? "⁻" : ""
        for c in String(Swift.abs(k)) { s.append(digits[Int(c.asciiValue! - 48)]) }
        return "10" + s
    }
}

/// An exact decimal `n × 10^e`, the form in which ticks are generated and printed.
struct ScaledDecimal: Equatable {
    var n: Int
    var e: Int

    /// The nearest Double (exact when `n` and `10^|e|` are, as for ordinary ticks).
    var value: Double {
        e >= 0 ? Double(n) * pow(10, Double(e)) : Double(n) / pow(10, Double(-e))
    }

    /// Fixed notation with exactly `decimals` digits after the point (ASCII minus).
    func plain(decimals: Int) -> String {
        var n = self.n, e = self.e
        // Bring to exponent -decimals (only ever widening or trimming zeros).
        while e > -decimals { n *= 10; e -= 1 }
        while e < -decimals && n % 10 == 0 { n /= 10; e += 1 }
        let negative = n < 0
        var digits = String(Swift.abs(n))
        let d = -e
        if d > 0 {
            if digits.count <= d { digits = String(repeating: "0", count: d - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -d))
        }
        return (negative ? "-" : "") + digits
    }

    /// Scientific notation with the fewest mantissa digits: `1.5e-5`, `2e6`, `0`.
    func scientific() -> String {
        guard n != 0 else { return "0" }
        var n = Swift.abs(self.n), e = self.e
        while n % 10 == 0 { n /= 10; e += 1 }
        let ds = String(n)
        let exponent = e + ds.count - 1
        var mantissa = String(ds.first!)
        if ds.count > 1 { mantissa += "." + ds.dropFirst() }
        return (self.n < 0 ? "-" : "") + mantissa + "e" + String(exponent)
    }
}
