/// A single panel: margins sized from the tick labels, then axes, title, axis labels,
/// colour bar, legend and notes.
extension SVGRenderer {
    /// The geometry of one set of axes: the plot rectangle and both scales with their ticks.
    struct AxesFrame {
        var plot: Rect
        var x: Axis
        var y: Axis
        var xTicks: TickSet
        var yTicks: TickSet
    }

    mutating func drawPanel(_ plan: PanelPlan, width: Double, height: Double) {
        let theme = Theme(plan.options)
        let o = plan.options
        let top = (theme.pad + (o.title != nil ? theme.title + 8 : 2)).rounded()
        let notesHeight = Double(plan.notes.count) * (theme.note + 3)
        let bottom = theme.tickLength + theme.tickPad + theme.tick + 2
            + (o.xlabel != nil ? 6 + theme.label : 0) + (plan.notes.isEmpty ? 0 : 6 + notesHeight) + theme.pad
        let plotHeight = max(20, height - top - bottom).rounded()
        let yTicks = SVGRenderer.ticks(plan.y, spec: o.yticks, length: plotHeight, vertical: true, theme: theme)
        let yLabelWidth = yTicks.labels.map { TextMetrics.width($0, size: theme.tick) }.max() ?? 0
        let left = (theme.pad + (o.ylabel != nil ? theme.label + 6 : 0) + yLabelWidth + theme.tickPad + theme.tickLength)
            .rounded(.up)
        var right = theme.pad + 6

        var colorBar: ColorBar?
        if let scale = plan.color, o.colorbar ?? true {
            let bar = ColorBar(scale: scale, length: plotHeight, theme: theme, label: o.clabel)
            right += bar.width
            colorBar = bar
        }
        let entries = SVGRenderer.legendEntries(plan)
        let legendSize = SVGRenderer.legendSize(entries, theme: theme)
        let showLegend = !entries.isEmpty && (o.showLegend ?? true)
        let position = o.legendPosition ?? .best
        if showLegend && position == .right { right += 10 + legendSize.width }

        let plotWidth = max(20, width - left - right).rounded()
        let plot = Rect(x: left, y: top, width: plotWidth, height: plotHeight)
        let xAxis = Axis(plan.x, from: plot.x, to: plot.maxX)
        let frame = AxesFrame(
            plot: plot, x: xAxis, y: Axis(plan.y, from: plot.maxY, to: plot.y),
            xTicks: SVGRenderer.ticks(plan.x, spec: o.xticks, length: plotWidth, vertical: false, theme: theme),
            yTicks: yTicks)
        drawAxes(plan, frame, theme: theme, xTickLabels: true, yTickLabels: true)

        if let title = o.title {
            text(title, x: plot.midX, y: theme.pad + theme.title * 0.8, size: theme.title, anchor: "middle",
                 fill: Palette.text)
        }
        var y = plot.maxY + theme.tickLength + theme.tickPad + theme.tick + 2
        if let xlabel = o.xlabel {
            y += 6 + theme.label
            text(xlabel, x: plot.midX, y: y - theme.label * 0.2, size: theme.label, anchor: "middle", fill: Palette.text)
        }
        if let ylabel = o.ylabel {
            text(ylabel, x: theme.pad + theme.label * 0.8, y: plot.midY, size: theme.label, anchor: "middle",
                 fill: Palette.text, rotated: true)
        }
        y += 6
        for note in plan.notes {
            y += theme.note + 3
            text(note, x: plot.maxX, y: y - 3, size: theme.note, anchor: "end", fill: Palette.note)
        }
        if let colorBar { drawColorBar(colorBar, beside: plot, theme: theme) }
        if showLegend {
            let box: Rect
            if position == .right {
                box = Rect(x: plot.maxX + (colorBar?.width ?? 0) + 10, y: plot.y,
                           width: legendSize.width, height: legendSize.height)
            } else {
                box = legendBox(position, size: legendSize, plan: plan, frame: frame)
            }
            drawLegend(entries, in: box, theme: theme)
        }
    }

    /// Ticks for an axis of `length` px: explicit positions, a requested count, or about one
    /// tick per 80 px (x) / 45 px (y), thinned until the labels do not overlap.
    static func ticks(_ domain: Domain, spec: TickSpec?, length: Double, vertical: Bool, theme: Theme) -> TickSet {
        func make(_ target: Double) -> TickSet {
            domain.isLog ? Ticks.log(domain.lo, domain.hi, target: target) : Ticks.linear(domain.lo, domain.hi, target: target)
        }
        switch spec {
        case .positions(let p): return Ticks.explicit(p, lo: domain.lo, hi: domain.hi)
        case .count(let n): return n == 0 ? .empty : make(Double(n))
        case nil: break
        }
        var target = max(2, min(10, (length / (vertical ? 45 : 80)).rounded()))
        while true {
            let ticks = make(target)
            if target <= 2 || ticks.values.count < 2 { return ticks }
            let axis = Axis(domain, from: 0, to: length)
            let positions = ticks.values.map(axis.pixel)
            let gap = zip(positions, positions.dropFirst()).map { Swift.abs($1 - $0) }.min() ?? length
            let needed = vertical ? theme.tick * 1.5
                : (ticks.labels.map { TextMetrics.width($0, size: theme.tick) }.max() ?? 0) + theme.tick
            if gap >= needed { return ticks }
            target -= 1
        }
    }
}
