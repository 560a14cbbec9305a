/// A figure: one panel of overlaid elements, a layout of panels, or a grid of facets.
///
/// Figures are values (Sendable, cheap to copy until modified). Compose them with
/// `a * b` (overlay on shared axes), `a + b` (side by side, see ``Figure/cols(_:)``) and
/// ``Figure/grid(_:dimensions:)`` (small multiples); style them with the modifiers in
/// `Figure+Options.swift` or by name with ``Figure/options(_:)``; render with
/// ``Figure/svg()``, ``Figure/pngData(scale:)`` or ``Figure/save(to:scale:)``.
///
/// ```swift
/// let f = try Figure.curve(xs, ys) * Figure.scatter(xs, ys)
/// let both = (f.title("a") + g.title("b")).cols(2)
/// ```
public struct Figure: Sendable, Equatable, CustomStringConvertible {
    /// What the figure is.
    public enum Content: Sendable, Equatable {
        case overlay(Overlay)
        case layout(Layout)
        case grid(FacetGrid)
    }

    public var content: Content

    public init(_ content: Content) { self.content = content }

    /// A panel of `elements` (drawn in order, later on top).
    public init(_ elements: [Element], options: Options = Options()) {
        content = .overlay(Overlay(elements: elements, options: options))
    }

    /// A panel of one element.
    public init(_ element: Element, options: Options = Options()) {
        self.init([element], options: options)
    }

    /// An empty panel (drawn as empty axes with the note "no data").
    public static var empty: Figure { Figure([]) }

    /// `<Figure: curve(120 points) * scatter(120 points), title "peak">`,
    /// `<Layout 2 panels>`, `<Grid 6 facets over n, alpha>`: one line for `tostring`.
    public var description: String {
        switch content {
        case .overlay(let overlay):
            let body = overlay.elements.isEmpty ? "empty" : overlay.elements.map(\.summary).joined(separator: " * ")
            let title = overlay.options.title.map { ", title " + quoted($0) } ?? ""
            return "<Figure: \(body)\(title)>"
        case .layout(let layout):
            let n = layout.items.count
            let title = layout.title.map { ", title " + quoted($0) } ?? ""
            return "<Layout \(n) panel\(n == 1 ? "" : "s")\(title)>"
        case .grid(let grid):
            let n = grid.facets.count
            let title = grid.options.title.map { ", title " + quoted($0) } ?? ""
            return "<Grid \(n) facet\(n == 1 ? "" : "s") over \(grid.dimensions.joined(separator: ", "))\(title)>"
        }
    }
}

/// Elements sharing one set of axes, with the panel's options.
public struct Overlay: Sendable, Equatable {
    public var elements: [Element]
    public var options: Options

    public init(elements: [Element] = [], options: Options = Options()) {
        self.elements = elements
        self.options = options
    }
}

/// Panels (or facet grids) placed in rows of `columns`, left to right, top to bottom.
public struct Layout: Sendable, Equatable {
    /// Each item is an overlay or a grid, never a layout (layouts flatten when added).
    public var items: [Figure]
    /// Columns before wrapping (``Layout/defaultColumns`` when nil).
    public var columns: Int?
    /// Title above the whole layout.
    public var title: String?

    /// holoviews wraps layouts after 4 columns; 3 keeps the default panels within ~1450 px.
    public static let defaultColumns = 3

    public init(items: [Figure], columns: Int? = nil, title: String? = nil) {
        self.items = items
        self.columns = columns
        self.title = title
    }
}
