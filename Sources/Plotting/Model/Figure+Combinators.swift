/// Overlay (`*`), layout (`+`, ``Figure/cols(_:)``) and facet grids.
extension Figure {
    /// Overlays `b` on `a`: the elements share axes, drawn in order (b on top), options
    /// merged with `a`'s set fields winning. A layout or grid overlaid with a single panel
    /// overlays that panel on each of its panels; two layouts/grids cannot be overlaid.
    public static func * (a: Figure, b: Figure) throws -> Figure {
        switch (a.content, b.content) {
        case (.overlay(let x), .overlay(let y)):
            return Figure(.overlay(Overlay(elements: x.elements + y.elements, options: x.options.merged(with: y.options))))
        case (.layout(var layout), .overlay):
            layout.items = try layout.items.map { try $0 * b }
            return Figure(.layout(layout))
        case (.overlay, .layout(var layout)):
            layout.items = try layout.items.map { try a * $0 }
            return Figure(.layout(layout))
        case (.grid(var grid), .overlay(let y)):
            grid.facets = grid.facets.map { Facet(key: $0.key, overlay: Figure.overlay($0.overlay, y)) }
            return Figure(.grid(grid))
        case (.overlay(let x), .grid(var grid)):
            grid.facets = grid.facets.map { Facet(key: $0.key, overlay: Figure.overlay(x, $0.overlay)) }
            return Figure(.grid(grid))
        default:
            throw PlotError("cannot overlay \(a.kindName) with \(b.kindName): `*` needs at least one single panel")
        }
    }

    private static func overlay(_ x: Overlay, _ y: Overlay) -> Overlay {
        Overlay(elements: x.elements + y.elements, options: x.options.merged(with: y.options))
    }

    /// Places `a` and `b` side by side in a layout (layouts flatten; `a`'s columns and title kept).
    public static func + (a: Figure, b: Figure) -> Figure {
        var layout: Layout
        if case .layout(let l) = a.content { layout = l } else { layout = Layout(items: [a]) }
        if case .layout(let l) = b.content {
            layout.items += l.items
            layout.columns = layout.columns ?? l.columns
            layout.title = layout.title ?? l.title
        } else {
            layout.items.append(b)
        }
        return Figure(.layout(layout))
    }

    /// A layout of `figures` (each a panel or grid; layouts flatten).
    public static func layout(_ figures: [Figure], cols: Int? = nil) -> Figure {
        let items = figures.flatMap { f -> [Figure] in
            if case .layout(let l) = f.content { return l.items }
            return [f]
        }
        return Figure(.layout(Layout(items: items, columns: cols.map { max(1, $0) })))
    }

    /// Wraps a layout after `n` columns (a single panel becomes a one-panel layout).
    public func cols(_ n: Int) -> Figure {
        var layout: Layout
        if case .layout(let l) = content { layout = l } else { layout = Layout(items: [self]) }
        layout.columns = max(1, n)
        return Figure(.layout(layout))
    }

    /// A grid of small multiples. Each facet is a key (a value for each dimension) and a
    /// single-panel figure. `dimensions` orders the names (first: columns, then rows); when
    /// nil, names are taken in sorted order. Keys must name exactly the dimensions and be
    /// unique.
    public static func grid(_ facets: [(key: [String: FacetValue], figure: Figure)],
                            dimensions: [String]? = nil) throws -> Figure {
        let names = dimensions ?? Array(Set(facets.flatMap { $0.key.keys })).sorted()
        guard !names.isEmpty else { throw PlotError("grid: needs at least one dimension name") }
        guard Set(names).count == names.count else {
            throw PlotError("grid: dimension names must be unique, got \(names.joined(separator: ", "))")
        }
        var seen = Set<[FacetValue]>()
        var result: [Facet] = []
        for (key, figure) in facets {
            let extra = key.keys.filter { !names.contains($0) }.sorted()
            if let name = extra.first {
                throw PlotError("grid: facet key names '\(name)', which is not a dimension (\(names.joined(separator: ", ")))")
            }
            let values = try names.map { name -> FacetValue in
                guard let v = key[name] else { throw PlotError("grid: a facet key has no value for '\(name)'") }
                return v
            }
            guard seen.insert(values).inserted else {
                throw PlotError("grid: two facets have the same key " + zip(names, values).map { "\($0) = \($1)" }.joined(separator: ", "))
            }
            guard case .overlay(let overlay) = figure.content else {
                throw PlotError("grid: each facet must be a single panel, got a \(figure.kindName)")
            }
            result.append(Facet(key: values, overlay: overlay))
        }
        return Figure(.grid(FacetGrid(dimensions: names, facets: result)))
    }

    /// `panel`, `layout` or `grid`.
    var kindName: String {
        switch content {
        case .overlay: "panel"
        case .layout: "layout"
        case .grid: "grid"
        }
    }
}

/// One-element figures: `Figure.curve(xs, ys)` is `Figure(try Element.curve(xs, ys))`.
extension Figure {
    public static func curve(_ xs: [Double], _ ys: [Double], label: String? = nil) throws -> Figure {
        Figure(try Element.curve(xs, ys, label: label))
    }

    public static func scatter(_ xs: [Double], _ ys: [Double], label: String? = nil) throws -> Figure {
        Figure(try Element.scatter(xs, ys, label: label))
    }

    public static func path(_ xs: [Double], _ ys: [Double], label: String? = nil) throws -> Figure {
        Figure(try Element.path(xs, ys, label: label))
    }

    public static func image(_ values: [Double], nx: Int, ny: Int, x: ClosedRange<Double> = 0...1,
                             y: ClosedRange<Double> = 0...1) throws -> Figure {
        Figure(try Element.image(values, nx: nx, ny: ny, x: x, y: y))
    }
}
