import Foundation
import LuaKit
import Testing

@Suite struct LuaStateTests {
    @Test func runsChunksAndConvertsValues() throws {
        let lua = LuaState()
        let values = try lua.evaluate("return 42, 1.5, 'hé', true, nil, {1, 2, 3}, {a = 1, b = 'x'}")
        #expect(values == [42, 1.5, "hé", true, nil, [1, 2, 3], ["a": 1, "b": "x"]])
        #expect(lua.stackDepth == 0)
    }

    @Test func pushesSwiftValuesToLua() throws {
        let lua = LuaState()
        lua.setGlobal("t", ["xs": [1, 2.5], "name": "peak", "on": true])
        let values = try lua.evaluate("return t.xs[2] * 2, t.name:upper(), t.on")
        #expect(values == [5.0, "PEAK", true])
    }

    @Test func chunkNamesAppearInErrors() {
        let lua = LuaState()
        do {
            try lua.run("local x = 1\nerror('boom')", chunkName: "=cell[3]")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "cell[3]:2: boom")
            #expect(error.traceback?.hasPrefix("stack traceback:") == true)
            #expect(error.kind == .runtime)
        }
        #expect(lua.stackDepth == 0)
    }

    @Test func syntaxErrorsAndIncompleteChunks() {
        let lua = LuaState()
        #expect(throws: LuaError.self) { try lua.load("x = = 1", chunkName: "=stdin") }
        do { _ = try lua.load("for i = 1, 3 do", chunkName: "=stdin") } catch {
            #expect(error.isIncompleteChunk)
            #expect(error.kind == .syntax)
        }
        do { _ = try lua.load("x = = 1", chunkName: "=stdin") } catch {
            #expect(!error.isIncompleteChunk)
            #expect(error.message == "stdin:1: unexpected symbol near '='")
        }
    }

    @Test func nonStringErrorObjectsAreDescribed() {
        let lua = LuaState()
        do { try lua.run("error({})") } catch {
            #expect(error.message == "(error object is a table value)")
        }
        do { try lua.run("error(setmetatable({}, {__tostring = function() return 'custom' end}))") } catch {
            #expect(error.message == "custom")
        }
    }

    @Test func interruptStopsAnEndlessLoopAndLeavesTheStateUsable() throws {
        let lua = LuaState()
        // A thread of its own: GCD's global queues start no thread while both cores spin.
        let done = DispatchSemaphore(value: 0)
        Thread { Thread.sleep(forTimeInterval: 0.2); lua.interrupt(); done.signal() }.start()
        do {
            try lua.run("while true do end")
            Issue.record("expected an interruption")
        } catch {
            #expect(error.kind == .interrupted)
            #expect(error.message.hasSuffix("interrupted!"))
        }
        done.wait()
        #expect(try lua.evaluate("return 2 + 3") == [5])
    }

    @Test func globalsReadAndWrite() throws {
        let lua = LuaState()
        try lua.run("answer = 41 + 1")
        #expect(lua.global("answer") == 42)
        #expect(lua.global("missing") == nil)
    }
}
