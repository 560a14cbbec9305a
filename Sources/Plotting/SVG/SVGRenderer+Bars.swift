/// Histogram bars, triangle edges and error bars: each element is a single `<path>`.
extension SVGRenderer {
    mutating func histogram(_ edges: [Double], _ counts: [Double], _ f: AxesFrame, color: Color, alpha: Double) {
        let clip = f.plot.insetBy(-2)
        let clampX = { (x: Double) in min(max(x, clip.x), clip.maxX) }
        let clampY = { (y: Double) in min(max(y, clip.y), clip.maxY) }
        // Bars rise from 0, or from the bottom edge on a log axis.
        let base = clampY(f.y.domain.accepts(0) ? f.y.pixel(0) : clip.maxY)
        var started = false
        for i in counts.indices {
            guard f.x.domain.accepts(edges[i]), f.x.domain.accepts(edges[i + 1]), f.y.domain.accepts(counts[i]) else {
                continue
            }
            let x0 = clampX(f.x.pixel(edges[i])), x1 = clampX(f.x.pixel(edges[i + 1]))
            let top = clampY(f.y.pixel(counts[i]))
            guard x1 > x0, Swift.abs(top - base) > 0.001 else { continue }
            if !started {
                w.raw("<path fill=\"" + color.hex + "\"")
                w.attr("fill-opacity", alpha)
                w.raw(" stroke=\"#fff\" stroke-width=\"0.5\" d=\"")
                started = true
            }
            w.byte(UInt8(ascii: "M"))
            point(x0, base)
            w.byte(UInt8(ascii: "V"))
            w.num(top)
            w.byte(UInt8(ascii: "H"))
            w.num(x1)
            w.byte(UInt8(ascii: "V"))
            w.num(base)
            w.byte(UInt8(ascii: "Z"))
        }
        if started { w.raw("\"/>\n") }
    }

    /// Each edge shared by two triangles is drawn once (edges are sorted for a stable order).
    mutating func triangleEdges(_ xs: [Double], _ ys: [Double], _ triangles: [Int], _ f: AxesFrame,
                                color: Color, width: Double, alpha: Double) {
        var edges: [UInt64] = []
        edges.reserveCapacity(triangles.count)
        var k = 0
        while k + 2 < triangles.count {
            let (a, b, c) = (triangles[k], triangles[k + 1], triangles[k + 2])
            for (p, q) in [(a, b), (b, c), (c, a)] where p != q {
                edges.append(UInt64(min(p, q)) << 32 | UInt64(max(p, q)))
            }
            k += 3
        }
        edges.sort()
        let clip = f.plot.insetBy(-(width + 2))
        var started = false
        var previous: UInt64? = nil
        for edge in edges where edge != previous {
            previous = edge
            let p = Int(edge >> 32), q = Int(edge & 0xFFFF_FFFF)
            guard f.x.domain.accepts(xs[p]), f.y.domain.accepts(ys[p]),
                f.x.domain.accepts(xs[q]), f.y.domain.accepts(ys[q])
            else { continue }
            let x0 = f.x.pixel(xs[p]), y0 = f.y.pixel(ys[p]), x1 = f.x.pixel(xs[q]), y1 = f.y.pixel(ys[q])
            guard let (t0, t1) = Clipping.segment(x0, y0, x1, y1, in: clip) else { continue }
            if !started {
                w.raw("<path fill=\"none\" stroke=\"" + color.hex + "\"")
                w.attr("stroke-width", width)
                w.attr("stroke-opacity", alpha)
                w.raw(" stroke-linecap=\"round\" d=\"")
                started = true
            }
            line(x0 + t0 * (x1 - x0), y0 + t0 * (y1 - y0), x0 + t1 * (x1 - x0), y0 + t1 * (y1 - y0))
        }
        if started { w.raw("\"/>\n") }
    }

    mutating func errorBars(_ xs: [Double], _ ys: [Double], _ lower: [Double], _ upper: [Double], _ f: AxesFrame,
                            color: Color, width: Double, cap: Double, alpha: Double?) {
        let clip = f.plot.insetBy(-(cap + 2))
        var started = false
        for i in xs.indices {
            let x = xs[i], y = ys[i]
            guard f.x.domain.accepts(x), f.y.domain.accepts(y), lower[i].isFinite, upper[i].isFinite else { continue }
            let px = f.x.pixel(x)
            guard px >= clip.x && px <= clip.maxX else { continue }
            let lo = y - lower[i], hi = y + upper[i]
            // The low end of a bar crossing 0 on a log axis runs to the bottom edge, uncapped.
            var y0 = f.y.domain.accepts(lo) ? f.y.pixel(lo) : Double.infinity
            var y1 = f.y.pixel(hi)
            let capLow = y0 <= clip.maxY && y0 >= clip.y, capHigh = y1 >= clip.y && y1 <= clip.maxY
            y0 = min(max(y0, clip.y), clip.maxY)
            y1 = min(max(y1, clip.y), clip.maxY)
            guard y0 != y1 || capLow || capHigh else { continue }
            if !started {
                w.raw("<path fill=\"none\" stroke=\"" + color.hex + "\"")
                w.attr("stroke-width", width)
                if let alpha { w.attr("stroke-opacity", alpha) }
                w.raw(" d=\"")
                started = true
            }
            line(px, y0, px, y1)
            if cap > 0 {
                if capLow { line(px - cap / 2, y0, px + cap / 2, y0) }
                if capHigh { line(px - cap / 2, y1, px + cap / 2, y1) }
            }
        }
        if started { w.raw("\"/>\n") }
    }
}
