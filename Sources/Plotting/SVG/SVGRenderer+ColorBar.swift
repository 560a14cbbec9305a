/// The colour bar of images: a gradient strip right of the axes with its own ticks.
struct ColorBar {
    var scale: ColorScale
    var ticks: TickSet
    var label: String?
    /// Horizontal space taken right of the plot, including the gap and tick labels.
    var width: Double

    static let gap = 12.0
    static let barWidth = 12.0

    init(scale: ColorScale, length: Double, theme: Theme, label: String?) {
        self.scale = scale
        self.label = label
        ticks = SVGRenderer.ticks(scale.domain, spec: nil, length: length, vertical: true, theme: theme)
        let labelWidth = ticks.labels.map { TextMetrics.width($0, size: theme.tick) }.max() ?? 0
        width = ColorBar.gap + ColorBar.barWidth + theme.tickLength + theme.tickPad + labelWidth
            + (label != nil ? 6 + theme.label : 0)
    }
}

extension SVGRenderer {
    mutating func drawColorBar(_ bar: ColorBar, beside plot: Rect, theme: Theme) {
        let r = Rect(x: plot.maxX + ColorBar.gap, y: plot.y, width: ColorBar.barWidth, height: plot.height)
        let gradient = newID("g")
        w.raw("<linearGradient id=\"")
        w.id(gradient)
        w.raw("\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">\n")
        let stops = 32
        for (i, c) in bar.scale.map.samples(stops + 1).enumerated() {
            w.raw("<stop offset=\"")
            w.num(100 * Double(i) / Double(stops))
            w.raw("%\" stop-color=\"" + c.hex + "\"/>\n")
        }
        w.raw("</linearGradient>\n<rect")
        rectAttributes(r)
        w.raw(" fill=\"url(#")
        w.id(gradient)
        w.raw(")\" stroke=\"" + Palette.frame.hex + "\" stroke-width=\"1\"/>\n")

        let axis = Axis(bar.scale.domain, from: r.maxY, to: r.y)
        let inside = { (p: Double) in p >= r.y - 0.01 && p <= r.maxY + 0.01 }
        let majors = bar.ticks.values.map(axis.pixel).filter(inside)
        let minors = bar.ticks.minor.map(axis.pixel).filter(inside)
        if !majors.isEmpty || !minors.isEmpty {
            w.raw("<path fill=\"none\" stroke=\"" + Palette.frame.hex + "\" stroke-width=\"1\" d=\"")
            for y in majors { line(r.maxX, y, r.maxX + theme.tickLength, y) }
            for y in minors { line(r.maxX, y, r.maxX + theme.minorTickLength, y) }
            w.raw("\"/>\n")
        }
        w.raw("<g font-size=\"")
        w.num(theme.tick)
        w.raw("\" fill=\"" + Palette.tickText.hex + "\">\n")
        for (v, label) in zip(bar.ticks.values, bar.ticks.labels) where inside(axis.pixel(v)) {
            text(label, x: r.maxX + theme.tickLength + theme.tickPad, y: axis.pixel(v) + theme.tick * 0.35)
        }
        w.raw("</g>\n")
        if let label = bar.label {
            text(label, x: plot.maxX + bar.width - theme.label * 0.2, y: r.midY, size: theme.label, anchor: "middle",
                 fill: Palette.text, rotated: true)
        }
    }
}
