import Adaptive
import Plotting

extension AverageLearner {
    /// The figure `learner:plot()` shows: a histogram of the values with
    /// `max(5, √npoints)` bins, as python-adaptive's.
    public func figure() throws -> Figure {
        let values = data.map(\.value)
        let bins = max(5, Int(Double(values.count).squareRoot()))
        return Figure([try Element.histogram(values: values, bins: bins)]).xlabel("y").ylabel("count")
    }
}
