/// Drawing the elements inside the clipped plot area. Geometry is cut to a rectangle a
/// little larger than the plot (``Clipping``) before it is written; invalid points (NaN,
/// ±inf, ≤ 0 on a log axis) break lines.
extension SVGRenderer {
    mutating func drawElement(_ e: Element, color: Color, plan: PanelPlan, frame f: AxesFrame) {
        let style = e.style
        switch e.kind {
        case .curve(let xs, let ys), .path(let xs, let ys):
            let width = style.lineWidth ?? 1.5
            strokeGroup(color, width: width, alpha: style.alpha, dash: style.dash)
            polylines(xs, ys, f, clip: f.plot.insetBy(-(width + 2)))
            w.raw("</g>\n")
        case .scatter(let xs, let ys):
            markers(xs, ys, f, color: color, size: style.size ?? 6, alpha: style.alpha)
        case .area(let xs, let lower, let upper):
            area(xs, lower, upper, f, color: color, alpha: style.alpha ?? 0.35)
        case .histogram(let edges, let counts):
            histogram(edges, counts, f, color: color, alpha: style.alpha ?? 0.85)
        case .image(let image):
            if let scale = plan.color { drawImage(image, scale: scale, frame: f) }
        case .shadedTriangles(let t):
            shadedTriangles(t, scale: plan.color, frame: f, alpha: style.alpha)
        case .triangles(let xs, let ys, let triangles):
            triangleEdges(xs, ys, triangles, f, color: style.color ?? .black, width: style.lineWidth ?? 0.6,
                          alpha: style.alpha ?? 0.3)
        case .errorBars(let xs, let ys, let lower, let upper):
            errorBars(xs, ys, lower, upper, f, color: color, width: style.lineWidth ?? 1, cap: style.size ?? 6,
                      alpha: style.alpha)
        case .text(let x, let y, let s):
            guard f.x.domain.accepts(x), f.y.domain.accepts(y) else { return }
            let px = f.x.pixel(x), py = f.y.pixel(y)
            let size = style.size ?? Theme(plan.options).tick
            let opacity = style.alpha.map { " fill-opacity=\"\(NumberFormat.compact($0, significant: 3))\"" } ?? ""
            text(s, x: px, y: py + size * 0.35, size: size, anchor: (style.anchor ?? .middle).rawValue,
                 fill: style.color ?? Palette.text, extra: opacity)
        }
    }

    /// Opens `<g fill="none" stroke=...>` for line-like elements.
    private mutating func strokeGroup(_ color: Color, width: Double, alpha: Double?, dash: LineDash?) {
        w.raw("<g fill=\"none\" stroke=\"" + color.hex + "\"")
        w.attr("stroke-width", width)
        w.raw(" stroke-linejoin=\"round\" stroke-linecap=\"round\"")
        if let alpha { w.attr("stroke-opacity", alpha) }
        if let dashes = dash?.dashArray(width: width) {
            w.raw(" stroke-dasharray=\"")
            for (i, d) in dashes.enumerated() {
                if i > 0 { w.byte(UInt8(ascii: ",")) }
                w.num(d)
            }
            w.raw("\"")
        }
        w.raw(">\n")
    }

    /// One `<polyline>` per continuous, visible run of points.
    private mutating func polylines(_ xs: [Double], _ ys: [Double], _ f: AxesFrame, clip: Rect) {
        var run: [Int] = []  // quantized (hundredths of px) x, y pairs
        run.reserveCapacity(min(xs.count, 1 << 16) * 2)
        func add(_ x: Double, _ y: Double, _ run: inout [Int]) {
            let qx = Int((x * 100).rounded()), qy = Int((y * 100).rounded())
            if run.count >= 2 && run[run.count - 2] == qx && run[run.count - 1] == qy { return }
            run.append(qx)
            run.append(qy)
        }
        var havePrevious = false
        var px = 0.0, py = 0.0
        for i in xs.indices {
            let x = xs[i], y = ys[i]
            guard f.x.domain.accepts(x), f.y.domain.accepts(y) else {
                flush(&run)
                havePrevious = false
                continue
            }
            let cx = f.x.pixel(x), cy = f.y.pixel(y)
            defer { (px, py, havePrevious) = (cx, cy, true) }
            guard havePrevious else { continue }
            guard let (t0, t1) = Clipping.segment(px, py, cx, cy, in: clip) else {
                flush(&run)
                continue
            }
            let dx = cx - px, dy = cy - py
            if t0 > 0 || run.isEmpty {
                flush(&run)
                add(px + t0 * dx, py + t0 * dy, &run)
            }
            add(px + t1 * dx, py + t1 * dy, &run)
            if t1 < 1 { flush(&run) }
        }
        flush(&run)
    }

    private mutating func flush(_ run: inout [Int]) {
        defer { run.removeAll(keepingCapacity: true) }
        guard run.count >= 4 else { return }
        w.raw("<polyline points=\"")
        var i = 0
        while i < run.count {
            if i > 0 { w.byte(UInt8(ascii: " ")) }
            w.hundredths(run[i])
            w.byte(UInt8(ascii: ","))
            w.hundredths(run[i + 1])
            i += 2
        }
        w.raw("\"/>\n")
    }

    /// All markers of a scatter as one path of zero-length round-capped strokes
    /// (`M x yh0m dx dyh0...`): about 12 bytes a point, drawn as discs by every renderer.
    private mutating func markers(_ xs: [Double], _ ys: [Double], _ f: AxesFrame, color: Color, size: Double,
                                  alpha: Double?) {
        let bounds = f.plot.insetBy(-(size / 2 + 1))
        var started = false
        var lastX = 0, lastY = 0
        for i in xs.indices {
            let x = xs[i], y = ys[i]
            guard f.x.domain.accepts(x), f.y.domain.accepts(y) else { continue }
            let cx = f.x.pixel(x), cy = f.y.pixel(y)
            guard bounds.contains(cx, cy) else { continue }
            let qx = Int((cx * 100).rounded()), qy = Int((cy * 100).rounded())
            if !started {
                w.raw("<path fill=\"none\" stroke=\"" + color.hex + "\"")
                w.attr("stroke-width", size)
                w.raw(" stroke-linecap=\"round\"")
                if let alpha { w.attr("stroke-opacity", alpha) }
                w.raw(" d=\"M")
                w.hundredths(qx)
                w.byte(UInt8(ascii: " "))
                w.hundredths(qy)
                w.raw("h0")
                started = true
            } else {
                if qx == lastX && qy == lastY { continue }
                w.byte(UInt8(ascii: "m"))
                w.hundredths(qx - lastX)
                if qy - lastY >= 0 { w.byte(UInt8(ascii: " ")) }
                w.hundredths(qy - lastY)
                w.raw("h0")
            }
            (lastX, lastY) = (qx, qy)
        }
        if started { w.raw("\"/>\n") }
    }

    /// Filled polygons between `lower` and `upper`, one per continuous run.
    private mutating func area(_ xs: [Double], _ lower: [Double], _ upper: [Double], _ f: AxesFrame,
                               color: Color, alpha: Double) {
        let clip = f.plot.insetBy(-2)
        var polygons: [(xs: [Double], ys: [Double])] = []
        var top: [(Double, Double)] = [], bottom: [(Double, Double)] = []
        func close() {
            if top.count >= 2 {
                let px = top.map(\.0) + bottom.reversed().map(\.0)
                let py = top.map(\.1) + bottom.reversed().map(\.1)
                let clipped = Clipping.polygon(px, py, in: clip)
                if clipped.xs.count >= 3 { polygons.append(clipped) }
            }
            top.removeAll()
            bottom.removeAll()
        }
        for i in xs.indices {
            guard f.x.domain.accepts(xs[i]), f.y.domain.accepts(upper[i]), lower[i].isFinite else {
                close()
                continue
            }
            let x = f.x.pixel(xs[i])
            top.append((x, f.y.pixel(upper[i])))
            // On a log axis a base ≤ 0 means "down to the bottom edge".
            bottom.append((x, f.y.domain.accepts(lower[i]) ? f.y.pixel(lower[i]) : clip.maxY))
        }
        close()
        guard !polygons.isEmpty else { return }
        w.raw("<path fill=\"" + color.hex + "\"")
        w.attr("fill-opacity", alpha)
        w.raw(" stroke=\"none\" d=\"")
        for p in polygons {
            for k in p.xs.indices {
                w.byte(UInt8(ascii: k == 0 ? "M" : k == 1 ? "L" : " "))
                point(p.xs[k], p.ys[k])
            }
            w.byte(UInt8(ascii: "Z"))
        }
        w.raw("\"/>\n")
    }
}
