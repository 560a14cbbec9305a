import AdaptiveLua
import Foundation
import LuaKit
import Plotting
import Testing

/// Plots as a Lua user meets them: learner plots, the algebra, saving, errors.
@Suite struct PlotLuaTests {
    let directory: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plot-lua-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    func kernel() throws -> Kernel {
        let kernel = Kernel()
        try kernel.execute("""
            local a = 0.01
            function peak(x, o) return x + a^2 / (a^2 + (x - (o or 0))^2) end
            l = adaptive.Learner1D(peak, {-1, 1})
            adaptive.runner.simple(l, {npoints_goal = 100})
            m = adaptive.Learner1D(function(x) return {peak(x, -0.5), peak(x, 0.5)} end, {-1, 1})
            adaptive.runner.simple(m, {npoints_goal = 50})
            """, chunkName: "=setup")
        return kernel
    }

    @Test func learnerPlotIsACurveWithMarkersAndPaddedXRange() throws {
        let kernel = try kernel()
        let values = try kernel.execute("return tostring(l:plot()), tostring(m:plot()), tostring(l:plot{scatter_or_line = 'line'})", chunkName: "=t")
        #expect(values == [
            "<Figure: curve(100 points) * scatter(100 points)>",
            "<Figure: curve(50 points) * scatter(50 points) * curve(50 points) * scatter(50 points)>",
            "<Figure: curve(100 points)>",
        ])
        let figure = try #require(kernel.figure(of: try kernel.execute("return l:plot()", chunkName: "=t")[0]))
        let svg = figure.svg()
        #expect(svg.contains(">−1.0<") && svg.contains(">1.0<"))   // tick labels of the padded x range
        #expect(svg.contains("<polyline"))
    }

    @Test func algebraAndMethodsGiveNewFigures() throws {
        let kernel = try kernel()
        let values = try kernel.execute("""
            local a, b = l:plot(), m:plot()
            local both = (a + b):cols(1)
            local over = a * b
            local o2 = adaptive.plot.overlay{a, b}
            local lay = adaptive.plot.layout({a, b, a}, {cols = 2})
            return tostring(both), tostring(over) == tostring(o2), tostring(lay),
                   tostring(a:relabel('peak')), tostring(a:opts{title = 'x', logy = false}),
                   tostring(a:select{x = {-0.1, 0.1}}), tostring(a)
            """, chunkName: "=t")
        #expect(values[0] == "<Layout 2 panels>")
        #expect(values[1] == true)
        #expect(values[2] == "<Layout 3 panels>")
        #expect(values[3] == "<Figure: curve(100 points) * scatter(100 points), title \"peak\">")
        #expect(values[4] == "<Figure: curve(100 points) * scatter(100 points), title \"x\">")
        #expect(values[6] == "<Figure: curve(100 points) * scatter(100 points)>")   // unchanged
    }

    @Test func plainDataFigures() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local xs, ys = {1, 2, 3}, {1, 4, 9}
            return tostring(adaptive.plot.curve(xs, ys, {title = 'c'})), tostring(adaptive.plot.scatter(xs, ys)),
                   tostring(adaptive.plot.histogram({1, 2, 2, 3, 3, 3}, {bins = 3})),
                   tostring(adaptive.plot.image({{1, 2}, {3, 4}, {5, 6}}, {x = {0, 1}, y = {0, 2}}))
            """, chunkName: "=t")
        #expect(values[0] == "<Figure: curve(3 points), title \"c\">")
        #expect(values[1] == "<Figure: scatter(3 points)>")
        #expect(values[2].typeName == "string")
        #expect(values[3].typeName == "string")
    }

    @Test func saveWritesSvgAndPngFiles() throws {
        let kernel = try kernel()
        let svg = directory + "/peak.svg", png = directory + "/peak.png"
        try kernel.execute("l:plot():save('\(svg)'); (l:plot() + m:plot()):save('\(png)', {scale = 1})", chunkName: "=t")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.hasPrefix("<svg") || text.hasPrefix("<?xml"))
        let image = try RasterImage(png: Array(try Data(contentsOf: URL(fileURLWithPath: png))))
        #expect(image.width > image.height)   // two panels side by side
        // Saving twice gives the same bytes.
        try kernel.execute("l:plot():save('\(directory)/again.svg')", chunkName: "=t")
        #expect(try String(contentsOfFile: directory + "/again.svg", encoding: .utf8) == text)
    }

    @Test func displayHandsFiguresToTheKernel() throws {
        let kernel = try kernel()
        var shown: [Figure] = []
        kernel.onDisplay = { shown.append($0) }
        try kernel.execute("adaptive.display(l:plot()); adaptive.display(m:plot())", chunkName: "=t")
        #expect(shown.count == 2)
    }

    @Test func badInputGivesClearErrors() throws {
        let kernel = try kernel()
        func message(_ code: String) -> String {
            do { try kernel.execute(code, chunkName: "=t"); return "no error" } catch { return error.message }
        }
        #expect(message("adaptive.plot.curve({1, 2}, {1, 2, 3})") == "t:1: curve: xs and ys must have the same length, got 2 and 3")
        #expect(message("adaptive.plot.curve({1, 'a'}, {1, 2})") == "t:1: bad argument #1 to 'adaptive.plot.curve' (expected an array of numbers, element 2 is a string)")
        #expect(message("l:plot{colour = 'red'}").hasPrefix("t:1: Learner1D:plot: unknown option 'colour'; the options are: alpha,"))
        #expect(message("l:plot():save('\(directory)/x.pdf')") == "t:1: Figure:save: cannot save '\(directory)/x.pdf': extension '.pdf'; supported: .svg, .png")
        #expect(message("l:plot():save('/nonexistent-dir/x.svg')").hasPrefix("t:1: Figure:save: cannot write '/nonexistent-dir/x.svg'"))
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-dir"))
        #expect(message("return l:plot() + 1") == "t:1: bad argument #2 to '__add' (Figure expected, got number)")
        #expect(message("adaptive.plot.overlay{}") == "t:1: bad argument #1 to 'adaptive.plot.overlay' (a non-empty array of figures expected)")
    }
}
