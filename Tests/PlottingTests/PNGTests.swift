import Testing
@testable import Plotting

@Suite("PNG")
struct PNGTests {
    @Test("the PNG has the figure's size times the scale")
    func size() throws {
        let figure = try Figure.curve([0, 1], [0, 1])
        let png = try figure.pngData()
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let image = try RasterImage(png: png)
        #expect(image.width == 960 && image.height == 640)
        let small = try RasterImage(png: try figure.size(width: 200, height: 150).pngData(scale: 1))
        #expect(small.width == 200 && small.height == 150)
        let big = try RasterImage(png: try (figure + figure).pngData(scale: 1.5))
        #expect(big.width == Int((972 * 1.5).rounded()) && big.height == 480)
    }

    @Test("the background is white and the curve is drawn where the data is")
    func pixels() throws {
        // A thick horizontal line at y = 0.5 across the plot, no grid, no ticks.
        let figure = try Figure.curve([0, 1], [0.5, 0.5]).lineWidth(6).ylim(0...1).xlim(0...1)
            .showGrid(false).size(width: 200, height: 200).color(Color(hex: 0xFF0000))
        let image = try RasterImage(png: try figure.pngData(scale: 1))
        let corner = image.pixel(x: 2, y: 2)
        #expect(corner.red == 255 && corner.green == 255 && corner.blue == 255 && corner.alpha == 255)
        // Find the plot rectangle from the SVG, then look at its middle row.
        let svg = figure.svg()
        let clip = svg.components(separatedBy: "<clipPath")[1]
        func attribute(_ name: String) -> Double {
            Double(clip.components(separatedBy: " \(name)=\"")[1].prefix { $0 != "\"" })!
        }
        let midY = Int(attribute("y") + attribute("height") / 2), midX = Int(attribute("x") + attribute("width") / 2)
        let onLine = image.pixel(x: midX, y: midY)
        #expect(onLine.red > 200 && onLine.green < 60 && onLine.blue < 60, "\(onLine)")
        let offLine = image.pixel(x: midX, y: midY - 20)
        #expect(offLine.red == 255 && offLine.green == 255)
        let nonWhite = stride(from: 0, to: image.rgba.count, by: 4).filter { image.rgba[$0 + 1] < 128 }.count
        #expect(nonWhite > 500, "text, frame and line are drawn")
    }

    @Test("text is rendered with real glyphs (fonts present)")
    func text() throws {
        let blank = try RasterImage(png: try Figure.curve([0, 1], [0, 1]).size(width: 300, height: 200).pngData(scale: 1))
        let titled = try RasterImage(png: try Figure.curve([0, 1], [0, 1]).title("Title").size(width: 300, height: 200)
            .pngData(scale: 1))
        // The title occupies the top band of the titled figure only.
        func darkPixels(_ image: RasterImage, rows: Range<Int>) -> Int {
            rows.reduce(0) { sum, y in sum + (0..<image.width).filter { image.pixel(x: $0, y: y).red < 128 }.count }
        }
        #expect(darkPixels(titled, rows: 4..<22) > 30)
        #expect(darkPixels(blank, rows: 0..<6) == 0)
    }

    @Test("invalid scales throw clear errors")
    func badScale() throws {
        let figure = try Figure.curve([0, 1], [0, 1])
        #expect(throws: PlotError.self) { try figure.pngData(scale: 0) }
        #expect(throws: PlotError.self) { try figure.pngData(scale: .nan) }
        do {
            _ = try figure.pngData(scale: 1000)
            Issue.record("expected an error")
        } catch let error as PlotError {
            #expect(error.message.contains("must be within 1...32767 px"))
        }
    }

    @Test("the PNG rasterizer reports SVG errors")
    func badSVG() {
        #expect(throws: PlotError.self) { try PNGRasterizer.png(svg: "<svg", width: 10, height: 10, scale: 1) }
    }
}
