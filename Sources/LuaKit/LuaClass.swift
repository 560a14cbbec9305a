import CLua

/// Describes how a Swift class appears in Lua: a userdata with methods called with
/// `:`, read-only properties read as fields, `__tostring` and other metamethods.
/// The userdata retains the object; `__gc` releases it.
///
///     let type = LuaClass<Counter>("Counter")
///     type.property("count") { .integer($0.count) }
///     type.method("add") { counter, call in counter.count += try call.integer(1); return 0 }
///     lua.register(type)
///     try lua.push(object: Counter())   // in Lua: c:add(2); print(c.count)
public final class LuaClass<Object: AnyObject> {
    public let name: String
    var methods: [String: (Object, LuaCall) throws -> Int] = [:]
    var properties: [String: (Object) throws -> LuaValue] = [:]
    var setters: [String: (Object, LuaCall) throws -> Void] = [:]
    var pushers: [String: (Object, LuaCall) throws -> Void] = [:]
    var metamethods: [String: LuaFunction] = [:]
    var describe: ((Object) -> String)?
    var fallback: ((Object, String, LuaCall) throws -> Bool)?

    public init(_ name: String) { self.name = name }

    /// A method: `obj:name(...)`. The body reads its arguments from 1 (after self).
    public func method(_ name: String, _ body: @escaping (Object, LuaCall) throws -> Int) {
        methods[name] = body
    }

    /// A read-only field: `obj.name`.
    public func property(_ name: String, _ body: @escaping (Object) throws -> LuaValue) {
        properties[name] = body
    }

    /// A read-only field whose getter pushes its one value itself (for bridged objects).
    public func property(_ name: String, pushing body: @escaping (Object, LuaCall) throws -> Void) {
        pushers[name] = body
    }

    /// Makes the field `name` assignable: `obj.name = v` calls `body` with v as argument 1.
    public func setter(_ name: String, _ body: @escaping (Object, LuaCall) throws -> Void) {
        setters[name] = body
    }

    /// `tostring(obj)`.
    public func tostring(_ body: @escaping (Object) -> String) { describe = body }

    /// Reads fields and methods the class does not have (a wrapper forwarding to what it
    /// wraps): `body` pushes one value and returns true, or returns false for "no such field".
    public func fallback(_ body: @escaping (Object, String, LuaCall) throws -> Bool) { fallback = body }

    /// Any other metamethod (`__add`, `__mul`, `__len`, `__call`, ...), with raw arguments.
    public func metamethod(_ name: String, _ body: @escaping LuaFunction) { metamethods[name] = body }

    /// Field and method names, sorted (for completion and help).
    public var memberNames: (fields: [String], methods: [String]) {
        ((Array(properties.keys) + Array(pushers.keys)).sorted(), methods.keys.sorted())
    }
}

extension LuaState {
    /// Registers a bridged class, so objects of type `Object` can be pushed and read.
    public func register<Object: AnyObject>(_ type: LuaClass<Object>) {
        prepareEntry()
        classNames[ObjectIdentifier(Object.self)] = type.name
        luaL_newmetatable(L, type.name)   // sets __name
        let meta = lua_gettop(L)
        func set(_ key: String, _ body: @escaping LuaFunction) {
            lua_pushstring(L, key)
            pushFunction(name: key, body)
            lua_rawset(L, meta)
        }
        lua_pushstring(L, "__gc")
        lua_pushcclosure(L, releaseBoxedObject, 0)
        lua_rawset(L, meta)

        // Methods live in a table in the metatable; __index looks there after properties.
        lua_pushstring(L, "__methods")
        lua_createtable(L, 0, Int32(type.methods.count))
        for (name, body) in type.methods.sorted(by: { $0.key < $1.key }) {
            lua_pushstring(L, name)
            pushFunction(name: "\(type.name):\(name)") { call in
                let selfCall = LuaCall(state: call.state, L: call.L, name: call.name, base: 1)
                guard let object = call.state.object(at: 1, as: Object.self) else {
                    throw LuaCallError(
                        "calling '\(name)' on bad self (\(type.name) expected, got \(call.typeName(1))); "
                            + "use obj:\(name)(...)")
                }
                return try body(object, selfCall)
            }
            lua_rawset(L, -3)
        }
        lua_rawset(L, meta)

        // The names of the read-only fields, for completion and help (never read by __index).
        lua_pushstring(L, "__fields")
        let fieldNames = type.memberNames.fields
        lua_createtable(L, Int32(fieldNames.count), 0)
        for (i, name) in fieldNames.enumerated() {
            lua_pushstring(L, name)
            lua_rawseti(L, -2, lua_Integer(i + 1))
        }
        lua_rawset(L, meta)

        let typeName = type.name
        set("__index") { call in
            guard let object = call.state.object(at: 1, as: Object.self) else { return 0 }
            let key = call.state.string(at: 2) ?? ""
            if let getter = type.properties[key] {
                call.push(try getter(object))
                return 1
            }
            if let pusher = type.pushers[key] {
                try pusher(object, call)
                return 1
            }
            lua_getmetatable(call.L, 1)
            lua_pushstring(call.L, "__methods")
            lua_rawget(call.L, -2)
            lua_pushvalue(call.L, 2)
            lua_rawget(call.L, -2)
            if lua_type(call.L, -1) != LUA_TNIL { return 1 }
            if let fallback = type.fallback, try fallback(object, key, call) { return 1 }
            throw LuaCallError("\(typeName) has no field or method '\(key)'")
        }
        set("__newindex") { call in
            guard let object = call.state.object(at: 1, as: Object.self) else { return 0 }
            let key = call.state.string(at: 2) ?? ""
            guard let setter = type.setters[key] else {
                throw LuaCallError("cannot set '\(key)': \(typeName) fields are read-only")
            }
            try setter(object, LuaCall(state: call.state, L: call.L, name: "\(typeName).\(key)", base: 2))
            return 0
        }
        if let describe = type.describe {
            set("__tostring") { call in
                guard let object = call.state.object(at: 1, as: Object.self) else { return 0 }
                call.push(.string(describe(object)))
                return 1
            }
        }
        for (name, body) in type.metamethods.sorted(by: { $0.key < $1.key }) { set(name, body) }
        clua_pop(L, 1)
    }

    /// Pushes a bridged object (its class must be registered).
    func push(object: AnyObject) throws(LuaCallError) {
        guard let name = classNames[ObjectIdentifier(Swift.type(of: object))] else {
            throw LuaCallError("internal error: \(Swift.type(of: object)) is not registered with Lua")
        }
        pushRetainedBox(L, object)
        luaL_setmetatable(L, name)
    }

    /// Makes a Lua value of a bridged object.
    public func value(object: AnyObject) throws(LuaCallError) -> LuaValue {
        prepareEntry()
        try push(object: object)
        return .ref(LuaRef(popping: self))
    }

    /// The bridged object of type `T` at `index`, or nil.
    func object<T: AnyObject>(at index: Int32, as type: T.Type) -> T? {
        guard let name = classNames[ObjectIdentifier(type)],
            luaL_testudata(L, index, name) != nil
        else { return nil }
        return boxedObject(L, index) as? T
    }

    /// The bridged object at `index` whatever its class, or nil for other values.
    func anyObject(at index: Int32) -> AnyObject? {
        guard lua_type(L, index) == LUA_TUSERDATA, lua_getmetatable(L, index) != 0 else { return nil }
        lua_pushstring(L, "__name")
        lua_rawget(L, -2)
        let name = string(at: -1)
        clua_pop(L, 2)
        guard let name, classNames.values.contains(name) else { return nil }
        return boxedObject(L, index)
    }

    /// The bridged Swift object a Lua value holds, whatever its class, or nil.
    public func anyObject(_ value: LuaValue) -> AnyObject? {
        guard case .ref(let ref) = value, ref.state === self else { return nil }
        prepareEntry()
        ref.push(onto: L)
        defer { clua_pop(L, 1) }
        return anyObject(at: -1)
    }

    /// The bridged object of type `T` held by a reference, or nil.
    public func object<T: AnyObject>(_ value: LuaValue, as type: T.Type) -> T? {
        guard case .ref(let ref) = value, ref.state === self else { return nil }
        ref.push(onto: L)
        defer { clua_pop(L, 1) }
        return object(at: -1, as: type)
    }
}
