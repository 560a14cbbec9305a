/// A Lua value converted to Swift, or a Swift value to be pushed to Lua.
///
/// Tables whose keys are exactly 1...n become `.array`; tables with string keys only
/// become `.map`; anything else (functions, userdata, tables with other keys) is kept
/// as a `.ref` to the value in its state.
public enum LuaValue: Sendable, Equatable {
    case `nil`
    case boolean(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([LuaValue])
    case map([String: LuaValue])
    /// A table with keys of any type, in the given order (pushing only).
    case pairs([(key: LuaValue, value: LuaValue)])
    /// A Swift function (pushed as a Lua function) or a Lua function kept by reference.
    case function(LuaRef)
    /// Any other value kept by reference (userdata, tables with mixed keys, coroutines).
    case ref(LuaRef)

    public static func == (a: LuaValue, b: LuaValue) -> Bool {
        switch (a, b) {
        case (.nil, .nil): return true
        case let (.boolean(x), .boolean(y)): return x == y
        case let (.integer(x), .integer(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.integer(x), .number(y)), let (.number(y), .integer(x)): return Double(x) == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.map(x), .map(y)): return x == y
        case let (.pairs(x), .pairs(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.function(x), .function(y)), let (.ref(x), .ref(y)): return x === y
        default: return false
        }
    }

    /// The field `key` of a `.map`, or nil.
    public func field(_ key: String) -> LuaValue? {
        if case .map(let fields) = self { return fields[key] }
        return nil
    }

    /// The number, for `.integer` and `.number`.
    public var double: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }

    /// The Lua type name of the value ("number", "table", ...), for messages.
    public var typeName: String {
        switch self {
        case .nil: return "nil"
        case .boolean: return "boolean"
        case .integer, .number: return "number"
        case .string: return "string"
        case .array, .map, .pairs: return "table"
        case .function: return "function"
        case .ref(let r): return r.typeName
        }
    }
}

extension LuaValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .nil }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: LuaValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, LuaValue)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
