/// One panel's data resolved for drawing: shown domains, colour scale, series colours and
/// notes. Facets of a grid are planned with shared domains (``PanelPlan/init(_:options:shared:)``).
struct PanelPlan {
    var elements: [Element]
    var options: Options
    var x: Domain
    var y: Domain
    /// The colour scale of images (nil when the panel has none).
    var color: ColorScale?
    /// The colour each element draws with (series colours cycle per element kind).
    var colors: [Color]
    var notes: [String]
    /// True when nothing can be drawn: the panel says "no data".
    var isEmpty: Bool

    /// Plans a panel; `shared` (a grid's combined summary) replaces its own extents.
    init(_ overlay: Overlay, options: Options, shared: DataSummary? = nil) {
        let own = DataSummary(elements: overlay.elements, options: options)
        let summary = shared ?? own
        elements = overlay.elements
        self.options = options
        let logx = options.logx ?? false, logy = options.logy ?? false
        x = summary.x.domain(isLog: logx, explicit: options.xlim, selection: options.selectX)
        y = summary.y.domain(isLog: logy, explicit: options.ylim, selection: options.selectY)
        color = summary.hasImage ? ColorScale(summary.z, options: options) : nil
        notes = own.notes(logx: logx, logy: logy) + PanelPlan.ignoredLimits(options, hasImage: summary.hasImage)
        isEmpty = own.x.isEmpty && own.y.isEmpty
        var counters: [String: Int] = [:]
        colors = overlay.elements.map { e in
            if let c = e.style.color { return c }
            guard e.usesSeriesColor else { return Palette.neutral }
            let i = counters[e.kindName, default: 0]
            counters[e.kindName] = i + 1
            return Palette.color(i)
        }
    }

    var logx: Bool { x.isLog }
    var logy: Bool { y.isLog }

    /// Notes for explicit limits a log scale cannot use (they are ignored, not clamped).
    static func ignoredLimits(_ o: Options, hasImage: Bool) -> [String] {
        var notes: [String] = []
        for (name, range, log) in [("xlim", o.xlim, o.logx), ("ylim", o.ylim, o.logy), ("clim", hasImage ? o.clim : nil, o.logz)]
        where (log ?? false) && (range?.lowerBound ?? 1) <= 0 {
            notes.append("\(name) ignored: a log scale needs limits > 0")
        }
        return notes
    }
}

/// Maps image values to colours: a domain (linear or log) and a colour map.
struct ColorScale {
    var domain: Domain
    var map: ColorMap

    init(_ z: Extent, options: Options) {
        var sticky = Extent()
        if !z.isEmpty {
            sticky.addSticky(z.lo)
            sticky.addSticky(z.hi)
        }
        domain = sticky.domain(isLog: options.logz ?? false, explicit: options.clim, selection: nil)
        map = options.cmap ?? .viridis
    }

    /// Position of `v` in [0, 1] (clamped), or nil if `v` cannot be coloured.
    @inline(__always) func fraction(_ v: Double) -> Double? {
        guard domain.accepts(v) else { return nil }
        return min(1, max(0, domain.fraction(v)))
    }
}
