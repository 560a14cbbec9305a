import Adaptive
import Plotting

extension AverageLearner1D {
    /// The figure `learner:plot()` shows, as python-adaptive's: the means as markers
    /// with error bars (± the error of the mean; points with a single sample have none)
    /// and a line through them, the x range padded by 5% of the domain on each side.
    public func figure() throws -> Figure {
        let stats = statistics
        let data = self.data
        let xs = data.map(\.x), means = data.map(\.mean)
        let finite = stats.indices.filter { stats[$0].error.isFinite }
        let bars = try Element.errorBars(finite.map { xs[$0] }, finite.map { means[$0] }, errors: finite.map { stats[$0].error })
        let (a, b) = bounds
        let margin = 0.05 * (b - a)
        return Figure([try Element.curve(xs, means), bars, try Element.scatter(xs, means)])
            .xlim((a - margin)...(b + margin)).xlabel("x").ylabel("y")
    }
}
