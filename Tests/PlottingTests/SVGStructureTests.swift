import Foundation
import Testing
@testable import Plotting

@Suite("SVG structure")
struct SVGStructureTests {
    @Test("a curve and scatter give a polyline, a marker path, a clip path and real text")
    func elements() throws {
        let (xs, ys) = samples(11)
        let svg = try (Figure.curve(xs, ys) * Figure.scatter(xs, ys)).title("peak").xlabel("x").ylabel("y").svg()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"480\" height=\"320\""))
        #expect(svg.contains("font-family=\"DejaVu Sans, sans-serif\""))
        #expect(count("<polyline ", in: svg) == 1)
        #expect(count("<clipPath ", in: svg) == 1)
        #expect(count("clip-path=\"url(#", in: svg) == 1)
        #expect(svg.contains("stroke-linecap=\"round\" d=\"M"))
        #expect(count("h0", in: svg) == 11, "one zero-length stroke per marker")
        let t = texts(svg)
        #expect(t.contains("peak") && t.contains("x") && t.contains("y"))
        #expect(svg.hasSuffix("</svg>\n"))
    }

    @Test("data from 0 to 1 gives tick labels 0.0, 0.2, ..., 1.0 on both axes")
    func tickLabels() throws {
        let svg = try Figure.curve([0, 0.5, 1], [0, 1, 0.5]).svg()
        let labels = texts(svg)
        for label in ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"] {
            #expect(labels.filter { $0 == label }.count == 2, "\(label) on x and y: \(labels)")
        }
    }

    @Test("coordinates have at most two decimals")
    func compactNumbers() throws {
        let xs = (0..<50).map { Double($0) / 7 }
        let svg = try Figure.curve(xs, xs.map { sin($0) }).svg()
        // Every number in coordinates: polyline points and x/y/width/height attributes.
        var numbers: [Substring] = []
        for part in svg.components(separatedBy: "points=\"").dropFirst() {
            numbers += part.prefix { $0 != "\"" }.split(whereSeparator: { " ,".contains($0) })
        }
        for attribute in [" x=\"", " y=\"", " width=\"", " height=\""] {
            for part in svg.components(separatedBy: attribute).dropFirst() { numbers.append(part.prefix { $0 != "\"" }) }
        }
        #expect(numbers.count > 100)
        for n in numbers where !n.hasSuffix("%") {
            #expect(Double(n) != nil, "\(n)")
            let parts = n.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 2 { #expect(parts[1].count <= 2 && !parts[1].hasSuffix("0"), "\(n)") }
        }
    }

    @Test("NaN and inf break a curve into separate polylines")
    func gaps() throws {
        var ys = (0..<20).map { Double($0) }
        ys[7] = .nan
        let svg = try Figure.curve((0..<20).map(Double.init), ys).svg()
        #expect(count("<polyline ", in: svg) == 2)
        ys[14] = .infinity
        #expect(count("<polyline ", in: try Figure.curve((0..<20).map(Double.init), ys).svg()) == 3)
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    @Test("log axes leave out non-positive values and say how many")
    func logExclusions() throws {
        let xs: [Double] = [-1, 0, 1, 2, 3, 4]
        let svg = try Figure.curve(xs, [1, 10, -5, 100, 0, 1000]).logy().svg()
        #expect(texts(svg).contains("2 points with y ≤ 0 not shown (log scale)"))
        #expect(texts(svg).contains("10²"))
        let both = try Figure.scatter(xs, [1, 2, 3, 4, 5, 6]).logx().svg()
        #expect(texts(both).contains("2 points with x ≤ 0 not shown (log scale)"))
        #expect(!texts(try Figure.curve([1, 2], [1, 2]).logy().svg()).contains { $0.contains("not shown") })
    }

    @Test("a log colour scale leaves out non-positive cells; unusable log limits are reported")
    func logz() throws {
        let svg = try Figure.image([0, 1, 10, 100], nx: 2, ny: 2).logz().svg()
        #expect(texts(svg).contains("1 cell with value ≤ 0 not shown (log colour scale)"))
        #expect(texts(svg).contains("10²"), "colour bar ticks in decades")
        let limits = try Figure.curve([1, 2], [1, 2]).logy().ylim(0...3).svg()
        #expect(texts(limits).contains("ylim ignored: a log scale needs limits > 0"))
    }

    @Test("the best legend position avoids the data")
    func legendBest() throws {
        let xs = (0...20).map { Double($0) / 20 }
        // Data rises along the diagonal: the top-left and bottom-right corners are free.
        let svg = try Figure.curve(xs, xs, label: "diagonal").svg()
        let legend = svg.components(separatedBy: "<rect").first { $0.contains("rx=\"2\"") }!
        let x = Double(legend.components(separatedBy: " x=\"")[1].prefix { $0 != "\"" })!
        let y = Double(legend.components(separatedBy: " y=\"")[1].prefix { $0 != "\"" })!
        #expect(x < 240 && y < 160, "top left, got \(x), \(y)")
        let pinned = try Figure.curve(xs, xs, label: "diagonal").legend(position: .bottomRight).svg()
        let pinnedLegend = pinned.components(separatedBy: "<rect").first { $0.contains("rx=\"2\"") }!
        #expect(Double(pinnedLegend.components(separatedBy: " x=\"")[1].prefix { $0 != "\"" })! > 240)
    }

    @Test("empty data draws empty axes with a note")
    func empty() throws {
        #expect(texts(Figure.empty.svg()).contains("no data"))
        #expect(texts(try Figure.curve([.nan], [1]).svg()).contains("no data"))
        #expect(!texts(try Figure.curve([0, 1], [1, 2]).svg()).contains("no data"))
    }

    @Test("select restricts the shown range and autoscales the rest to the selection")
    func select() throws {
        let xs = (0...100).map { Double($0) / 10 }
        let fig = try Figure.curve(xs, xs.map { $0 * $0 }).select(x: 2...4)
        let labels = texts(fig.svg())
        #expect(labels.contains("2.0") && labels.contains("4.0") && !labels.contains("6.0"))
        #expect(labels.contains("16") && !labels.contains("100"), "y rescaled to 4...16: \(labels)")
    }

    @Test("explicit ranges, log x and explicit ticks")
    func ranges() throws {
        let labels = texts(try Figure.curve([0, 1], [0, 1]).xlim(-10...10).yticks(.positions([0, 0.25, 0.7])).svg())
        #expect(labels.contains("−10") && labels.contains("10"))
        #expect(labels.contains("0.25") && labels.contains("0.7"))
    }

    @Test("an image embeds a PNG and draws a colour bar")
    func image() throws {
        let values = (0..<12).map { Double($0) }
        let svg = try Figure.image(values, nx: 4, ny: 3, x: 0...4, y: 0...3).clabel("z").svg()
        #expect(count("<image ", in: svg) == 1)
        #expect(svg.contains("href=\"data:image/png;base64,iVBORw0KGgo"))
        #expect(svg.contains("<linearGradient "))
        #expect(texts(svg).contains("z"))
        let noBar = try Figure.image(values, nx: 4, ny: 3).colorbar(false).svg()
        #expect(!noBar.contains("<linearGradient "))
    }

    @Test("the embedded image has the right cells: row 0 at the bottom")
    func imageOrientation() throws {
        // Two rows: bottom (j = 0) low, top (j = 1) high.
        let fig = try Figure.image([0, 0, 1, 1], nx: 2, ny: 2).xticks(.count(0)).yticks(.count(0)).colorbar(false)
            .size(width: 100, height: 100).showGrid(false)
        let image = try RasterImage(png: try fig.pngData(scale: 1))
        let viridisLow = try ColorMap(named: "viridis").color(at: 0), viridisHigh = try ColorMap(named: "viridis").color(at: 1)
        let top = image.pixel(x: 50, y: 30), bottom = image.pixel(x: 50, y: 70)
        #expect(abs(Int(top.red) - Int(viridisHigh.red)) < 8 && abs(Int(top.green) - Int(viridisHigh.green)) < 8)
        #expect(abs(Int(bottom.blue) - Int(viridisLow.blue)) < 8 && abs(Int(bottom.red) - Int(viridisLow.red)) < 8)
    }

    @Test("histogram, band, triangles, error bars and text each draw one element")
    func otherElements() throws {
        let hist = try Figure(Element.histogram(values: [1, 2, 2, 3, 3, 3], bins: 3)).svg()
        #expect(count("Z", in: hist) == 3)
        let band = try Figure(Element.band([0, 1, 2], lower: [0, 0, 0], upper: [1, 2, 1])).svg()
        #expect(band.contains("fill-opacity=\"0.35\""))
        let mesh = try Figure(Element.triangles([0, 1, 0, 1], [0, 0, 1, 1], triangles: [0, 1, 2, 1, 3, 2])).svg()
        #expect(count("M", in: mesh.components(separatedBy: "stroke-opacity=\"0.3\"")[1].components(separatedBy: "\"/>")[0]) == 5,
                "5 unique edges")
        let bars = try Figure(Element.errorBars([1, 2], [1, 2], errors: [0.5, 0.5])).svg()
        #expect(bars.contains("stroke=\"#333333\""))
        let label = try (Figure.curve([0, 1], [0, 1]) * Figure(Element.text(0.5, 0.5, "a < b & c"))).svg()
        #expect(label.contains(">a &lt; b &amp; c</text>"))
    }

    @Test("legend lists labelled elements")
    func legend() throws {
        let fig = try Figure.curve([0, 1], [0, 1], label: "first") * Figure.scatter([0, 1], [1, 0], label: "second")
        #expect(texts(fig.svg()).contains("first") && texts(fig.svg()).contains("second"))
        #expect(!texts(fig.legend(false).svg()).contains("first"))
        let outside = fig.legend(position: .right)
        #expect(outside.svg() != fig.svg())
    }

    @Test("layouts place panels in translated groups, wrapping after cols")
    func layout() throws {
        let a = try Figure.curve([0, 1], [0, 1]).title("a"), b = try Figure.curve([0, 1], [1, 0]).title("b")
        let row = (a + b).svg()
        #expect(row.contains("width=\"972\" height=\"320\""))
        #expect(count("<g transform=\"translate(", in: row) == 2)
        #expect(count("<clipPath ", in: row) == 2)
        let column = (a + b).cols(1).svg()
        #expect(column.contains("width=\"480\" height=\"652\""))
    }

    @Test("a facet grid has one panel per key and strips naming the values")
    func facets() throws {
        var facets: [(key: [String: FacetValue], figure: Figure)] = []
        for n in [1, 2] {
            for alpha in [0.5, 1] {
                facets.append((["n": .number(Double(n)), "alpha": .number(alpha)], try Figure.curve([0, 1], [0, alpha * Double(n)])))
            }
        }
        let svg = try Figure.grid(facets, dimensions: ["n", "alpha"]).svg()
        #expect(count("<clipPath ", in: svg) == 4)
        let labels = texts(svg)
        for strip in ["n = 1", "n = 2", "alpha = 0.5", "alpha = 1"] { #expect(labels.contains(strip), "\(strip)") }
        // Shared axes: y tick labels only on the left column, x tick labels only on the bottom row.
        #expect(count("text-anchor=\"end\">", in: svg) == 2, "y tick labels on each row's left panel")
        #expect(count("fill=\"#333333\" text-anchor=\"middle\">", in: svg) == 2, "x tick labels under each column")
    }
}
