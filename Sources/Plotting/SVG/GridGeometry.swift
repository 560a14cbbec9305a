/// The arrangement of a facet grid: the first dimension's values run along the columns,
/// the other dimensions' value combinations down the rows (sorted: numbers ascending).
/// All facets share their axes and colour scale, so tick labels appear only on the left
/// column and bottom row; strips name the values, as in holoviews' GridSpace or ggplot.
struct GridGeometry {
    var columnKeys: [FacetValue] = []
    var rowKeys: [[FacetValue]] = []
    /// (facet index, column, row) of every facet.
    var cells: [(facet: Int, column: Int, row: Int)] = []
    var plans: [PanelPlan] = []
    /// Options of the grid as a whole (the grid's own over the first facet's).
    var options: Options
    var theme: Theme
    var plotWidth: Double
    var plotHeight: Double
    var xTicks: TickSet
    var yTicks: TickSet
    var colorBar: ColorBar?
    var legend: [LegendEntry] = []
    var notes: [String]
    var left = 0.0, top = 0.0, right = 0.0, bottom = 0.0
    var stripHeight: Double
    var hasRowStrip: Bool

    /// Space between rows; columns are further apart when wide x tick labels need it.
    static let spacing = 12.0
    var columnSpacing = GridGeometry.spacing

    var size: (width: Double, height: Double) {
        (left + Double(columnKeys.count) * plotWidth + Double(max(0, columnKeys.count - 1)) * columnSpacing + right,
         top + Double(rowKeys.count) * plotHeight + Double(max(0, rowKeys.count - 1)) * GridGeometry.spacing + bottom)
    }

    init(_ grid: FacetGrid) {
        options = grid.options.merged(with: grid.facets.first?.overlay.options ?? Options())
        theme = Theme(options)
        hasRowStrip = grid.dimensions.count > 1
        columnKeys = Array(Set(grid.facets.map { $0.key.first! })).sorted()
        rowKeys = Array(Set(grid.facets.map { Array($0.key.dropFirst()) })).sorted { $0.lexicographicallyPrecedes($1) }
        if rowKeys.isEmpty { rowKeys = [[]] }
        if columnKeys.isEmpty { columnKeys = [] }
        for (i, facet) in grid.facets.enumerated() {
            cells.append((i, columnKeys.firstIndex(of: facet.key.first!)!, rowKeys.firstIndex(of: Array(facet.key.dropFirst()))!))
        }
        let facetOptions = grid.facets.map { grid.options.merged(with: $0.overlay.options) }
        var shared = DataSummary()
        for (facet, o) in zip(grid.facets, facetOptions) {
            shared.formUnion(DataSummary(elements: facet.overlay.elements, options: o))
        }
        plans = zip(grid.facets, facetOptions).map { PanelPlan($0.overlay, options: $1, shared: shared) }
        notes = shared.notes(logx: options.logx ?? false, logy: options.logy ?? false)
            + PanelPlan.ignoredLimits(options, hasImage: shared.hasImage)

        // Vertical sizes first: the y ticks depend on the plot height.
        let o = options, t = theme
        let columns = Double(max(1, columnKeys.count)), rows = Double(rowKeys.count)
        stripHeight = (t.tick + 8).rounded()
        top = (t.pad + (o.title != nil ? t.title + 8 : 0) + stripHeight).rounded()
        bottom = t.tickLength + t.tickPad + t.tick + 2 + (o.xlabel != nil ? 6 + t.label : 0)
            + (notes.isEmpty ? 0 : 6 + Double(notes.count) * (t.note + 3)) + t.pad
        let spacing = GridGeometry.spacing
        let (top, bottom) = (top, bottom)
        plotHeight = (o.height.map { max(20, (($0 - top - bottom) - (rows - 1) * spacing) / rows) } ?? 140).rounded(.down)
        let domains = plans.first.map { ($0.x, $0.y) } ?? (Domain(lo: 0, hi: 1, isLog: false), Domain(lo: 0, hi: 1, isLog: false))
        yTicks = SVGRenderer.ticks(domains.1, spec: o.yticks, length: plotHeight, vertical: true, theme: t)
        let yLabelWidth = yTicks.labels.map { TextMetrics.width($0, size: t.tick) }.max() ?? 0
        left = (t.pad + (o.ylabel != nil ? t.label + 6 : 0) + yLabelWidth + t.tickPad + t.tickLength).rounded(.up)
        right = t.pad + 6 + (hasRowStrip ? stripHeight + 4 : 0)
        let gridHeight = rows * plotHeight + (rows - 1) * spacing
        if let scale = plans.first(where: { $0.color != nil })?.color, o.colorbar ?? true {
            let bar = ColorBar(scale: scale, length: gridHeight, theme: t, label: o.clabel)
            right += bar.width
            colorBar = bar
        }
        var seen = Set<String>()
        for plan in plans {
            for entry in SVGRenderer.legendEntries(plan) where seen.insert(entry.label).inserted { legend.append(entry) }
        }
        if !legend.isEmpty && (o.showLegend ?? true) { right += 10 + SVGRenderer.legendSize(legend, theme: t).width }
        right = right.rounded(.up)
        let (left, right) = (left, right)
        // Neighbouring columns' edge tick labels must not touch: widen the gap to fit them.
        func width(_ gap: Double) -> Double {
            (o.width.map { max(20, (($0 - left - right) - (columns - 1) * gap) / columns) } ?? 180).rounded(.down)
        }
        let provisional = SVGRenderer.ticks(domains.0, spec: o.xticks, length: width(spacing), vertical: false, theme: t)
        let widest = provisional.labels.map { TextMetrics.width($0, size: t.tick) }.max() ?? 0
        columnSpacing = max(spacing, (widest + t.tick).rounded(.up))
        plotWidth = width(columnSpacing)
        xTicks = SVGRenderer.ticks(domains.0, spec: o.xticks, length: plotWidth, vertical: false, theme: t)
    }

    /// The plot rectangle of the cell at `column`, `row`.
    func plot(column: Int, row: Int) -> Rect {
        Rect(x: left + Double(column) * (plotWidth + columnSpacing),
             y: top + Double(row) * (plotHeight + GridGeometry.spacing), width: plotWidth, height: plotHeight)
    }
}
