/// Options by name (for the Lua binding) and the fluent modifiers of Swift code.
///
/// On a layout, `title` titles the whole layout and every other option applies to each of
/// its panels; on a grid, `title` titles the grid, panel options apply to every facet (over
/// the facets' own) and `width`/`height` size the whole grid.
extension Figure {
    /// Every option name accepted by ``Figure/options(_:)``, sorted.
    public static var optionNames: [String] { OptionTable.names }

    /// Sets options by name, in sorted name order. An unknown name throws
    /// `unknown option 'colour'; options are: alpha, clabel, ...`; a value of the wrong kind
    /// throws `option 'width' expects a positive number, got the string "big"`.
    public func options(_ values: [String: OptionValue]) throws -> Figure {
        var figure = self
        for name in values.keys.sorted() {
            figure.apply(try OptionTable.parse(name, values[name]!))
        }
        return figure
    }

    /// Sets one option by name (see ``Figure/options(_:)``).
    public func option(_ name: String, _ value: OptionValue) throws -> Figure {
        try options([name: value])
    }

    mutating func apply(_ setting: OptionSetting) {
        switch content {
        case .overlay(var overlay):
            switch setting {
            case .title(let t): overlay.options.title = t
            case .panel(let f): f(&overlay.options)
            case .element(let f): for i in overlay.elements.indices { f(&overlay.elements[i]) }
            }
            content = .overlay(overlay)
        case .layout(var layout):
            if case .title(let t) = setting {
                layout.title = t
            } else {
                for i in layout.items.indices { layout.items[i].apply(setting) }
            }
            content = .layout(layout)
        case .grid(var grid):
            switch setting {
            case .title(let t): grid.options.title = t
            case .panel(let f): f(&grid.options)
            case .element(let f):
                for i in grid.facets.indices {
                    for j in grid.facets[i].overlay.elements.indices { f(&grid.facets[i].overlay.elements[j]) }
                }
            }
            content = .grid(grid)
        }
    }

    private func with(_ setting: OptionSetting) -> Figure {
        var figure = self
        figure.apply(setting)
        return figure
    }

    private func panel(_ f: @escaping @Sendable (inout Options) -> Void) -> Figure { with(.panel(f)) }
    private func element(_ f: @escaping @Sendable (inout Element) -> Void) -> Figure { with(.element(f)) }

    // MARK: Panel options

    public func title(_ title: String) -> Figure { with(.title(title)) }
    /// holoviews' `relabel`: sets the title.
    public func relabel(_ title: String) -> Figure { with(.title(title)) }
    public func xlabel(_ label: String) -> Figure { panel { $0.xlabel = label } }
    public func ylabel(_ label: String) -> Figure { panel { $0.ylabel = label } }
    /// Label of the colour bar.
    public func clabel(_ label: String) -> Figure { panel { $0.clabel = label } }
    public func xlim(_ range: ClosedRange<Double>) -> Figure { panel { $0.xlim = range } }
    public func ylim(_ range: ClosedRange<Double>) -> Figure { panel { $0.ylim = range } }
    /// Colour range of images.
    public func clim(_ range: ClosedRange<Double>) -> Figure { panel { $0.clim = range } }

    /// Restricts the figure to data inside the given ranges: only that data sets the
    /// automatic ranges (so `select(x:)` rescales y to the selected part), finite bounds become
    /// the shown range, and whatever lies outside is clipped. Use `-.infinity` or `.infinity`
    /// for an open side. A selection replaces an explicit range (`xlim`/`ylim`) of its axis.
    public func select(x: ClosedRange<Double>? = nil, y: ClosedRange<Double>? = nil) -> Figure {
        panel { o in
            if let x { o.selectX = x; o.xlim = nil }
            if let y { o.selectY = y; o.ylim = nil }
        }
    }

    public func logx(_ on: Bool = true) -> Figure { panel { $0.logx = on } }
    public func logy(_ on: Bool = true) -> Figure { panel { $0.logy = on } }
    /// Logarithmic colour scale of images.
    public func logz(_ on: Bool = true) -> Figure { panel { $0.logz = on } }

    /// Shows or hides the legend, optionally placing it.
    public func legend(_ show: Bool = true, position: LegendPosition? = nil) -> Figure {
        panel { o in
            o.showLegend = show
            if let position { o.legendPosition = position }
        }
    }

    /// Size in px including margins (each panel's size in a layout, the whole grid for a grid).
    public func size(width: Double, height: Double) -> Figure {
        panel { o in
            o.width = max(1, width)
            o.height = max(1, height)
        }
    }

    public func showGrid(_ on: Bool = true) -> Figure { panel { $0.showGrid = on } }
    public func cmap(_ map: ColorMap) -> Figure { panel { $0.cmap = map } }
    public func colorbar(_ on: Bool = true) -> Figure { panel { $0.colorbar = on } }
    public func fontSize(_ px: Double) -> Figure { panel { $0.fontSize = max(1, px) } }
    public func xticks(_ spec: TickSpec) -> Figure { panel { $0.xticks = spec } }
    public func yticks(_ spec: TickSpec) -> Figure { panel { $0.yticks = spec } }

    // MARK: Element style (applies to every element of the panel(s))

    public func color(_ color: Color) -> Figure { element { $0.style.color = color } }
    public func alpha(_ alpha: Double) -> Figure { element { $0.style.alpha = min(1, max(0, alpha)) } }
    public func lineWidth(_ px: Double) -> Figure { element { $0.style.lineWidth = max(0, px) } }
    /// Marker diameter (scatter) or font size (text) in px.
    public func markerSize(_ px: Double) -> Figure { element { $0.style.size = max(0, px) } }
    public func dash(_ dash: LineDash) -> Figure { element { $0.style.dash = dash } }
    /// Legend label of every element (use on single-element figures).
    public func label(_ label: String) -> Figure { element { $0.label = label } }
}
