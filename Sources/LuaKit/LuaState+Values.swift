import CLua

extension LuaState {
    /// Pushes a Swift value onto the stack.
    func push(_ value: LuaValue) {
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let b): lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(L, lua_Integer(i))
        case .number(let d): lua_pushnumber(L, d)
        case .string(let s): pushString(s)
        case .array(let items):
            lua_createtable(L, Int32(items.count), 0)
            for (i, item) in items.enumerated() {
                push(item)
                lua_rawseti(L, -2, lua_Integer(i + 1))
            }
        case .map(let fields):
            lua_createtable(L, 0, Int32(fields.count))
            for key in fields.keys.sorted() {
                pushString(key)
                push(fields[key]!)
                lua_rawset(L, -3)
            }
        case .pairs(let entries):
            lua_createtable(L, 0, Int32(entries.count))
            for entry in entries {
                if case .nil = entry.key { continue }
                if case .number(let d) = entry.key, d.isNaN { continue }   // rawset would raise
                push(entry.key)
                push(entry.value)
                lua_rawset(L, -3)
            }
        case .function(let ref), .ref(let ref):
            if ref.state === self { ref.push(onto: L) } else { lua_pushnil(L) }
        }
    }

    /// Pushes a Swift string (which may contain NUL bytes).
    func pushString(_ s: String) {
        var s = s
        s.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
        }
    }

    /// Reads the string at `index` without conversion (nil unless it is a string).
    func string(at index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let p = clua_tolstring(L, index, &length) else { return nil }
        return p.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// Converts the value at `index` (see `LuaValue` for the table rules).
    func value(at index: Int32, depth: Int = 0) -> LuaValue {
        let index = lua_absindex(L, index)
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if clua_isinteger(L, index) != 0 { return .integer(Int(clua_tointeger(L, index, nil))) }
            return .number(clua_tonumber(L, index, nil))
        case LUA_TSTRING: return .string(string(at: index) ?? "")
        case LUA_TTABLE where depth < 64:
            if let table = tableValue(at: index, depth: depth) { return table }
            fallthrough
        default:
            lua_pushvalue(L, index)
            let ref = LuaRef(popping: self)
            return ref.isFunction ? .function(ref) : .ref(ref)
        }
    }

    /// A plain table as `.array` or `.map`, or nil when its keys fit neither.
    private func tableValue(at index: Int32, depth: Int) -> LuaValue? {
        let length = Int(lua_rawlen(L, index))
        var count = 0
        var onlyStrings = true
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            count += 1
            if lua_type(L, -2) != LUA_TSTRING { onlyStrings = false }
            clua_pop(L, 1)
        }
        if count == length {   // keys are 1...n (the border is n and there is nothing else)
            var items: [LuaValue] = []
            items.reserveCapacity(length)
            for i in stride(from: 1, through: length, by: 1) {
                lua_rawgeti(L, index, lua_Integer(i))
                items.append(value(at: -1, depth: depth + 1))
                clua_pop(L, 1)
            }
            return .array(items)
        }
        guard onlyStrings else { return nil }
        var fields: [String: LuaValue] = [:]
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            if let key = string(at: -2) { fields[key] = value(at: -1, depth: depth + 1) }
            clua_pop(L, 1)
        }
        return .map(fields)
    }

    /// The value at `index` as numbers: a number gives one element, an array of
    /// numbers its elements. Throws a message naming what was given otherwise.
    func numbers(at index: Int32) throws(LuaCallError) -> [Double] {
        let index = lua_absindex(L, index)
        var isNumber: Int32 = 0
        let d = clua_tonumber(L, index, &isNumber)
        if isNumber != 0 && lua_type(L, index) == LUA_TNUMBER { return [d] }
        guard lua_type(L, index) == LUA_TTABLE else {
            throw LuaCallError("expected a number or an array of numbers, got \(typeName(at: index))")
        }
        let length = Int(lua_rawlen(L, index))
        var result: [Double] = []
        result.reserveCapacity(length)
        for i in 0..<length {
            lua_rawgeti(L, index, lua_Integer(i + 1))
            let element = clua_tonumber(L, -1, &isNumber)
            let ok = isNumber != 0 && lua_type(L, -1) == LUA_TNUMBER
            let given = ok ? "" : typeName(at: -1)
            clua_pop(L, 1)
            guard ok else {
                throw LuaCallError("expected an array of numbers, element \(i + 1) is a \(given)")
            }
            result.append(element)
        }
        if length == 0 { throw LuaCallError("expected a number or an array of numbers, got an empty table") }
        return result
    }

    /// The type name of the value at `index`, using `__name` for bridged objects.
    func typeName(at index: Int32) -> String {
        let index = lua_absindex(L, index)
        if lua_type(L, index) == LUA_TUSERDATA, lua_getmetatable(L, index) != 0 {
            lua_pushstring(L, "__name")
            lua_rawget(L, -2)
            let name = string(at: -1)
            clua_pop(L, 2)
            if let name { return name }
        }
        return String(cString: lua_typename(L, lua_type(L, index)))
    }
}
