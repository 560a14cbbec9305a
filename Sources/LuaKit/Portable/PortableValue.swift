/// A Lua value copied out of one state so that another state (a worker thread's, or a
/// worker process's) can rebuild it: numbers, strings, booleans, tables with shared
/// references and cycles, and Lua functions (bytecode plus upvalues), with standard
/// library values bound by name to the target's own.
///
/// Copies are by value, as python-adaptive's process pools copy: a worker that changes a
/// table changes its own copy, and the kernel never sees it.
public indirect enum PortableValue: Sendable, Equatable, Codable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string([UInt8])
    /// A table; `id` identifies it within one `PortableFunction`, so shared references
    /// and cycles are rebuilt as such. Entries of a table already given appear as `.tableRef`.
    case table(id: Int, entries: [Entry], metatable: PortableValue?)
    case tableRef(id: Int)
    /// A Lua function: `string.dump` bytecode and its upvalues in order.
    case function(id: Int, bytecode: [UInt8], upvalues: [Upvalue])
    case functionRef(id: Int)
    /// A standard library value, by its path ("math", "math.sin", "print").
    case library(String)
    /// The target state's globals table (`_ENV` of ordinary functions).
    case globals

    public struct Entry: Sendable, Equatable, Codable {
        public var key: PortableValue
        public var value: PortableValue
    }

    public struct Upvalue: Sendable, Equatable, Codable {
        public var name: String
        /// Identifies the upvalue cell: functions sharing it in the source share it again.
        public var cell: Int
        public var value: PortableValue
    }
}

/// A function to run in other states, with the user globals it can reach.
public struct PortableFunction: Sendable, Codable {
    /// The function itself (a `.function`, or a `.library` C function).
    public var function: PortableValue
    /// User globals the function (or the functions it reaches) names, in the order found.
    public var globals: [Global]

    public struct Global: Sendable, Codable {
        public var name: String
        public var value: PortableValue
    }
}

/// Why a value cannot travel to a worker, naming where it was found.
public struct PortabilityError: Error, CustomStringConvertible, Sendable {
    public let description: String
}
