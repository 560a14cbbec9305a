import CLua
import CLuaSupport

/// A Swift function callable from Lua. It reads its arguments through the `LuaCall`,
/// pushes its results with `call.push` and returns how many it pushed (or returns
/// `call.returning(...)`). Throwing raises an ordinary Lua error in the caller.
public typealias LuaFunction = (LuaCall) throws -> Int

/// Keeps a Swift closure alive inside a Lua userdata; `__gc` releases it.
final class LuaFunctionBox {
    static let metatableName = "luakit.function"
    let name: String
    let body: LuaFunction
    init(name: String, body: @escaping LuaFunction) {
        self.name = name
        self.body = body
    }

    static func registerMetatable(_ L: OpaquePointer) {
        guard luaL_newmetatable(L, metatableName) != 0 else { return clua_pop(L, 1) }
        lua_pushstring(L, "__gc")
        lua_pushcclosure(L, releaseBoxedObject, 0)
        lua_rawset(L, -3)
        clua_pop(L, 1)
    }
}

/// Creates a full userdata holding a retained Swift object, leaves it on the stack.
func pushRetainedBox(_ L: OpaquePointer, _ object: AnyObject) {
    let slot = clua_newuserdata(L, MemoryLayout<UnsafeMutableRawPointer?>.size)!
        .assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    slot.pointee = Unmanaged.passRetained(object).toOpaque()
}

/// The Swift object in the box at `index` (nil once released or if not a box).
func boxedObject(_ L: OpaquePointer, _ index: Int32) -> AnyObject? {
    guard let raw = lua_touserdata(L, index) else { return nil }
    guard let p = raw.assumingMemoryBound(to: UnsafeMutableRawPointer?.self).pointee else { return nil }
    return Unmanaged<AnyObject>.fromOpaque(p).takeUnretainedValue()
}

/// `__gc` of every box: releases the Swift object once.
func releaseBoxedObject(_ L: OpaquePointer?) -> Int32 {
    guard let L, let raw = lua_touserdata(L, 1) else { return 0 }
    let slot = raw.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    if let p = slot.pointee {
        slot.pointee = nil
        Unmanaged<AnyObject>.fromOpaque(p).release()
    }
    return 0
}

/// Called (through the C trampoline) for every Swift function: upvalue 2 is its box.
func dispatchSwiftFunction(_ L: OpaquePointer?) -> Int32 {
    let L = L!
    guard let box = boxedObject(L, clua_upvalueindex(2)) as? LuaFunctionBox else {
        lua_pushstring(L, "internal error: Swift function box was released")
        return -1
    }
    let state = LuaState.owner(of: L)
    // Called from a coroutine, the arguments are on the coroutine's stack: work there.
    let outer = state.L
    state.L = L
    defer { state.L = outer }
    let call = LuaCall(state: state, L: L, name: box.name)
    do {
        return Int32(try box.body(call))
    } catch let error as LuaError {
        state.pushString(error.message)   // the nested Lua error, re-raised in the caller
        return -1
    } catch let error as LuaCallError {
        luaL_where(L, 1)
        state.pushString(error.message)
        lua_concat(L, 2)
        return -1
    } catch {
        luaL_where(L, 1)
        state.pushString("\(error)")   // the error's own text names what failed
        lua_concat(L, 2)
        return -1
    }
}

extension LuaState {
    /// Makes a Lua function that calls `body`; `name` appears in argument errors.
    public func makeFunction(name: String, _ body: @escaping LuaFunction) -> LuaRef {
        prepareEntry()
        pushFunction(name: name, body)
        return LuaRef(popping: self)
    }

    /// Pushes a Lua function that calls `body`.
    func pushFunction(name: String, _ body: @escaping LuaFunction) {
        pushRetainedBox(L, LuaFunctionBox(name: name, body: body))
        luaL_setmetatable(L, LuaFunctionBox.metatableName)
        clua_push_swift_closure(L, dispatchSwiftFunction, 1)
    }
}
