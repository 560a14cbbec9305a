import CLua
import CLuaSupport
import Foundation
import Synchronization

/// One Lua 5.4 state with the standard libraries: the safe way to run Lua from Swift.
///
/// A state (and its coroutines) must be used by one thread at a time; it may move
/// between threads. Every entry into Lua goes through `lua_pcall`, and Swift
/// functions called from Lua never raise Lua errors themselves (they throw; a C
/// trampoline raises after the Swift frame has returned), so no `longjmp` ever
/// crosses a Swift frame.
///
///     let lua = LuaState()
///     try lua.run("x = 6 * 7")
///     let x = try lua.evaluate("return x")   // [.integer(42)]
public final class LuaState: @unchecked Sendable {
    /// The raw `lua_State` Swift works on: the main thread, or, while a Swift function
    /// called from a coroutine runs, that coroutine (whose stack holds the arguments).
    /// Only LuaKit touches it.
    var L: OpaquePointer
    /// The main thread: closed with the state.
    private let mainThread: OpaquePointer
    /// Registry references whose `LuaRef` died (possibly on another thread), freed at the next entry.
    private let deadRefs = Mutex<[Int32]>([])
    /// Protected calls in progress (nested when Lua calls Swift that calls Lua).
    private var callDepth = 0
    /// The thread (pthread id) running Lua code in this state, 0 when none: readable from
    /// any thread, to tell whether a call comes from inside this state's running code.
    private let runningThread = Atomic<UInt>(0)
    /// Dotted paths of values every worker state also has (`adaptive.learner`, ...):
    /// `portable` copies them by name, like the standard library.
    public var sharedLibraryRoots: [String] = []
    /// Metatable names of bridged Swift classes, by Swift type.
    var classNames: [ObjectIdentifier: String] = [:]

    /// Creates a state with the standard libraries opened.
    public init() {
        L = luaL_newstate()
        mainThread = L
        clua_extraspace(L).pointee = Unmanaged.passUnretained(self).toOpaque()
        luaL_openlibs(L)
        LuaFunctionBox.registerMetatable(L)
    }

    deinit {
        clua_set_interrupt_target(nil)
        lua_close(mainThread)
    }

    /// The Swift object that owns a raw state (or one of its coroutines).
    static func owner(of L: OpaquePointer) -> LuaState {
        Unmanaged<LuaState>.fromOpaque(clua_extraspace(L).pointee!).takeUnretainedValue()
    }

    // MARK: - Running code

    /// Compiles `code` as a chunk named `chunkName` (`=cell[3]` gives messages `cell[3]:LINE:`,
    /// `@file.lua` gives `file.lua:LINE:`) and returns it as a function reference.
    public func load(_ code: String, chunkName: String) throws(LuaError) -> LuaRef {
        prepareEntry()
        var code = code
        let status = code.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { luaL_loadbufferx(L, $0.baseAddress, $0.count, chunkName, "t") }
        }
        if status != LUA_OK { throw popError(status: status) }
        return LuaRef(popping: self)
    }

    /// Runs a chunk and returns its results.
    @discardableResult
    public func evaluate(_ code: String, chunkName: String = "=(lua)") throws(LuaError) -> [LuaValue] {
        let chunk = try load(code, chunkName: chunkName)
        return try chunk.call()
    }

    /// Runs a chunk for its effects.
    public func run(_ code: String, chunkName: String = "=(lua)") throws(LuaError) {
        _ = try evaluate(code, chunkName: chunkName)
    }

    /// Calls the function on top of the stack, below it its `nargs` arguments already
    /// pushed, under the traceback handler; leaves `nresults` results (or all, with
    /// `LUA_MULTRET`) on the stack.
    func protectedCall(nargs: Int32, nresults: Int32) throws(LuaError) {
        let base = lua_gettop(L) - nargs       // index of the function
        lua_pushcclosure(L, clua_traceback, 0)
        clua_insert(L, base)                   // handler below the function
        if callDepth == 0 { runningThread.store(UInt(pthread_self()), ordering: .releasing) }
        callDepth += 1
        let status = clua_pcall(L, nargs, nresults, base)
        callDepth -= 1
        if callDepth == 0 { runningThread.store(0, ordering: .releasing) }
        // An interrupt keeps firing until the outermost call has ended (so a pcall in the
        // user's code cannot swallow it); then it is spent.
        if callDepth == 0 { clua_clear_interrupt(mainThread) }
        clua_remove(L, base)
        if status != LUA_OK { throw popError(status: status) }
    }

    /// True when the calling thread is the one running Lua code in this state right now
    /// (it is inside a call into this state): it may then call into the state again.
    public var isRunningOnCurrentThread: Bool {
        runningThread.load(ordering: .acquiring) == UInt(pthread_self())
    }

    /// Pops the error value on top and makes a `LuaError` of it.
    func popError(status: Int32) -> LuaError {
        let text: String
        if let s = clua_tolstring(L, -1, nil), lua_type(L, -1) == LUA_TSTRING {
            text = String(cString: s)
        } else {
            text = "(error object is a \(String(cString: lua_typename(L, lua_type(L, -1)))) value)"
        }
        clua_pop(L, 1)
        var message = text
        var traceback: String? = nil
        if let range = text.range(of: "\nstack traceback:") {
            message = String(text[..<range.lowerBound])
            traceback = String(text[text.index(after: range.lowerBound)...])
        }
        let kind: LuaError.Kind
        switch status {
        case LUA_ERRSYNTAX: kind = .syntax
        case LUA_ERRMEM: kind = .memory
        case LUA_ERRERR: kind = .handler
        default: kind = message.hasSuffix("interrupted!") ? .interrupted : .runtime
        }
        return LuaError(kind: kind, message: message, traceback: traceback)
    }

    // MARK: - Globals

    /// Sets a global variable.
    public func setGlobal(_ name: String, _ value: LuaValue) {
        prepareEntry()
        lua_rawgeti(L, clua_registryindex(), lua_Integer(LUA_RIDX_GLOBALS))
        lua_pushstring(L, name)
        push(value)
        lua_rawset(L, -3)
        clua_pop(L, 1)
    }

    /// Reads a global variable (raw access on the globals table).
    public func global(_ name: String) -> LuaValue {
        prepareEntry()
        lua_rawgeti(L, clua_registryindex(), lua_Integer(LUA_RIDX_GLOBALS))
        lua_pushstring(L, name)
        lua_rawget(L, -2)
        let value = self.value(at: -1)
        clua_pop(L, 2)
        return value
    }

    /// Registers a Swift function as a global.
    public func register(_ name: String, _ body: @escaping LuaFunction) {
        prepareEntry()
        setGlobal(name, .function(makeFunction(name: name, body)))
    }

    // MARK: - Interrupts

    /// Makes the Lua code running in this state (now or next) raise `interrupted!`.
    /// Safe to call from any thread. Swift or C code running inside a call is not
    /// interrupted until it returns to Lua.
    public func interrupt() { clua_request_interrupt(mainThread) }

    /// Throws `interrupted!` if an interrupt is pending: Swift code that waits inside a
    /// call from Lua polls this, so Ctrl-C reaches it.
    public func checkInterrupt() throws(LuaError) {
        prepareEntry()
        lua_pushcclosure(L, noOperation, 0)
        try protectedCall(nargs: 0, nresults: 0)
    }

    /// Cancels an interrupt that has not fired yet.
    public func clearInterrupt() { clua_clear_interrupt(mainThread) }

    /// Makes this state the one Ctrl-C (SIGINT) interrupts, or none with `false`.
    public func setSignalTarget(_ on: Bool) { clua_set_interrupt_target(on ? mainThread : nil) }

    // MARK: - Housekeeping

    /// Frees registry slots of references that died since the last entry. Called on the
    /// state's own thread, at every entry from Swift.
    func prepareEntry() {
        let dead = deadRefs.withLock { refs -> [Int32] in
            defer { refs.removeAll() }
            return refs
        }
        for ref in dead { luaL_unref(L, clua_registryindex(), ref) }
    }

    /// Records a dead reference; callable from any thread.
    func release(ref: Int32) {
        deadRefs.withLock { $0.append(ref) }
    }

    /// Runs a full garbage collection (tests use it to check lifetimes).
    public func collectGarbage() {
        prepareEntry()
        clua_gc_collect(L)
    }

    /// Number of values on the stack (tests check that calls leave it balanced).
    public var stackDepth: Int { Int(lua_gettop(L)) }
}

/// A C function that does nothing: calling it lets a pending interrupt hook fire.
private func noOperation(_ L: OpaquePointer?) -> Int32 { 0 }

extension LuaState {
    /// Sets `value` at a dotted path of tables from the globals (`["adaptive", "runner"]`,
    /// `"simple"`), creating missing tables on the way. Uses raw access.
    public func setField(in path: [String], _ key: String, _ value: LuaValue) {
        prepareEntry()
        lua_rawgeti(L, clua_registryindex(), lua_Integer(LUA_RIDX_GLOBALS))
        for name in path {
            lua_pushstring(L, name)
            lua_rawget(L, -2)
            if lua_type(L, -1) != LUA_TTABLE {
                clua_pop(L, 1)
                clua_newtable(L)
                lua_pushstring(L, name)
                lua_pushvalue(L, -2)
                lua_rawset(L, -4)
            }
            clua_remove(L, -2)
        }
        pushString(key)
        push(value)
        lua_rawset(L, -3)
        clua_pop(L, 1)
    }

    /// Registers a Swift function at a dotted path: `register(["adaptive", "runner"], "simple") {...}`.
    public func register(in path: [String], _ name: String, _ body: @escaping LuaFunction) {
        setField(in: path, name, .function(makeFunction(name: (path + [name]).joined(separator: "."), body)))
    }
}

extension LuaState {
    /// Runs a chunk of the program's own Lua (never the user's) with `arguments` as `...`
    /// and returns the functions it returns, `count` of them. Such a chunk failing is a bug
    /// in the program, not a user's mistake, so it stops the program naming the chunk.
    public func builtinFunctions(_ source: String, chunkName: String, arguments: [LuaValue] = [], count: Int = 1) -> [LuaRef] {
        do {
            let results = try load(source, chunkName: chunkName).call(arguments)
            let functions = results.prefix(count).compactMap { value -> LuaRef? in
                if case .function(let f) = value { return f } else { return nil }
            }
            guard functions.count == count else {
                fatalError("\(chunkName): the built-in Lua chunk returned \(results.count) values, not \(count) functions")
            }
            return functions
        } catch {
            fatalError("\(chunkName): the built-in Lua chunk failed: \(error)")
        }
    }

    /// The one function a chunk of the program's own Lua returns (see `builtinFunctions`).
    public func builtinFunction(_ source: String, chunkName: String, arguments: [LuaValue] = []) -> LuaRef {
        builtinFunctions(source, chunkName: chunkName, arguments: arguments)[0]
    }
}
