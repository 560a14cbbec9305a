/// The fixed colour cycle of series: Paul Tol's "bright" qualitative scheme, designed to be
/// distinguishable by colour-blind readers and to read well on white in SVG and PNG alike.
///
/// Elements that draw with a series colour (curve, scatter, path, area, histogram) take the
/// next palette entry in overlay order unless they set `color`; images use a ``ColorMap``
/// and triangle edges, error bars and text default to neutral dark grey.
public enum Palette {
    /// Blue, red, green, yellow, cyan, purple, grey (`C0`...`C6`).
    public static let colors: [Color] = [
        Color(hex: 0x4477AA), Color(hex: 0xEE6677), Color(hex: 0x228833), Color(hex: 0xCCBB44),
        Color(hex: 0x66CCEE), Color(hex: 0xAA3377), Color(hex: 0xBBBBBB),
    ]

    /// The `i`-th series colour, cycling.
    public static func color(_ i: Int) -> Color { colors[((i % colors.count) + colors.count) % colors.count] }

    // Neutral colours of the chrome (frame, text, grid lines), shared by all renderers.
    static let text = Color(hex: 0x222222)
    static let tickText = Color(hex: 0x333333)
    static let frame = Color(hex: 0x444444)
    static let gridLine = Color(hex: 0xE5E5E5)
    static let note = Color(hex: 0x777777)
    static let neutral = Color(hex: 0x333333)
    static let strip = Color(hex: 0xEBEBEB)
}
