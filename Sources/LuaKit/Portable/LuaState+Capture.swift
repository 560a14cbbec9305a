import CLua

extension LuaState {
    /// Copies the Lua function `function` (and the user globals it names, transitively)
    /// into a `PortableFunction`. Throws a `PortabilityError` naming the variable when
    /// something cannot be copied (a bridged object such as a learner, a coroutine, a C
    /// function outside the standard library).
    public func portable(_ function: LuaRef, name: String = "the function") throws(PortabilityError) -> PortableFunction {
        prepareEntry()
        var capture = Capture(state: self)
        function.push(onto: L)
        defer { clua_pop(L, 1) }
        let value = try capture.value(at: -1, path: name)
        var globals: [PortableFunction.Global] = []
        var index = 0
        while index < capture.pendingGlobals.count {   // grows while globals are copied
            let global = capture.pendingGlobals[index]
            index += 1
            lua_rawgeti(L, clua_registryindex(), lua_Integer(LUA_RIDX_GLOBALS))
            pushString(global)
            lua_rawget(L, -2)
            defer { clua_pop(L, 2) }
            // A name that may only be a field name is copied when it can be, else left out.
            let before = capture
            do {
                globals.append(.init(name: global, value: try capture.value(at: -1, path: "global '\(global)'")))
            } catch where !capture.certainGlobals.contains(global) {
                capture = before
            }
        }
        return PortableFunction(function: value, globals: globals)
    }

    /// Names of the globals a fresh state has (the standard library): never copied.
    static let standardGlobals: Set<String> = {
        let fresh = LuaState()
        guard case .array(let names)? = try? fresh.evaluate("local t = {} for k in pairs(_G) do t[#t + 1] = k end return t").first
        else { return [] }
        return Set(names.compactMap { if case .string(let s) = $0 { return s } else { return nil } })
    }()
}

/// One copy in progress: remembers tables, functions and upvalue cells already seen.
struct Capture {
    let state: LuaState
    var L: OpaquePointer { state.L }
    var seen: [UnsafeRawPointer: Int] = [:]
    var cells: [UnsafeMutableRawPointer: Int] = [:]
    var nextID = 1
    var pendingGlobals: [String] = []
    var globalNames: Set<String> = []
    /// Names the functions certainly use as globals; the other pending names are string
    /// constants that may be globals (or field names such as `l.learner`).
    var certainGlobals: Set<String> = []
    /// Standard library values by identity: "math", "math.sin", "print", ...
    lazy var library: [UnsafeRawPointer: String] = libraryIndex()

    /// Where the copy goes and what to do instead, for errors: functions travel to workers,
    /// values such as a function's result are kept by the learner.
    var wording = Wording.worker

    struct Wording {
        var destination: String
        var advice: String
        static let worker = Wording(
            destination: "to a worker", advice: "evaluate in the kernel with executor = adaptive.executors.main()")
    }

    init(state: LuaState) { self.state = state }

    mutating func value(at index: Int32, path: String) throws(PortabilityError) -> PortableValue {
        let index = lua_absindex(L, index)
        switch lua_type(L, index) {
        case LUA_TNIL: return .nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if clua_isinteger(L, index) != 0 { return .integer(clua_tointeger(L, index, nil)) }
            return .number(clua_tonumber(L, index, nil))
        case LUA_TSTRING:
            var length = 0
            let p = clua_tolstring(L, index, &length)!
            return .string(p.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) })
        case LUA_TTABLE: return try table(at: index, path: path)
        case LUA_TFUNCTION: return try function(at: index, path: path)
        case LUA_TUSERDATA:
            if let pointer = lua_topointer(L, index), let name = library[pointer] { return .library(name) }
            fallthrough
        default:
            let kind = state.typeName(at: index)
            throw PortabilityError(description:
                "cannot copy \(path) (a \(kind)) \(wording.destination): only numbers, strings, booleans, tables and Lua functions travel; "
                + wording.advice)
        }
    }

    private mutating func table(at index: Int32, path: String) throws(PortabilityError) -> PortableValue {
        let pointer = lua_topointer(L, index)!
        if let id = seen[pointer] { return .tableRef(id: id) }
        if let name = library[pointer] { return name == "_G" ? .globals : .library(name) }
        let id = nextID
        nextID += 1
        seen[pointer] = id
        var entries: [PortableValue.Entry] = []
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            let keyText = state.string(at: -2).map { "'\($0)'" } ?? "[\(state.typeName(at: -2))]"
            let key = try value(at: -2, path: "a key of \(path)")
            let item = try value(at: -1, path: "field \(keyText) of \(path)")
            entries.append(.init(key: key, value: item))
            clua_pop(L, 1)
        }
        var metatable: PortableValue? = nil
        if lua_getmetatable(L, index) != 0 {
            metatable = try value(at: -1, path: "the metatable of \(path)")
            clua_pop(L, 1)
        }
        return .table(id: id, entries: entries, metatable: metatable)
    }

    private mutating func function(at index: Int32, path: String) throws(PortabilityError) -> PortableValue {
        let pointer = lua_topointer(L, index)!
        if let id = seen[pointer] { return .functionRef(id: id) }
        if let name = library[pointer] { return .library(name) }
        guard lua_iscfunction(L, index) == 0 else {
            throw PortabilityError(description:
                "cannot copy \(path) \(wording.destination): it is a function written in Swift or C, not in Lua; "
                + wording.advice)
        }
        let id = nextID
        nextID += 1
        seen[pointer] = id
        let bytecode = dump(at: index)
        let names = BytecodeStrings.namesAndGlobals(bytecode)
        for name in (names?.strings ?? []).sorted() where isUserGlobal(name) && !globalNames.contains(name) {
            globalNames.insert(name)
            pendingGlobals.append(name)
        }
        certainGlobals.formUnion(names?.globals ?? [])
        var upvalues: [PortableValue.Upvalue] = []
        var n: Int32 = 1
        while let rawName = lua_getupvalue(L, index, n) {
            let name = String(cString: rawName)
            let cellPointer = lua_upvalueid(L, index, n)!
            let cell = cells[cellPointer] ?? { let c = nextID; nextID += 1; return c }()
            cells[cellPointer] = cell
            let item = try value(at: -1, path: "upvalue '\(name)' of \(path)")
            clua_pop(L, 1)
            upvalues.append(.init(name: name, cell: cell, value: item))
            n += 1
        }
        return .function(id: id, bytecode: bytecode, upvalues: upvalues)
    }

    /// `string.dump(f)` (not stripped: upvalue names find `_ENV`).
    private func dump(at index: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        lua_pushvalue(L, index)
        withUnsafeMutablePointer(to: &bytes) { out in
            _ = lua_dump(L, { _, p, size, ud in
                let out = ud!.assumingMemoryBound(to: [UInt8].self)
                out.pointee.append(contentsOf: UnsafeRawBufferPointer(start: p, count: size))
                return 0
            }, out, 0)
        }
        clua_pop(L, 1)
        return bytes
    }

    /// A name the function may read as a global, which the user defined (not the standard library).
    private func isUserGlobal(_ name: String) -> Bool {
        guard !LuaState.standardGlobals.contains(name), !state.sharedLibraryRoots.contains(name), name != "adaptive" else { return false }
        lua_rawgeti(L, clua_registryindex(), lua_Integer(LUA_RIDX_GLOBALS))
        state.pushString(name)
        let type = lua_rawget(L, -2)
        clua_pop(L, 2)
        return type != LUA_TNIL
    }

    /// Standard library tables and functions by identity (what every worker state has).
    private func libraryIndex() -> [UnsafeRawPointer: String] {
        var index: [UnsafeRawPointer: String] = [:]
        lua_rawgeti(L, clua_registryindex(), lua_Integer(LUA_RIDX_GLOBALS))
        let globals = lua_gettop(L)
        index[lua_topointer(L, globals)!] = "_G"
        for name in LuaState.standardGlobals.sorted() {
            state.pushString(name)
            let type = lua_rawget(L, globals)
            if type == LUA_TFUNCTION || type == LUA_TTABLE { index[lua_topointer(L, -1)!] = name }
            if type == LUA_TTABLE && name != "_G" && name != "package" {
                let library = lua_gettop(L)
                lua_pushnil(L)
                while lua_next(L, library) != 0 {
                    if let key = state.string(at: -2), lua_type(L, -1) == LUA_TFUNCTION {
                        index[lua_topointer(L, -1)!] = "\(name).\(key)"
                    }
                    clua_pop(L, 1)
                }
            }
            clua_pop(L, 1)
        }
        clua_pop(L, 1)
        for root in state.sharedLibraryRoots { addShared(root, to: &index) }
        return index
    }

    /// Indexes the value at a dotted path from the globals and, for a table, what it
    /// holds (three levels deep): values every worker state has at the same path.
    private func addShared(_ path: String, to index: inout [UnsafeRawPointer: String]) {
        lua_rawgeti(L, clua_registryindex(), lua_Integer(LUA_RIDX_GLOBALS))
        for part in path.split(separator: ".") {
            guard lua_type(L, -1) == LUA_TTABLE else { break }
            state.pushString(String(part))
            lua_rawget(L, -2)
            clua_remove(L, -2)
        }
        walk(path, depth: 0, into: &index)
        clua_pop(L, 1)
    }

    private func walk(_ path: String, depth: Int, into index: inout [UnsafeRawPointer: String]) {
        let type = lua_type(L, -1)
        guard type == LUA_TTABLE || type == LUA_TFUNCTION || type == LUA_TUSERDATA,
            let pointer = lua_topointer(L, -1), index[pointer] == nil
        else { return }
        index[pointer] = path
        guard type == LUA_TTABLE, depth < 3 else { return }
        let table = lua_gettop(L)
        lua_pushnil(L)
        while lua_next(L, table) != 0 {
            if let key = state.string(at: -2) { walk(path + "." + key, depth: depth + 1, into: &index) }
            clua_pop(L, 1)
        }
    }
}
