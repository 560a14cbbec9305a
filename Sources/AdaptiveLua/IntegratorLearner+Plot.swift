import Adaptive
import Plotting

extension IntegratorLearner {
    /// The figure `learner:plot()` shows: the sampled points of f, as markers joined by
    /// a line, over the bounds padded by 5% on each side. The points crowd where f is
    /// hard to integrate (python-adaptive draws the same points as a path).
    public func figure() throws -> Figure {
        let data = self.data
        let xs = data.map(\.x), ys = data.map(\.y)
        let (a, b) = bounds
        let margin = 0.05 * (b - a)
        return Figure([try Element.curve(xs, ys), try Element.scatter(xs, ys)])
            .xlim((a - margin)...(b + margin)).xlabel("x").ylabel("f(x)")
    }
}
