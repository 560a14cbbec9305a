/// Facet grids: shared axes, strips naming each column's and row's values.
extension SVGRenderer {
    mutating func drawGrid(_ grid: FacetGrid) {
        let g = GridGeometry(grid)
        let t = g.theme, o = g.options
        for cell in g.cells {
            let plan = g.plans[cell.facet]
            let plot = g.plot(column: cell.column, row: cell.row)
            let frame = AxesFrame(plot: plot, x: Axis(plan.x, from: plot.x, to: plot.maxX),
                                  y: Axis(plan.y, from: plot.maxY, to: plot.y), xTicks: g.xTicks, yTicks: g.yTicks)
            drawAxes(plan, frame, theme: t, xTickLabels: cell.row == g.rowKeys.count - 1, yTickLabels: cell.column == 0)
        }
        // Strips: column values on top, row values at the right (rotated).
        let names = grid.dimensions
        for (c, key) in g.columnKeys.enumerated() {
            let plot = g.plot(column: c, row: 0)
            strip(Rect(x: plot.x, y: plot.y - g.stripHeight - 2, width: plot.width, height: g.stripHeight),
                  "\(names[0]) = \(key)", theme: t, rotated: false)
        }
        if g.hasRowStrip {
            for (r, key) in g.rowKeys.enumerated() {
                let plot = g.plot(column: g.columnKeys.count - 1, row: r)
                let label = zip(names.dropFirst(), key).map { "\($0) = \($1)" }.joined(separator: ", ")
                strip(Rect(x: plot.maxX + 2, y: plot.y, width: g.stripHeight, height: plot.height), label, theme: t,
                      rotated: true)
            }
        }
        let first = g.plot(column: 0, row: 0)
        let last = g.plot(column: max(0, g.columnKeys.count - 1), row: g.rowKeys.count - 1)
        let all = Rect(x: first.x, y: first.y, width: last.maxX - first.x, height: last.maxY - first.y)
        if let title = o.title {
            text(title, x: all.midX, y: t.pad + t.title * 0.8, size: t.title, anchor: "middle", fill: Palette.text)
        }
        var y = all.maxY + t.tickLength + t.tickPad + t.tick + 2
        if let xlabel = o.xlabel {
            y += 6 + t.label
            text(xlabel, x: all.midX, y: y - t.label * 0.2, size: t.label, anchor: "middle", fill: Palette.text)
        }
        if let ylabel = o.ylabel {
            text(ylabel, x: t.pad + t.label * 0.8, y: all.midY, size: t.label, anchor: "middle", fill: Palette.text,
                 rotated: true)
        }
        y += 6
        for note in g.notes {
            y += t.note + 3
            text(note, x: all.maxX, y: y - 3, size: t.note, anchor: "end", fill: Palette.note)
        }
        let rightEdge = all.maxX + (g.hasRowStrip ? g.stripHeight + 4 : 0)
        if let bar = g.colorBar {
            drawColorBar(bar, beside: Rect(x: rightEdge, y: all.y, width: 0, height: all.height), theme: t)
        }
        if !g.legend.isEmpty && (o.showLegend ?? true) {
            let size = SVGRenderer.legendSize(g.legend, theme: t)
            drawLegend(g.legend, in: Rect(x: rightEdge + (g.colorBar?.width ?? 0) + 10, y: all.y,
                                          width: size.width, height: size.height), theme: t)
        }
    }

    /// A grey band with a centred label.
    private mutating func strip(_ r: Rect, _ label: String, theme: Theme, rotated: Bool) {
        w.raw("<rect")
        rectAttributes(r)
        w.raw(" fill=\"" + Palette.strip.hex + "\"/>\n")
        if rotated {
            text(label, x: r.midX - theme.tick * 0.35, y: r.midY, size: theme.tick, anchor: "middle",
                 fill: Palette.text, rotation: 90)
            return
        }
        text(label, x: r.midX, y: r.midY + theme.tick * 0.35, size: theme.tick, anchor: "middle", fill: Palette.text)
    }
}
