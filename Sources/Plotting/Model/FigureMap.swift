/// Single-panel figures keyed by named dimensions, like holoviews' HoloMap: for example one
/// panel per child of a balancing learner, keyed by the child's parameters.
///
/// ```swift
/// let map = try FigureMap(dimensions: ["n", "beta"], entries: [([1, 0], f10), ([1, 1], f11), ([2, 0], f20), ([2, 1], f21)])
/// let figure = try map.overlay(["beta"]).grid()   // one panel per n, a curve per beta in each
/// ```
///
/// Reshape with ``overlay(_:)``, then show as a ``grid()`` of small multiples, a
/// ``layout(cols:)`` of titled panels, or the default ``figure``.
public struct FigureMap: Sendable, Equatable {
    /// The dimension names, in order (a grid's first dimension runs along its columns).
    public private(set) var dimensions: [String]
    /// The panels with their keys (a value per dimension, in dimension order).
    public private(set) var entries: [(key: [FacetValue], figure: Figure)]

    /// A map of `entries`; each key has a value per dimension, keys are unique and each
    /// figure is a single panel.
    public init(dimensions: [String], entries: [(key: [FacetValue], figure: Figure)]) throws {
        guard Set(dimensions).count == dimensions.count else {
            throw PlotError("FigureMap: dimension names must be unique, got \(dimensions.joined(separator: ", "))")
        }
        var seen = Set<[FacetValue]>()
        for (key, figure) in entries {
            guard key.count == dimensions.count else {
                throw PlotError("FigureMap: a key has \(key.count) values for \(dimensions.count) dimensions")
            }
            guard seen.insert(key).inserted else {
                throw PlotError("FigureMap: two panels have the same key \(Self.describe(dimensions, key))")
            }
            guard case .overlay = figure.content else {
                throw PlotError("FigureMap: each entry must be a single panel, got a \(figure.kindName)")
            }
        }
        self.dimensions = dimensions
        self.entries = entries
    }

    public static func == (a: FigureMap, b: FigureMap) -> Bool {
        a.dimensions == b.dimensions && a.entries.count == b.entries.count
            && zip(a.entries, b.entries).allSatisfy { $0.key == $1.key && $0.figure == $1.figure }
    }

    /// `n = 1, alpha = 0.5`.
    static func describe(_ names: [String], _ key: [FacetValue]) -> String {
        zip(names, key).map { "\($0) = \($1)" }.joined(separator: ", ")
    }

    /// Overlays, in one panel, the entries that differ only in the dimensions `names`: the
    /// result is keyed by the other dimensions. Each overlaid entry's first labelled-able
    /// element (its curve) is labelled `name = value` for the legend; the series colours
    /// follow the overlay order, so every entry gets its own.
    public func overlay(_ names: [String]) throws -> FigureMap {
        for name in names where !dimensions.contains(name) {
            throw PlotError("overlay: '\(name)' is not a dimension; the dimensions are \(dimensions.joined(separator: ", "))")
        }
        let kept = dimensions.indices.filter { !names.contains(dimensions[$0]) }
        let overlaid = dimensions.indices.filter { names.contains(dimensions[$0]) }
        var groups: [[FacetValue]: [Figure]] = [:], order: [[FacetValue]] = []
        for (key, figure) in entries.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            let groupKey = kept.map { key[$0] }
            if groups[groupKey] == nil { order.append(groupKey) }
            let label = Self.describe(overlaid.map { dimensions[$0] }, overlaid.map { key[$0] })
            groups[groupKey, default: []].append(Self.labelled(figure, label))
        }
        let merged = try order.map { key in
            (key: key, figure: try groups[key]!.dropFirst().reduce(groups[key]![0]) { try $0 * $1 })
        }
        return try FigureMap(dimensions: kept.map { dimensions[$0] }, entries: merged)
    }

    /// `figure` with its first series element (a curve, else the first that takes series
    /// colours) labelled, unless it has a label already.
    static func labelled(_ figure: Figure, _ label: String) -> Figure {
        guard case .overlay(var overlay) = figure.content, !label.isEmpty else { return figure }
        let index = overlay.elements.firstIndex { $0.kindName == "curve" } ?? overlay.elements.firstIndex { $0.usesSeriesColor }
        if let i = index, overlay.elements[i].label == nil { overlay.elements[i].label = label }
        return Figure(.overlay(overlay))
    }

    /// Small multiples: a grid with one facet per entry (the single panel itself when there
    /// are no dimensions left).
    public func grid() throws -> Figure {
        if dimensions.isEmpty { return entries.first?.figure ?? .empty }
        return try Figure.grid(entries.map { (Dictionary(uniqueKeysWithValues: zip(dimensions, $0.key)), $0.figure) },
                               dimensions: dimensions)
    }

    /// The panels side by side, each titled by its key (after its own title, if it has
    /// one), wrapping after `cols` columns.
    public func layout(cols: Int? = nil) -> Figure {
        if dimensions.isEmpty, let only = entries.first?.figure, entries.count == 1 { return only }
        let panels = entries.map { entry -> Figure in
            let key = Self.describe(dimensions, entry.key)
            guard case .overlay(let overlay) = entry.figure.content, let title = overlay.options.title else {
                return entry.figure.title(key)
            }
            return entry.figure.title("\(title), \(key)")
        }
        return Figure.layout(panels, cols: cols)
    }

    /// How the map shows by default: a grid for two or more dimensions, a wrapped layout
    /// for one (a grid would put every panel in one row), the panel itself for none.
    public func figure() throws -> Figure {
        dimensions.count >= 2 ? try grid() : layout()
    }

    /// Applies `transform` to every panel.
    public func map(_ transform: (Figure) throws -> Figure) rethrows -> FigureMap {
        var copy = self
        copy.entries = try entries.map { ($0.key, try transform($0.figure)) }
        return copy
    }
}
