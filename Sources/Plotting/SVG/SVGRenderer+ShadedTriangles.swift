extension SVGRenderer {
    /// Each triangle a path filled with its value's colour times its shade, in order; a
    /// hairline stroke of the same colour closes the seams antialiasing leaves between
    /// neighbours.
    mutating func shadedTriangles(_ t: ShadedTriangles, scale: ColorScale?, frame f: AxesFrame, alpha: Double?) {
        guard let scale else { return }
        w.raw("<g stroke-width=\"0.4\" stroke-linejoin=\"round\"")
        if let alpha { w.attr("fill-opacity", alpha) }
        w.raw(">\n")
        let clip = f.plot.insetBy(-2)
        for k in 0..<(t.triangles.count / 3) {
            guard let fraction = scale.fraction(t.values[k]) else { continue }
            let corners = (0..<3).map { t.triangles[3 * k + $0] }
            guard corners.allSatisfy({ f.x.domain.accepts(t.xs[$0]) && f.y.domain.accepts(t.ys[$0]) }) else { continue }
            let px = corners.map { f.x.pixel(t.xs[$0]) }, py = corners.map { f.y.pixel(t.ys[$0]) }
            // Entirely outside the plot: nothing to draw.
            if px.allSatisfy({ $0 < clip.x }) || px.allSatisfy({ $0 > clip.maxX })
                || py.allSatisfy({ $0 < clip.y }) || py.allSatisfy({ $0 > clip.maxY }) { continue }
            let base = scale.map.color(at: fraction), s = t.shades[k]
            let shaded = Color(
                red: UInt8((Double(base.red) * s).rounded()), green: UInt8((Double(base.green) * s).rounded()),
                blue: UInt8((Double(base.blue) * s).rounded())).hex
            w.raw("<path fill=\"" + shaded + "\" stroke=\"" + shaded + "\" d=\"M")
            for i in 0..<3 {
                if i > 0 { w.byte(UInt8(ascii: "L")) }
                point(px[i], py[i])
            }
            w.raw("Z\"/>\n")
        }
        w.raw("</g>\n")
    }
}
