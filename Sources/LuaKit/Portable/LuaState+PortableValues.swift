import CLua

/// The arguments of a call into another state: numbers (the fast path of learning a
/// function of numbers) or any values, copied.
public enum PortableArguments: Sendable, Equatable, Codable {
    case numbers([Double])
    case values([PortableValue])
}

/// What a call gave back: its first result read as numbers, or copied whole.
public enum PortableResult: Sendable, Equatable {
    case numbers([Double])
    case value(PortableValue)
}

/// Single values copied between states (a function's arguments and results, the elements
/// of a sequence, data a learner keeps): as `portable(_:name:)` copies functions, but with no
/// globals: a function inside a value sees the globals of the state it is rebuilt in.
extension LuaState {
    /// A copy of `value` (a value of this state).
    public func portable(_ value: LuaValue, name: String = "the value") throws(PortabilityError) -> PortableValue {
        prepareEntry()
        push(value)
        defer { clua_pop(L, 1) }
        return try portableValue(at: -1, name: name, wording: .kept)
    }

    /// The value at stack `index`, copied.
    func portableValue(at index: Int32, name: String, wording: Capture.Wording) throws(PortabilityError) -> PortableValue {
        var capture = Capture(state: self)
        capture.wording = wording
        return try capture.value(at: index, path: name)
    }

    /// Rebuilds `value` in this state: numbers, strings and booleans as themselves, tables and
    /// functions as references to the new table or function.
    public func value(restoring value: PortableValue) throws(LuaError) -> LuaValue {
        switch value {
        case .nil: return .nil
        case .boolean(let b): return .boolean(b)
        case .integer(let i): return .integer(Int(i))
        case .number(let d): return .number(d)
        case .string(let bytes): return .string(String(decoding: bytes, as: UTF8.self))
        default:
            prepareEntry()
            try push(restoring: value)
            let ref = LuaRef(popping: self)
            return ref.isFunction ? .function(ref) : .ref(ref)
        }
    }

    /// Pushes `value` rebuilt in this state.
    func push(restoring value: PortableValue) throws(LuaError) {
        var restore = Restore(state: self, chunkName: "=(value)")
        clua_newtable(L)
        restore.memo = lua_gettop(L)
        do { try restore.push(value) } catch {
            lua_settop(L, restore.memo - 1)
            throw error
        }
        clua_remove(L, restore.memo)
    }
}

extension Capture.Wording {
    /// For values a learner keeps (a function's result, a sequence's element).
    static let kept = Capture.Wording(
        destination: "to keep it", advice: "files, coroutines and objects such as learners cannot be kept")
}

extension LuaRef {
    /// Calls the referenced function with `arguments` (copies are rebuilt in its state) and
    /// returns its first result: read as numbers with `numbers` (a number or an array of
    /// numbers, else a `LuaCallError`), otherwise copied (a `LuaCallError` names what cannot be).
    public func call(_ arguments: PortableArguments, returningNumbers numbers: Bool) throws -> PortableResult {
        guard let state else { throw LuaError(kind: .runtime, message: "the Lua state was closed") }
        let L = state.L
        state.prepareEntry()
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        push(onto: L)
        let count: Int
        switch arguments {
        case .numbers(let xs):
            for x in xs { lua_pushnumber(L, x) }
            count = xs.count
        case .values(let values):
            for value in values { try state.push(restoring: value) }
            count = values.count
        }
        try state.protectedCall(nargs: Int32(count), nresults: 1)
        if numbers { return .numbers(try state.numbers(at: -1)) }
        do { return .value(try state.portableValue(at: -1, name: "the result", wording: .kept)) } catch {
            throw LuaCallError(error.description)
        }
    }
}

extension LuaCall {
    /// Argument `index`, copied (see `LuaState.portable(_:name:)`). Errors name the value
    /// `what`, or the argument when `what` is nil.
    public func portable(_ index: Int, what: String? = nil) throws(LuaCallError) -> PortableValue {
        do { return try state.portableValue(at: slot(index), name: what ?? "argument #\(index)", wording: .kept) } catch {
            if what != nil { throw LuaCallError("\(name): \(error.description)") }
            throw LuaCallError("bad argument #\(index) to '\(name)' (\(error.description))")
        }
    }

    /// Pushes `value` rebuilt in this state.
    public func push(restoring value: PortableValue) throws(LuaError) { try state.push(restoring: value) }

    /// Runs `body` with element `position` of the table at argument `index` pushed as an extra
    /// argument, whose index `body` receives: the readers then apply to the element
    /// (`call.number(i)`). Raw access; the element is popped afterwards.
    public func withElement<T>(_ index: Int, _ position: Int, _ body: (Int) throws -> T) throws -> T {
        guard lua_type(L, slot(index)) == LUA_TTABLE else {
            throw argumentError(index, "table expected, got \(typeName(index))")
        }
        lua_rawgeti(L, slot(index), lua_Integer(position))
        defer { clua_pop(L, 1) }
        return try body(count)
    }
}

extension PortableValue {
    /// The Lua type name ("number", "table", ...), for messages.
    public var typeName: String {
        switch self {
        case .nil: return "nil"
        case .boolean: return "boolean"
        case .integer, .number: return "number"
        case .string: return "string"
        case .table, .tableRef, .globals: return "table"
        case .function, .functionRef: return "function"
        case .library(let path): return path.contains(".") ? "function" : "table"
        }
    }

    /// The number, for `.integer` and `.number`.
    public var double: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }

    /// The value of the string key `key` of a table, or nil.
    public func field(_ key: String) -> PortableValue? {
        guard case .table(_, let entries, _) = self else { return nil }
        let bytes = Array(key.utf8)
        return entries.first { $0.key == .string(bytes) }?.value
    }

    /// A number or an array of numbers as numbers (as `LuaRef.callNumbers` reads a result);
    /// nil for anything else.
    public var numbers: [Double]? {
        if let d = double { return [d] }
        guard case .table(_, let entries, _) = self, !entries.isEmpty else { return nil }
        var result = [Double](repeating: 0, count: entries.count)
        var seen = 0
        for entry in entries {
            guard case .integer(let k) = entry.key, k >= 1, k <= entries.count, let d = entry.value.double else { return nil }
            result[Int(k) - 1] = d
            seen += 1
        }
        return seen == entries.count ? result : nil
    }
}

extension PortableValue.Entry {
    /// The entry `key = value` of a table.
    public init(_ key: PortableValue, _ value: PortableValue) {
        self.key = key
        self.value = value
    }
}

extension LuaState {
    /// A reference to `value` pushed into this state (a new table for `.array`, `.map`, `.pairs`).
    public func reference(_ value: LuaValue) -> LuaRef {
        prepareEntry()
        push(value)
        return LuaRef(popping: self)
    }
}

extension LuaCall {
    /// The raw length (`#t` without metamethods) of the table at argument `index`.
    public func length(_ index: Int) throws(LuaCallError) -> Int {
        guard lua_type(L, slot(index)) == LUA_TTABLE else {
            throw argumentError(index, "table expected, got \(typeName(index))")
        }
        return Int(lua_rawlen(L, slot(index)))
    }
}
