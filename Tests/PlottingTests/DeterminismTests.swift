import Testing
@testable import Plotting

@Suite("Determinism")
struct DeterminismTests {
    /// A figure using every kind of element, a layout and a grid.
    static func everything() throws -> Figure {
        let (xs, ys) = samples(200)
        let panel = try (Figure.curve(xs, ys, label: "curve") * Figure.scatter(xs, ys.map { $0 + 0.1 }, label: "scatter")
            * Figure(Element.band(xs, lower: ys.map { $0 - 0.05 }, upper: ys.map { $0 + 0.05 }))
            * Figure(Element.errorBars([0.5], [0.25], errors: [0.1])) * Figure(Element.text(0.2, 0.8, "note")))
            .title("all").xlabel("x").ylabel("y")
        let image = try Figure.image((0..<100).map { Double($0 % 13) }, nx: 10, ny: 10).logz()
        let mesh = try Figure(Element.triangles([0, 1, 0, 1], [0, 0, 1, 1], triangles: [0, 1, 2, 1, 3, 2]))
        let hist = try Figure(Element.histogram(values: ys, bins: 12))
        let grid = try Figure.grid([(["k": 1], panel), (["k": 2], mesh)])
        return (panel + image + mesh + hist + grid).cols(2)
    }

    @Test("rendering twice gives byte-identical SVG")
    func svgTwice() throws {
        let figure = try DeterminismTests.everything()
        let a = figure.svg(), b = figure.svg()
        #expect(a == b)
        #expect(a.utf8.count > 10_000)
    }

    @Test("rendering twice gives byte-identical PNG")
    func pngTwice() throws {
        let figure = try Figure.curve([0, 1, 2], [1, 3, 2]).title("t")
        #expect(try figure.pngData(scale: 1) == figure.pngData(scale: 1))
    }

    @Test("ids are prefixed by a hash of the document: different figures, different ids")
    func ids() throws {
        let a = try Figure.curve([0, 1], [0, 1]).svg(), b = try Figure.curve([0, 1], [1, 0]).svg()
        func clipID(_ svg: String) -> String {
            String(svg.components(separatedBy: "<clipPath id=\"")[1].prefix { $0 != "\"" })
        }
        #expect(clipID(a).hasPrefix("f") && clipID(a).hasSuffix("-c0"))
        #expect(clipID(a) != clipID(b))
        #expect(!a.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test("no non-finite numbers or exponents leak into the SVG")
    func clean() throws {
        let svg = try Figure.curve([0, 1e300, 2, .nan, 3], [1, 2, -1e308, 4, .infinity]).svg()
        #expect(!svg.contains("nan") && !svg.contains("inf") && !svg.contains("e+"))
    }
}
