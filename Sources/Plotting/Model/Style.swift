/// How one element is drawn. `nil` fields take the defaults of the element's kind
/// (for example a series colour from the ``Palette``, 1.5 px lines, 5 px markers).
public struct Style: Sendable, Equatable {
    /// Stroke or fill colour.
    public var color: Color?
    /// Opacity in [0, 1].
    public var alpha: Double?
    /// Line width in px (curves, paths, edges, error bars).
    public var lineWidth: Double?
    /// Marker diameter in px (scatter) or font size in px (text).
    public var size: Double?
    /// Dash pattern of lines.
    public var dash: LineDash?
    /// Horizontal anchoring of text elements.
    public var anchor: TextAnchor?

    public init(color: Color? = nil, alpha: Double? = nil, lineWidth: Double? = nil, size: Double? = nil,
                dash: LineDash? = nil, anchor: TextAnchor? = nil) {
        self.color = color
        self.alpha = alpha
        self.lineWidth = lineWidth
        self.size = size
        self.dash = dash
        self.anchor = anchor
    }
}

/// Line dash patterns (holoviews' `line_dash` names).
public enum LineDash: String, Sendable, CaseIterable {
    case solid, dashed, dotted, dashdot

    /// The SVG `stroke-dasharray` for a line of width `w`, or nil for solid lines.
    func dashArray(width w: Double) -> [Double]? {
        switch self {
        case .solid: nil
        case .dashed: [4 * w + 2, 2 * w + 2]
        case .dotted: [w, 2 * w + 1]
        case .dashdot: [4 * w + 2, 2 * w + 1, w, 2 * w + 1]
        }
    }
}

/// Where a text element sits relative to its point.
public enum TextAnchor: String, Sendable, CaseIterable {
    case start, middle, end
}
