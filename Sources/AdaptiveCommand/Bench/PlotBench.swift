import Adaptive
import AdaptiveLua
import Foundation
import Plotting

/// P1: a 100 000-point Learner1D figure (line and markers) rendered to SVG and to PNG.
enum PlotBench {
    static let name = "P1"
    static let points = 100_000

    /// Seconds for each rendering (median of `reps`) and the sizes of the outputs.
    static func run(reps: Int) throws -> [(format: String, seconds: Double, bytes: Int)] {
        let learner = try Learner1D(bounds: (-1, 1))
        try runSimple(learner, goal: Goal([.npoints(points)])) { .scalar(Workload.peak($0)) }
        let figure = try learner.figure()
        func median(_ body: () throws -> Int) rethrows -> (Double, Int) {
            var times: [Double] = [], size = 0
            for _ in 0..<reps {
                let start = DispatchTime.now().uptimeNanoseconds
                size = try body()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return (times.sorted()[reps / 2], size)
        }
        let svg = median { figure.svg().utf8.count }
        let png = try median { try figure.pngData().count }
        return [("svg", svg.0, svg.1), ("png", png.0, png.1)]
    }
}
