/// Panel options: the look of one set of axes. Every field is optional; `nil` means the
/// default (shown in each field's comment). `a * b` merges options field by field, the left
/// operand's set fields winning (``Options/merged(with:)``).
///
/// Set them with the fluent modifiers on ``Figure`` (`fig.title("peak").logy()`) or by name
/// with ``Figure/options(_:)`` (the names are ``Figure/optionNames``).
public struct Options: Sendable, Equatable {
    /// Title above the axes (none).
    public var title: String?
    /// Axis labels (none).
    public var xlabel: String?
    public var ylabel: String?
    /// Colour bar label (none).
    public var clabel: String?
    /// Explicit axis ranges (automatic: data range plus 5% padding).
    public var xlim: ClosedRange<Double>?
    public var ylim: ClosedRange<Double>?
    /// Colour range of images (automatic: the finite values' range).
    public var clim: ClosedRange<Double>?
    /// Data selection: only data inside is used for automatic ranges, and finite bounds
    /// become the shown range (see ``Figure/select(x:y:)``).
    public var selectX: ClosedRange<Double>?
    public var selectY: ClosedRange<Double>?
    /// Logarithmic axes (false); `logz` is the colour scale of images.
    public var logx: Bool?
    public var logy: Bool?
    public var logz: Bool?
    /// Legend visibility (shown when some element has a label) and position (`best`).
    public var showLegend: Bool?
    public var legendPosition: LegendPosition?
    /// Size in px of the whole panel including margins (480 × 320; 200 × 160 per facet).
    public var width: Double?
    public var height: Double?
    /// Light grid lines at the major ticks (true).
    public var showGrid: Bool?
    /// Colour map of images (viridis) and whether the colour bar is drawn (true).
    public var cmap: ColorMap?
    public var colorbar: Bool?
    /// Tick label font size in px (11); titles and labels scale with it.
    public var fontSize: Double?
    /// Tick placement (automatic).
    public var xticks: TickSpec?
    public var yticks: TickSpec?

    public init() {}

    /// Fields set here win; unset ones are taken from `other`.
    public func merged(with other: Options) -> Options {
        var o = self
        o.title = title ?? other.title
        o.xlabel = xlabel ?? other.xlabel
        o.ylabel = ylabel ?? other.ylabel
        o.clabel = clabel ?? other.clabel
        o.xlim = xlim ?? other.xlim
        o.ylim = ylim ?? other.ylim
        o.clim = clim ?? other.clim
        o.selectX = selectX ?? other.selectX
        o.selectY = selectY ?? other.selectY
        o.logx = logx ?? other.logx
        o.logy = logy ?? other.logy
        o.logz = logz ?? other.logz
        o.showLegend = showLegend ?? other.showLegend
        o.legendPosition = legendPosition ?? other.legendPosition
        o.width = width ?? other.width
        o.height = height ?? other.height
        o.showGrid = showGrid ?? other.showGrid
        o.cmap = cmap ?? other.cmap
        o.colorbar = colorbar ?? other.colorbar
        o.fontSize = fontSize ?? other.fontSize
        o.xticks = xticks ?? other.xticks
        o.yticks = yticks ?? other.yticks
        return o
    }
}

/// Where the legend goes: a corner inside the axes, `best` (the corner covering the
/// fewest data points) or `right` (outside, beside the axes).
public enum LegendPosition: String, Sendable, CaseIterable {
    case best
    case topRight = "top_right"
    case topLeft = "top_left"
    case bottomLeft = "bottom_left"
    case bottomRight = "bottom_right"
    case right
}

/// Tick placement of an axis: about `count` nice ticks, or exactly these positions.
public enum TickSpec: Sendable, Equatable {
    case count(Int)
    case positions([Double])
}
