/// One set of axes: grid lines, the clipped data, the frame, ticks and tick labels.
extension SVGRenderer {
    mutating func drawAxes(_ plan: PanelPlan, _ f: AxesFrame, theme: Theme, xTickLabels: Bool, yTickLabels: Bool) {
        let plot = f.plot
        let xs = f.xTicks.values.map(f.x.pixel).filter { $0 >= plot.x - 0.01 && $0 <= plot.maxX + 0.01 }
        let ys = f.yTicks.values.map(f.y.pixel).filter { $0 >= plot.y - 0.01 && $0 <= plot.maxY + 0.01 }

        if plan.options.showGrid ?? true, !(xs.isEmpty && ys.isEmpty) {
            w.raw("<path fill=\"none\" stroke=\"" + Palette.gridLine.hex + "\" stroke-width=\"1\" d=\"")
            for x in xs { line(x, plot.y, x, plot.maxY) }
            for y in ys { line(plot.x, y, plot.maxX, y) }
            w.raw("\"/>\n")
        }

        let clipID = newID("c")
        w.raw("<clipPath id=\"")
        w.id(clipID)
        w.raw("\"><rect")
        rectAttributes(plot)
        w.raw("/></clipPath>\n<g clip-path=\"url(#")
        w.id(clipID)
        w.raw(")\">\n")
        for (i, element) in plan.elements.enumerated() {
            drawElement(element, color: plan.colors[i], plan: plan, frame: f)
        }
        w.raw("</g>\n")

        w.raw("<rect fill=\"none\" stroke=\"" + Palette.frame.hex + "\" stroke-width=\"1\"")
        rectAttributes(plot)
        w.raw("/>\n")

        // Ticks point outwards from the bottom and left edges.
        let minorX = f.xTicks.minor.map(f.x.pixel).filter { $0 >= plot.x && $0 <= plot.maxX }
        let minorY = f.yTicks.minor.map(f.y.pixel).filter { $0 >= plot.y && $0 <= plot.maxY }
        if !(xs.isEmpty && ys.isEmpty && minorX.isEmpty && minorY.isEmpty) {
            w.raw("<path fill=\"none\" stroke=\"" + Palette.frame.hex + "\" stroke-width=\"1\" d=\"")
            for x in xs { line(x, plot.maxY, x, plot.maxY + theme.tickLength) }
            for y in ys { line(plot.x - theme.tickLength, y, plot.x, y) }
            for x in minorX { line(x, plot.maxY, x, plot.maxY + theme.minorTickLength) }
            for y in minorY { line(plot.x - theme.minorTickLength, y, plot.x, y) }
            w.raw("\"/>\n")
        }

        let labelColor = Palette.tickText.hex
        if xTickLabels, !f.xTicks.values.isEmpty {
            w.raw("<g font-size=\"")
            w.num(theme.tick)
            w.raw("\" fill=\"" + labelColor + "\" text-anchor=\"middle\">\n")
            let baseline = plot.maxY + theme.tickLength + theme.tickPad + theme.tick * 0.8
            for (v, label) in zip(f.xTicks.values, f.xTicks.labels) {
                let x = f.x.pixel(v)
                guard x >= plot.x - 0.01 && x <= plot.maxX + 0.01 else { continue }
                text(label, x: x, y: baseline)
            }
            w.raw("</g>\n")
        }
        if yTickLabels, !f.yTicks.values.isEmpty {
            w.raw("<g font-size=\"")
            w.num(theme.tick)
            w.raw("\" fill=\"" + labelColor + "\" text-anchor=\"end\">\n")
            for (v, label) in zip(f.yTicks.values, f.yTicks.labels) {
                let y = f.y.pixel(v)
                guard y >= plot.y - 0.01 && y <= plot.maxY + 0.01 else { continue }
                text(label, x: plot.x - theme.tickLength - theme.tickPad, y: y + theme.tick * 0.35)
            }
            w.raw("</g>\n")
        }
        if plan.isEmpty {
            text("no data", x: plot.midX, y: plot.midY + theme.label * 0.35, size: theme.label, anchor: "middle",
                 fill: Palette.note)
        }
    }

    /// ` x=".." y=".." width=".." height=".."`.
    mutating func rectAttributes(_ r: Rect) {
        w.attr("x", r.x)
        w.attr("y", r.y)
        w.attr("width", r.width)
        w.attr("height", r.height)
    }

    /// Appends `Mx0 y0Lx1 y1` to an open `d` attribute.
    mutating func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
        w.byte(UInt8(ascii: "M"))
        point(x0, y0)
        w.byte(UInt8(ascii: "L"))
        point(x1, y1)
    }

    /// Appends `x y` (a space, or nothing before a negative y).
    @inline(__always) mutating func point(_ x: Double, _ y: Double) {
        w.num(x)
        if (y * 100).rounded() >= 0 { w.byte(UInt8(ascii: " ")) }
        w.num(y)
    }
}
