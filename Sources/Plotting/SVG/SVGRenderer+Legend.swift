/// The legend: one row per labelled element, with a swatch drawn like the element.
struct LegendEntry {
    enum Swatch { case line, marker, fill, bar }
    var label: String
    var swatch: Swatch
    var color: Color
    var alpha: Double?
    var lineWidth: Double
    var dash: LineDash?
}

extension SVGRenderer {
    static let swatchWidth = 22.0

    static func legendEntries(_ plan: PanelPlan) -> [LegendEntry] {
        plan.elements.indices.compactMap { i in
            let e = plan.elements[i]
            guard let label = e.label, !label.isEmpty else { return nil }
            let swatch: LegendEntry.Swatch
            switch e.kind {
            case .curve, .path, .triangles: swatch = .line
            case .scatter: swatch = .marker
            case .area, .histogram, .image, .shadedTriangles: swatch = .fill
            case .errorBars: swatch = .bar
            case .text: return nil
            }
            var color = plan.colors[i]
            if case .image = e.kind, let scale = plan.color { color = scale.map.color(at: 0.5) }
            if case .shadedTriangles = e.kind, let scale = plan.color { color = scale.map.color(at: 0.5) }
            return LegendEntry(label: label, swatch: swatch, color: color, alpha: e.style.alpha,
                               lineWidth: e.style.lineWidth ?? 1.5, dash: e.style.dash)
        }
    }

    static func legendSize(_ entries: [LegendEntry], theme: Theme) -> (width: Double, height: Double) {
        guard !entries.isEmpty else { return (0, 0) }
        let labelWidth = entries.map { TextMetrics.width($0.label, size: theme.tick) }.max() ?? 0
        return ((8 + swatchWidth + 6 + labelWidth + 8).rounded(.up),
                (6 + Double(entries.count) * (theme.tick + 6) + 2).rounded(.up))
    }

    /// The legend's box for an inside position; `best` picks the corner over the least data.
    func legendBox(_ position: LegendPosition, size: (width: Double, height: Double), plan: PanelPlan,
                   frame f: AxesFrame) -> Rect {
        let p = f.plot, inset = 8.0
        func box(_ corner: LegendPosition) -> Rect {
            let x = corner == .topLeft || corner == .bottomLeft ? p.x + inset : p.maxX - inset - size.width
            let y = corner == .bottomLeft || corner == .bottomRight ? p.maxY - inset - size.height : p.y + inset
            return Rect(x: x, y: y, width: size.width, height: size.height)
        }
        guard position == .best else { return box(position) }
        let corners: [LegendPosition] = [.topRight, .topLeft, .bottomLeft, .bottomRight]
        var best = corners[0], bestCount = Int.max
        for corner in corners {
            let count = occupancy(box(corner), plan: plan, frame: f)
            if count < bestCount { (best, bestCount) = (corner, count) }
        }
        return box(best)
    }

    /// How much data lies under `r`: points inside plus line segments crossing it.
    private func occupancy(_ r: Rect, plan: PanelPlan, frame f: AxesFrame) -> Int {
        var count = 0
        func points(_ xs: [Double], _ ys: [Double], connected: Bool) {
            var px = Double.nan, py = Double.nan
            for i in xs.indices {
                guard f.x.domain.accepts(xs[i]), f.y.domain.accepts(ys[i]) else { px = .nan; continue }
                let x = f.x.pixel(xs[i]), y = f.y.pixel(ys[i])
                if r.contains(x, y) {
                    count += 1
                } else if connected, !px.isNaN, Clipping.segment(px, py, x, y, in: r) != nil {
                    count += 1
                }
                (px, py) = (x, y)
            }
        }
        for e in plan.elements {
            switch e.kind {
            case .curve(let xs, let ys), .path(let xs, let ys): points(xs, ys, connected: true)
            case .scatter(let xs, let ys), .triangles(let xs, let ys, _), .errorBars(let xs, let ys, _, _):
                points(xs, ys, connected: false)
            case .area(let xs, _, let upper): points(xs, upper, connected: true)
            case .histogram(let edges, let counts):
                for i in counts.indices {
                    let mid = (edges[i] + edges[i + 1]) / 2
                    let top = f.y.domain.accepts(counts[i]) ? f.y.pixel(counts[i]) : f.plot.maxY
                    let x = f.x.pixel(mid)
                    if x >= r.x && x <= r.maxX && top <= r.maxY { count += 4 }
                }
            case .image, .text, .shadedTriangles: break
            }
        }
        return count
    }

    mutating func drawLegend(_ entries: [LegendEntry], in box: Rect, theme: Theme) {
        w.raw("<g font-size=\"")
        w.num(theme.tick)
        w.raw("\">\n<rect")
        rectAttributes(box)
        w.raw(" rx=\"2\" fill=\"#fff\" fill-opacity=\"0.85\" stroke=\"#ccc\" stroke-width=\"1\"/>\n")
        let row = theme.tick + 6
        for (k, e) in entries.enumerated() {
            let cy = box.y + 6 + row * (Double(k) + 0.5)
            let x0 = box.x + 8, x1 = x0 + SVGRenderer.swatchWidth
            let opacity = e.alpha.map { " stroke-opacity=\"\(NumberFormat.compact($0, significant: 3))\"" } ?? ""
            switch e.swatch {
            case .line:
                w.raw("<path fill=\"none\" stroke=\"" + e.color.hex + "\"")
                w.attr("stroke-width", e.lineWidth)
                if let dashes = e.dash?.dashArray(width: e.lineWidth) {
                    w.raw(" stroke-dasharray=\"" + dashes.map { NumberFormat.compact($0, significant: 3) }.joined(separator: ",") + "\"")
                }
                w.raw(opacity + " d=\"")
                line(x0, cy, x1, cy)
                w.raw("\"/>\n")
            case .marker:
                w.raw("<path fill=\"none\" stroke=\"" + e.color.hex + "\" stroke-width=\"6\" stroke-linecap=\"round\"" + opacity + " d=\"M")
                point((x0 + x1) / 2, cy)
                w.raw("h0\"/>\n")
            case .fill:
                w.raw("<rect")
                rectAttributes(Rect(x: x0, y: cy - 5, width: x1 - x0, height: 10))
                w.raw(" fill=\"" + e.color.hex + "\"")
                w.attr("fill-opacity", e.alpha ?? 0.6)
                w.raw("/>\n")
            case .bar:
                w.raw("<path fill=\"none\" stroke=\"" + e.color.hex + "\" stroke-width=\"1\"" + opacity + " d=\"")
                let mid = (x0 + x1) / 2
                line(mid, cy - 5, mid, cy + 5)
                line(mid - 3, cy - 5, mid + 3, cy - 5)
                line(mid - 3, cy + 5, mid + 3, cy + 5)
                w.raw("\"/>\n")
            }
            text(e.label, x: x1 + 6, y: cy + theme.tick * 0.35, fill: Palette.text)
        }
        w.raw("</g>\n")
    }
}
