/// An error a person can act on: what was expected and what was given.
///
/// Every failure of the module (bad element data, an unknown option name, an unwritable
/// path, a rasterizer failure) is a `PlotError` whose `message` is meant to be shown as is.
public struct PlotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The whole message, e.g. `unknown option 'colour'; options are: alpha, clabel, ...`.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
