/// An error a person can act on: what was wrong and with which value.
///
/// Thrown for invalid input to the core (bad bounds, points outside the domain, a
/// vector of the wrong length, ...). Errors thrown by user code, e.g. a custom loss
/// function, are passed through unchanged instead.
///
///     do { _ = try Learner1D(bounds: (1, 1)) }
///     catch let error as AdaptiveError { print(error) }
///     // Learner1D: bounds must be {a, b} with a < b, got {1, 1}
public struct AdaptiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The whole message, starting with the name of the type that raised it.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension AdaptiveError {
    /// Formats a number the way the messages show it: `1` rather than `1.0`,
    /// `0.1` rather than `0.10000000000000001`, `inf`, `-inf`, `nan`.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
