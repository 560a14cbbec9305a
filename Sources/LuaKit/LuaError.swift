/// A Lua error that reached Swift: from a chunk that failed to load or run, or a
/// called Lua function that raised.
public struct LuaError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public enum Kind: Sendable { case syntax, runtime, memory, handler, interrupted }
    public let kind: Kind
    /// The error message as Lua gave it (`file:LINE: message`), without traceback.
    public let message: String
    /// `stack traceback:` lines, when the error came through the traceback handler.
    public let traceback: String?

    public init(kind: Kind, message: String, traceback: String? = nil) {
        self.kind = kind
        self.message = message
        self.traceback = traceback
    }

    /// True for a syntax error whose message ends at `<eof>`: the chunk is incomplete.
    public var isIncompleteChunk: Bool { kind == .syntax && message.hasSuffix("<eof>") }

    public var description: String {
        if let traceback { return message + "\n" + traceback }
        return message
    }
}

/// An error thrown by a Swift function called from Lua. The bridge turns it into
/// an ordinary Lua error carrying `message` (with the caller's position prefixed).
public struct LuaCallError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
