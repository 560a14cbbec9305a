/// Sizes of the chrome around the data, derived from the tick font size (option `fontsize`).
struct Theme {
    /// Tick labels and legend entries.
    let tick: Double
    var label: Double { tick + 1 }
    var title: Double { tick + 3 }
    var note: Double { max(6, tick - 2) }

    let tickLength = 4.0
    let minorTickLength = 2.0
    let tickPad = 3.0
    /// Space at the outer edges of a panel.
    let pad = 8.0

    init(_ options: Options) { tick = options.fontSize ?? 11 }

    /// Default panel sizes.
    static let width = 480.0
    static let height = 320.0
    static let facetWidth = 200.0
    static let facetHeight = 160.0
    /// Gap between panels of a layout.
    static let gap = 12.0
}
