import Testing
@testable import Plotting

@Suite("Figure maps (HoloMap)")
struct FigureMapTests {
    /// Panels of a curve and markers keyed by n and beta, as a balancing learner's plot.
    func map() throws -> FigureMap {
        var entries: [(key: [FacetValue], figure: Figure)] = []
        for n in [1.0, 2.0] {
            for beta in [0.0, 0.5, 1.0] {
                let xs = [0.0, 1.0], ys = [n, n + beta]
                entries.append(([.number(n), .number(beta)], try Figure.curve(xs, ys) * Figure.scatter(xs, ys)))
            }
        }
        return try FigureMap(dimensions: ["n", "beta"], entries: entries)
    }

    @Test("overlay keeps the other dimensions and labels each overlaid curve")
    func overlay() throws {
        let overlaid = try map().overlay(["beta"])
        #expect(overlaid.dimensions == ["n"])
        #expect(overlaid.entries.map(\.key) == [[1], [2]])
        guard case .overlay(let panel) = overlaid.entries[0].figure.content else { Issue.record("not a panel"); return }
        #expect(panel.elements.count == 6)
        #expect(panel.elements.compactMap(\.label) == ["beta = 0", "beta = 0.5", "beta = 1"])
        let all = try map().overlay(["n", "beta"])
        #expect(all.dimensions.isEmpty && all.entries.count == 1)
        #expect(throws: PlotError.self) { try map().overlay(["gamma"]) }
    }

    @Test("grid, layout and the default figure")
    func figures() throws {
        #expect(try map().grid().description == "<Grid 6 facets over n, beta>")
        #expect(try map().figure().description == "<Grid 6 facets over n, beta>")
        let byN = try map().overlay(["beta"])
        #expect(try byN.figure().description == "<Layout 2 panels>")
        #expect(try byN.grid().description == "<Grid 2 facets over n>")
        guard case .layout(let layout) = byN.layout().content else { Issue.record("not a layout"); return }
        #expect(layout.items.map { $0.description.contains("title \"n = 1\"") || $0.description.contains("title \"n = 2\"") } == [true, true])
        let svg = try byN.grid().select(y: -1...3).svg()
        #expect(texts(svg).contains("beta = 0.5"))   // the legend
    }

    @Test("keys are checked")
    func validation() throws {
        let panel = try Figure.curve([0, 1], [0, 1])
        #expect(throws: PlotError.self) { try FigureMap(dimensions: ["a"], entries: [([1], panel), ([1], panel)]) }
        #expect(throws: PlotError.self) { try FigureMap(dimensions: ["a"], entries: [([1, 2], panel)]) }
        #expect(throws: PlotError.self) { try FigureMap(dimensions: ["a"], entries: [([1], panel + panel)]) }
    }
}
