import Foundation
import Testing
@testable import Plotting

@Suite("Shaded triangles")
struct ShadedTrianglesTests {
    @Test("each triangle is a filled path in the given order, its colour darkened by its shade, with a colour bar")
    func pathsInOrder() throws {
        let xs = [0.0, 1, 0, 1], ys = [0.0, 0, 1, 1]
        let figure = try Figure.shadedTriangles(xs, ys, triangles: [0, 1, 2, 1, 3, 2], values: [0, 1], shades: [1, 0.5])
        let svg = figure.svg()
        let fills = svg.components(separatedBy: "<path fill=\"#").dropFirst().map { String($0.prefix(6)) }
        #expect(fills.count == 2)
        // viridis at 0 is #440154; at 1 #fde725, half as bright: #7f7313.
        #expect(fills[0] == "440154")
        #expect(fills[1] == "7f7413" || fills[1] == "7f7313" || fills[1] == "7e7313")
        #expect(svg.contains("stroke=\"#\(fills[0])\""))
        #expect(figure.description.contains("shadedtriangles(2)"))
    }

    @Test("bad input is a clear error")
    func badInput() {
        #expect(throws: PlotError.self) { try Element.shadedTriangles([0, 1], [0], triangles: [], values: []) }
        #expect(throws: PlotError.self) { try Element.shadedTriangles([0, 1, 0], [0, 0, 1], triangles: [0, 1], values: [1]) }
        #expect(throws: PlotError.self) { try Element.shadedTriangles([0, 1, 0], [0, 0, 1], triangles: [0, 1, 5], values: [1]) }
        #expect(throws: PlotError.self) { try Element.shadedTriangles([0, 1, 0], [0, 0, 1], triangles: [0, 1, 2], values: []) }
        #expect(throws: PlotError.self) { try Element.shadedTriangles([0, 1, 0], [0, 0, 1], triangles: [0, 1, 2], values: [1], shades: [2]) }
    }
}
