/// Figures rendered as SVG text and rasterized to PNG. Knows nothing of learners or Lua.
///
/// A ``Figure`` is a value: one panel of overlaid ``Element``s (curves, scatters, images...)
/// with ``Options``, a layout of panels (`a + b`), or a grid of small multiples keyed by named
/// dimensions (``Figure/grid(_:dimensions:)``). `a * b` overlays panels on shared axes.
///
/// ```swift
/// let fig = try (Figure.curve(xs, ys, label: "f") * Figure.scatter(xs, ys))
///     .title("peak").xlabel("x")
/// let svg = fig.svg()                       // deterministic text
/// try fig.save(to: "peak.png", scale: 2)    // rasterized by librsvg
/// ```
public enum Plotting {
    /// Default PNG scale: 2 device pixels per SVG pixel (crisp on high-density screens).
    public static let defaultScale: Double = 2
}
