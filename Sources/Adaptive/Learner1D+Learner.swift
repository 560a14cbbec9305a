extension Learner1D: Learner {
    /// A value of the learned function: a number, or a vector of numbers.
    public enum Value: Sendable, Equatable {
        case scalar(Double)
        case vector([Double])

        /// A vector of one component is a scalar (python-adaptive's `squeeze`).
        public init(_ components: [Double]) {
            self = components.count == 1 ? .scalar(components[0]) : .vector(components)
        }
    }

    /// Adds the value of f at `x`; see ``tell(_:_:)-(Double,Double)``.
    public func tell(_ x: Double, _ value: Value) throws {
        switch value {
        case .scalar(let y): try tell(x, y)
        case .vector(let y): try tell(x, vector: y)
        }
    }
}
