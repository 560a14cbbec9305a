/// Estimated text widths for layout (margins, legend boxes), from DejaVu Sans advance
/// widths. librsvg does the real layout; these only need to be close (a few % off is fine).
enum TextMetrics {
    /// Advance widths of ASCII 32...126 in 1/2048 em (DejaVu Sans).
    private static let ascii: [UInt16] = [
        651, 823, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,  // space.../
        1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303,  // 0-9
        690, 690, 1716, 1716, 1716, 1087, 2048,  // :;<=>?@
        1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767,  // A-M
        1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403,  // N-Z
        799, 690, 799, 1716, 1024, 1024,  // [\]^_`
        1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995,  // a-m
        1298, 1253, 1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075,  // n-z
        1303, 690, 1303, 1716,  // {|}~
    ]

    /// Width in px of `s` at font size `size`.
    static func width(_ s: String, size: Double) -> Double {
        var units = 0.0
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v >= 32 && v <= 126 {
                units += Double(ascii[Int(v - 32)])
            } else if (0x2070...0x209F).contains(v) || v == 0xB9 || v == 0xB2 || v == 0xB3 {
                units += 840  // superscripts
            } else if v == 0x2212 || v == 0xD7 || (0x2200...0x22FF).contains(v) {
                units += 1716  // − × ≤ and other math operators
            } else {
                units += 1300
            }
        }
        return units / 2048 * size
    }
}
