import CLua

extension LuaState {
    /// Rebuilds a `PortableFunction` copied from another state: its user globals become
    /// globals of this state, and the function is returned. Standard library values bind
    /// to this state's own.
    public func load(_ portable: PortableFunction, chunkName: String = "=(worker)") throws(LuaError) -> LuaRef {
        prepareEntry()
        var restore = Restore(state: self, chunkName: chunkName)
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        clua_newtable(L)   // memo: id -> table or function
        restore.memo = lua_gettop(L)
        for global in portable.globals {
            try restore.push(global.value)
            lua_rawgeti(L, clua_registryindex(), lua_Integer(LUA_RIDX_GLOBALS))
            pushString(global.name)
            lua_rotate(L, -3, -1)   // value, G, name -> G, name, value
            lua_rawset(L, -3)
            clua_pop(L, 1)
        }
        try restore.push(portable.function)
        return LuaRef(popping: self)
    }
}

/// One rebuild in progress.
struct Restore {
    let state: LuaState
    let chunkName: String
    var L: OpaquePointer { state.L }
    /// Stack index of the memo table (ids to tables and functions).
    var memo: Int32 = 0
    /// Upvalue cells already rebuilt: cell -> (function id, upvalue index).
    var cells: [Int: (function: Int, index: Int32)] = [:]

    init(state: LuaState, chunkName: String) {
        self.state = state
        self.chunkName = chunkName
    }

    /// Pushes the rebuilt value.
    mutating func push(_ value: PortableValue) throws(LuaError) {
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let b): lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(L, i)
        case .number(let d): lua_pushnumber(L, d)
        case .string(let bytes):
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
            }
        case .tableRef(let id), .functionRef(let id):
            lua_rawgeti(L, memo, lua_Integer(id))
        case .globals:
            lua_rawgeti(L, clua_registryindex(), lua_Integer(LUA_RIDX_GLOBALS))
        case .library(let path):
            lua_rawgeti(L, clua_registryindex(), lua_Integer(LUA_RIDX_GLOBALS))
            for part in path.split(separator: ".") {
                guard lua_type(L, -1) == LUA_TTABLE else { break }
                state.pushString(String(part))
                lua_rawget(L, -2)
                clua_remove(L, -2)
            }
        case .table(let id, let entries, let metatable):
            clua_newtable(L)
            let table = lua_gettop(L)
            lua_pushvalue(L, table)
            lua_rawseti(L, memo, lua_Integer(id))
            for entry in entries {
                try push(entry.key)
                try push(entry.value)
                if lua_type(L, -2) == LUA_TNIL { clua_pop(L, 2); continue }
                lua_rawset(L, table)
            }
            if let metatable {
                try push(metatable)
                if lua_type(L, -1) == LUA_TTABLE { lua_setmetatable(L, table) } else { clua_pop(L, 1) }
            }
        case .function(let id, let bytecode, let upvalues):
            let status = bytecode.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { luaL_loadbufferx(L, $0.baseAddress, $0.count, chunkName, "b") }
            }
            if status != LUA_OK { throw state.popError(status: status) }
            let function = lua_gettop(L)
            lua_pushvalue(L, function)
            lua_rawseti(L, memo, lua_Integer(id))
            for (i, upvalue) in upvalues.enumerated() {
                let n = Int32(i + 1)
                if let shared = cells[upvalue.cell] {
                    lua_rawgeti(L, memo, lua_Integer(shared.function))
                    lua_upvaluejoin(L, function, n, -1, shared.index)
                    clua_pop(L, 1)
                    continue
                }
                cells[upvalue.cell] = (id, n)
                try push(upvalue.value)
                if lua_setupvalue(L, function, n) == nil { clua_pop(L, 1) }
            }
        }
    }
}
