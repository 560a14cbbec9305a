/// Renders a ``Figure`` to SVG text: one `<svg>` document, white background, real `<text>`
/// in DejaVu Sans, a `clipPath` per set of axes. Output depends only on the figure: ids are
/// numbered locally in drawing order and prefixed with a hash of the document.
struct SVGRenderer {
    var w = SVGWriter(capacity: 1 << 16)
    private var nextID = 0

    static func render(_ figure: Figure) -> String {
        var r = SVGRenderer()
        let size = SVGRenderer.size(of: figure)
        r.w.raw("<svg xmlns=\"http://www.w3.org/2000/svg\"")
        r.w.attr("width", size.width)
        r.w.attr("height", size.height)
        r.w.raw(" viewBox=\"0 0 ")
        r.w.num(size.width)
        r.w.raw(" ")
        r.w.num(size.height)
        r.w.raw("\" font-family=\"DejaVu Sans, sans-serif\">\n")
        r.w.raw("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n")
        r.draw(figure, width: size.width, height: size.height)
        r.w.raw("</svg>\n")
        return r.w.finish()
    }

    /// A new id suffix, unique within the document (`c0`, `g1`...).
    mutating func newID(_ kind: String) -> String {
        defer { nextID += 1 }
        return kind + String(nextID)
    }

    /// Pixel size of a figure (the `<svg>` width and height).
    static func size(of figure: Figure) -> (width: Double, height: Double) {
        switch figure.content {
        case .overlay(let o):
            return (o.options.width ?? Theme.width, o.options.height ?? Theme.height)
        case .grid(let g):
            return GridGeometry(g).size
        case .layout(let l):
            let g = LayoutGeometry(l)
            return (g.width, g.height)
        }
    }

    /// Draws `figure` with its top-left corner at the current origin.
    mutating func draw(_ figure: Figure, width: Double, height: Double) {
        switch figure.content {
        case .overlay(let overlay):
            drawPanel(PanelPlan(overlay, options: overlay.options), width: width, height: height)
        case .grid(let grid):
            drawGrid(grid)
        case .layout(let layout):
            drawLayout(layout)
        }
    }

    private mutating func drawLayout(_ layout: Layout) {
        let g = LayoutGeometry(layout)
        if let title = layout.title {
            text(title, x: g.width / 2, y: Theme.gap + 15 * 0.8, size: 15, anchor: "middle", fill: Palette.text)
        }
        for (item, frame) in zip(layout.items, g.frames) {
            w.raw("<g transform=\"translate(")
            w.num(frame.x)
            w.raw(",")
            w.num(frame.y)
            w.raw(")\">\n")
            draw(item, width: frame.width, height: frame.height)
            w.raw("</g>\n")
        }
    }

    /// Writes `<text>` with optional size, anchor, fill and rotation about (x, y): `rotated`
    /// reads bottom to top (-90°), `rotation: 90` top to bottom.
    mutating func text(_ s: String, x: Double, y: Double, size: Double? = nil, anchor: String? = nil,
                       fill: Color? = nil, rotated: Bool = false, rotation: Int? = nil, extra: String = "") {
        w.raw("<text")
        if rotated || rotation != nil {
            w.raw(" transform=\"translate(")
            w.num(x)
            w.raw(",")
            w.num(y)
            w.raw(") rotate(" + String(rotation ?? -90) + ")\"")
        } else {
            w.attr("x", x)
            w.attr("y", y)
        }
        if let size { w.attr("font-size", size) }
        if let anchor { w.raw(" text-anchor=\"" + anchor + "\"") }
        if let fill { w.raw(" fill=\"" + fill.hex + "\"") }
        w.raw(extra)
        w.raw(">")
        w.text(s)
        w.raw("</text>\n")
    }
}

/// Placement of a layout's items: rows of `columns`, each column as wide as its widest
/// item, each row as tall as its tallest, items at the top-left of their cells.
struct LayoutGeometry {
    var frames: [Rect] = []
    var width = 0.0
    var height = 0.0

    init(_ layout: Layout) {
        let sizes = layout.items.map(SVGRenderer.size(of:))
        let columns = max(1, min(layout.columns ?? Layout.defaultColumns, max(1, sizes.count)))
        let rows = (sizes.count + columns - 1) / columns
        var colWidth = Array(repeating: 0.0, count: columns)
        var rowHeight = Array(repeating: 0.0, count: max(rows, 1))
        for (i, s) in sizes.enumerated() {
            colWidth[i % columns] = max(colWidth[i % columns], s.width)
            rowHeight[i / columns] = max(rowHeight[i / columns], s.height)
        }
        let top = layout.title == nil ? 0 : 2 * Theme.gap + 15
        for (i, s) in sizes.enumerated() {
            let c = i % columns, r = i / columns
            let x = colWidth[..<c].reduce(0, +) + Double(c) * Theme.gap
            let y = top + rowHeight[..<r].reduce(0, +) + Double(r) * Theme.gap
            frames.append(Rect(x: x, y: y, width: s.width, height: s.height))
        }
        width = max(colWidth.reduce(0, +) + Double(columns - 1) * Theme.gap, 1)
        height = max(top + rowHeight.reduce(0, +) + Double(max(rows, 1) - 1) * Theme.gap, 1)
    }
}
