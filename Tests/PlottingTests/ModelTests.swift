import Testing
@testable import Plotting

@Suite("Figure model")
struct ModelTests {
    @Test("descriptions are one line for tostring")
    func descriptions() throws {
        let (xs, ys) = samples(120)
        let fig = try (Figure.curve(xs, ys) * Figure.scatter(xs, ys)).title("peak")
        #expect(fig.description == "<Figure: curve(120 points) * scatter(120 points), title \"peak\">")
        #expect((fig + fig).description == "<Layout 2 panels>")
        #expect(Figure.empty.description == "<Figure: empty>")
        #expect(try Figure.image([1, 2, 3, 4, 5, 6], nx: 3, ny: 2).description == "<Figure: image(3×2)>")
        #expect(try Figure(Element.histogram(values: [1, 2], bins: 4)).description == "<Figure: histogram(4 bins)>")
        #expect(Figure(Element.text(0, 0, "a\"b")).description == "<Figure: text(\"a\\\"b\")>")
    }

    @Test("overlay merges options with the left operand winning")
    func overlayMerge() throws {
        let a = try Figure.curve([0, 1], [0, 1]).title("a").logy()
        let b = try Figure.scatter([0, 1], [1, 0]).title("b").xlabel("x")
        guard case .overlay(let o) = try (a * b).content else { Issue.record("not a panel"); return }
        #expect(o.elements.count == 2 && o.options.title == "a" && o.options.xlabel == "x" && o.options.logy == true)
    }

    @Test("layouts flatten; overlaying a layout with a panel overlays each panel")
    func layouts() throws {
        let a = try Figure.curve([0, 1], [0, 1]), b = try Figure.scatter([0, 1], [0, 1])
        guard case .layout(let l) = ((a + b) + (a + b)).cols(3).content else { Issue.record("not a layout"); return }
        #expect(l.items.count == 4 && l.columns == 3)
        guard case .layout(let m) = try ((a + b) * b).content else { Issue.record("not a layout"); return }
        #expect(m.items.map(\.description) == ["<Figure: curve(2 points) * scatter(2 points)>", "<Figure: scatter(2 points) * scatter(2 points)>"])
        #expect(throws: PlotError.self) { try (a + b) * (a + b) }
    }

    @Test("series colours cycle per element kind; explicit colours win")
    func colours() throws {
        let (xs, ys) = samples(3)
        let fig = try Figure.curve(xs, ys) * Figure.curve(xs, ys) * Figure.scatter(xs, ys)
            * Figure.curve(xs, ys).color(Color(hex: 0x123456))
        guard case .overlay(let o) = fig.content else { return }
        let plan = PanelPlan(o, options: o.options)
        #expect(plan.colors == [Palette.colors[0], Palette.colors[1], Palette.colors[0], Color(hex: 0x123456)])
    }

    @Test("element constructors validate their data")
    func validation() {
        #expect(throws: PlotError("curve: xs and ys must have the same length, got 2 and 3")) {
            try Element.curve([0, 1], [0, 1, 2])
        }
        #expect(throws: PlotError("image: expected nx * ny = 6 values, got 5")) {
            try Element.image([1, 2, 3, 4, 5], nx: 3, ny: 2)
        }
        #expect(throws: PlotError("histogram: expected 3 edges for 2 counts, got 2")) {
            try Element.histogram(edges: [0, 1], counts: [1, 2])
        }
        #expect(throws: PlotError("histogram: edges must increase, got 1.0 then 0.5")) {
            try Element.histogram(edges: [0, 1, 0.5], counts: [1, 2])
        }
        #expect(throws: PlotError("triangles: vertex index 3 out of range 0..<3")) {
            try Element.triangles([0, 1, 0], [0, 0, 1], triangles: [0, 1, 3])
        }
        #expect(throws: PlotError("errorbars: xs and upper must have the same length, got 1 and 2")) {
            try Element.errorBars([0], [0], lower: [1], upper: [1, 2])
        }
    }

    @Test("grids check their keys")
    func gridKeys() throws {
        let f = try Figure.curve([0, 1], [0, 1])
        #expect(throws: PlotError("grid: a facet key has no value for 'b'")) {
            try Figure.grid([(["a": 1], f)], dimensions: ["a", "b"])
        }
        #expect(throws: PlotError("grid: two facets have the same key a = 1")) {
            try Figure.grid([(["a": 1], f), (["a": 1], f)])
        }
        #expect(throws: PlotError("grid: facet key names 'c', which is not a dimension (a)")) {
            try Figure.grid([(["a": 1, "c": 2], f)], dimensions: ["a"])
        }
        #expect(throws: PlotError("grid: each facet must be a single panel, got a layout")) {
            try Figure.grid([(["a": 1], f + f)])
        }
    }

    @Test("empty layouts and grids render without data")
    func emptyContainers() throws {
        #expect(Figure.layout([]).svg().hasPrefix("<svg"))
        let grid = try Figure.grid([], dimensions: ["n"])
        #expect(grid.svg().hasSuffix("</svg>\n"))
        #expect(try RasterImage(png: try grid.pngData(scale: 1)).width > 0)
    }

    @Test("histogram from values counts into equal bins")
    func histogramBins() throws {
        let e = try Element.histogram(values: [0, 0.1, 0.5, 0.9, 1, .nan], bins: 2)
        guard case .histogram(let edges, let counts) = e.kind else { Issue.record("not a histogram"); return }
        #expect(edges == [0, 0.5, 1] && counts == [2, 3])
    }
}
