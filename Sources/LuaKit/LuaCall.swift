import CLua

/// The arguments and results of one call of a Swift function from Lua.
///
/// Argument readers throw `LuaCallError`s in Lua's own style:
/// `bad argument #2 to 'tell' (number expected, got string)`.
public struct LuaCall {
    public let state: LuaState
    let L: OpaquePointer
    /// The function's name, as errors show it.
    public let name: String
    /// Stack slots before argument 1: 1 in methods, where argument 1 follows `self`.
    let base: Int32

    init(state: LuaState, L: OpaquePointer, name: String, base: Int32 = 0) {
        self.state = state
        self.L = L
        self.name = name
        self.base = base
    }

    /// The number of arguments passed (not counting `self` in methods).
    public var count: Int { Int(lua_gettop(L) - base) }

    /// The stack index of argument `index`.
    func slot(_ index: Int) -> Int32 { Int32(index) + base }

    /// An error about argument `index`, in Lua's wording.
    public func argumentError(_ index: Int, _ message: String) -> LuaCallError {
        LuaCallError("bad argument #\(index) to '\(name)' (\(message))")
    }

    /// The Lua type name of argument `index` ("no value" when absent).
    public func typeName(_ index: Int) -> String {
        index > count ? "no value" : state.typeName(at: slot(index))
    }

    /// True when argument `index` is absent or nil.
    public func isNil(_ index: Int) -> Bool { index > count || lua_type(L, slot(index)) <= 0 }

    private func expected(_ what: String, _ index: Int) -> LuaCallError {
        argumentError(index, "\(what) expected, got \(typeName(index))")
    }

    /// A number (an integer or a float; strings are not converted).
    public func number(_ index: Int) throws(LuaCallError) -> Double {
        guard lua_type(L, slot(index)) == LUA_TNUMBER else { throw expected("number", index) }
        return clua_tonumber(L, slot(index), nil)
    }

    /// A number, or `default` when the argument is absent or nil.
    public func number(_ index: Int, default value: Double) throws(LuaCallError) -> Double {
        isNil(index) ? value : try number(index)
    }

    /// An integer (a float with an exact integer value is accepted).
    public func integer(_ index: Int) throws(LuaCallError) -> Int {
        guard lua_type(L, slot(index)) == LUA_TNUMBER else { throw expected("integer", index) }
        var ok: Int32 = 0
        let i = clua_tointeger(L, slot(index), &ok)
        guard ok != 0 else {
            throw argumentError(index, "number has no integer representation")
        }
        return Int(i)
    }

    /// A string (numbers are not converted).
    public func string(_ index: Int) throws(LuaCallError) -> String {
        guard let s = state.string(at: slot(index)) else { throw expected("string", index) }
        return s
    }

    /// A boolean; absent or nil gives `default`.
    public func boolean(_ index: Int, default value: Bool) throws(LuaCallError) -> Bool {
        if isNil(index) { return value }
        guard lua_type(L, slot(index)) == LUA_TBOOLEAN else { throw expected("boolean", index) }
        return lua_toboolean(L, slot(index)) != 0
    }

    /// A function, kept by reference.
    public func function(_ index: Int) throws(LuaCallError) -> LuaRef {
        guard lua_type(L, slot(index)) == LUA_TFUNCTION else { throw expected("function", index) }
        lua_pushvalue(L, slot(index))
        return LuaRef(popping: state)
    }

    /// A number or an array of numbers, as numbers.
    public func numbers(_ index: Int) throws(LuaCallError) -> [Double] {
        do { return try state.numbers(at: slot(index)) } catch {
            throw argumentError(index, error.message)
        }
    }

    /// A table, converted (see `LuaValue`); throws unless the argument is a table.
    public func table(_ index: Int) throws(LuaCallError) -> LuaValue {
        guard lua_type(L, slot(index)) == LUA_TTABLE else { throw expected("table", index) }
        return state.value(at: slot(index))
    }

    /// Any argument, converted.
    public func value(_ index: Int) -> LuaValue { state.value(at: slot(index)) }

    /// The bridged Swift object of type `T` at `index`.
    public func object<T: AnyObject>(_ index: Int, as type: T.Type) throws(LuaCallError) -> T {
        if let object = state.object(at: slot(index), as: type) { return object }
        let wanted = state.classNames[ObjectIdentifier(type)] ?? "\(type)"
        throw expected(wanted, index)
    }

    /// The bridged object at `index` of any registered class, or nil.
    public func anyObject(_ index: Int) -> AnyObject? { state.anyObject(at: slot(index)) }

    /// Pushes a result.
    public func push(_ value: LuaValue) { state.push(value) }
    /// Pushes a number result (no allocation).
    public func push(_ value: Double) { lua_pushnumber(L, value) }
    /// Pushes a bridged Swift object.
    public func push(object: AnyObject) throws(LuaCallError) { try state.push(object: object) }

    /// Pushes `values` and returns their count: `return call.returning(.number(1))`.
    public func returning(_ values: LuaValue...) -> Int {
        for value in values { state.push(value) }
        return values.count
    }
}
