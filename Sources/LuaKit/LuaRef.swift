import CLua

/// A Lua value kept alive in the registry of its state: a function, table or
/// userdata that Swift holds on to (the function to learn, a custom loss, ...).
///
/// May be released on any thread: the registry slot is freed at the state's next
/// entry from Swift. Use it (call, push) only on the thread that owns the state.
public final class LuaRef: @unchecked Sendable {
    /// The state, weakly: a reference never keeps a state alive.
    public private(set) weak var state: LuaState?
    let ref: Int32
    /// The Lua type of the value (`LUA_TFUNCTION`, ...).
    let type: Int32

    /// Pops the value on top of `state`'s stack into the registry.
    init(popping state: LuaState) {
        self.state = state
        self.type = lua_type(state.L, -1)
        self.ref = luaL_ref(state.L, clua_registryindex())
    }

    deinit { state?.release(ref: ref) }

    /// Pushes the value onto its state's stack.
    func push(onto L: OpaquePointer) {
        lua_rawgeti(L, clua_registryindex(), lua_Integer(ref))
    }

    /// True for a Lua function (or a Swift function bridged to Lua).
    public var isFunction: Bool { type == LUA_TFUNCTION }

    /// The Lua type name: "function", "table", "userdata", ...
    public var typeName: String {
        guard let state else { return "dead" }
        return String(cString: lua_typename(state.L, type))
    }

    /// Calls the referenced value with `arguments` and returns all its results.
    @discardableResult
    public func call(_ arguments: [LuaValue] = []) throws(LuaError) -> [LuaValue] {
        guard let state else { throw LuaError(kind: .runtime, message: "the Lua state was closed") }
        let L = state.L
        state.prepareEntry()
        let top = lua_gettop(L)
        push(onto: L)
        for argument in arguments { state.push(argument) }
        try state.protectedCall(nargs: Int32(arguments.count), nresults: LUA_MULTRET)
        let count = lua_gettop(L) - top
        var results: [LuaValue] = []
        results.reserveCapacity(Int(count))
        for i in 0..<count { results.append(state.value(at: top + 1 + i)) }
        lua_settop(L, top)
        return results
    }

    /// Calls the referenced function with no arguments and passes all its results to
    /// `consumer` (the shell prints a chunk's values this way, keeping their identity).
    public func call(forwardingResultsTo consumer: LuaRef) throws(LuaError) {
        guard let state else { throw LuaError(kind: .runtime, message: "the Lua state was closed") }
        let L = state.L
        state.prepareEntry()
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        consumer.push(onto: L)
        push(onto: L)
        try state.protectedCall(nargs: 0, nresults: LUA_MULTRET)
        try state.protectedCall(nargs: lua_gettop(L) - top - 1, nresults: 0)
    }

    /// Calls the referenced function with numbers and returns its first result as
    /// numbers: a number gives one element, an array of numbers its elements. The
    /// fast path for learning a function.
    public func callNumbers(_ arguments: [Double]) throws -> [Double] {
        guard let state else { throw LuaError(kind: .runtime, message: "the Lua state was closed") }
        let L = state.L
        state.prepareEntry()
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        push(onto: L)
        for argument in arguments { lua_pushnumber(L, argument) }
        try state.protectedCall(nargs: Int32(arguments.count), nresults: 1)
        return try state.numbers(at: -1)
    }
}
