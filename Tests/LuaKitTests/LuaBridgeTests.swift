import LuaKit
import Testing
import Synchronization

/// Counts live instances so tests can check that Lua releases what it retained.
final class LifetimeTracker: Sendable {
    let live = Mutex(0)
    var count: Int { live.withLock { $0 } }
}

final class Counter {
    let tracker: LifetimeTracker
    var count = 0
    init(_ tracker: LifetimeTracker) {
        self.tracker = tracker
        tracker.live.withLock { $0 += 1 }
    }
    deinit { tracker.live.withLock { $0 -= 1 } }
}

func counterClass() -> LuaClass<Counter> {
    let type = LuaClass<Counter>("Counter")
    type.property("count") { .integer($0.count) }
    type.method("add") { counter, call in
        counter.count += try call.integer(1)
        return call.returning(.integer(counter.count))
    }
    type.tostring { "<Counter \($0.count)>" }
    return type
}

@Suite struct LuaBridgeTests {
    @Test func swiftFunctionsAreCallableAndCheckArguments() throws {
        let lua = LuaState()
        lua.register("hypot") { call in
            let x = try call.number(1), y = try call.number(2)
            call.push((x * x + y * y).squareRoot())
            return 1
        }
        #expect(try lua.evaluate("return hypot(3, 4)") == [5.0])
        do { try lua.run("hypot(3, 'four')", chunkName: "=t") } catch {
            #expect(error.message == "t:1: bad argument #2 to 'hypot' (number expected, got string)")
        }
        do { try lua.run("hypot(3)", chunkName: "=t") } catch {
            #expect(error.message == "t:1: bad argument #2 to 'hypot' (number expected, got no value)")
        }
        #expect(lua.stackDepth == 0)
    }

    @Test func swiftErrorsAreCatchableByPcall() throws {
        let lua = LuaState()
        lua.register("fail") { _ in throw LuaCallError("Learner1D: bounds must be {a, b} with a < b, got {1, 1}") }
        let values = try lua.evaluate("return pcall(function() fail() end)", chunkName: "=t")
        #expect(values == [false, "t:1: Learner1D: bounds must be {a, b} with a < b, got {1, 1}"])
    }

    @Test func nestedLuaSwiftLuaCalls() throws {
        let lua = LuaState()
        lua.register("apply") { call in
            let f = try call.function(1)
            let x = try call.number(2)
            let result = try f.call([.number(x)])
            for value in result { call.push(value) }
            return result.count
        }
        #expect(try lua.evaluate("return apply(function(x) return apply(function(y) return y * 2 end, x) + 1 end, 20)") == [41.0])
        // an error inside the innermost Lua function reaches the outer Lua caller
        let caught = try lua.evaluate("return pcall(apply, function(x) error('inner ' .. x) end, 1)", chunkName: "=t")
        #expect(caught.count == 2 && caught[0] == false)
        if case .string(let message) = caught[1] { #expect(message.contains("inner 1")) }
        #expect(lua.stackDepth == 0)
    }

    @Test func luaErrorsReachSwiftAsThrownErrors() throws {
        let lua = LuaState()
        let f = try #require(try lua.evaluate("return function(x) if x > 1 then error('too big') end return x end", chunkName: "=f").first)
        guard case .function(let ref) = f else { Issue.record("not a function"); return }
        #expect(try ref.callNumbers([1]) == [1])
        #expect(throws: LuaError.self) { try ref.callNumbers([2]) }
        #expect(lua.stackDepth == 0)
    }

    @Test func objectsHaveMethodsPropertiesAndTostring() throws {
        let tracker = LifetimeTracker()
        let lua = LuaState()
        lua.register(counterClass())
        lua.setGlobal("c", try lua.value(object: Counter(tracker)))
        #expect(try lua.evaluate("c:add(2); c:add(3); return c.count, tostring(c)") == [5, "<Counter 5>"])
        do { try lua.run("c.count = 3", chunkName: "=t") } catch {
            #expect(error.message == "t:1: cannot set 'count': Counter fields are read-only")
        }
        do { try lua.run("return c.cuont", chunkName: "=t") } catch {
            #expect(error.message == "t:1: Counter has no field or method 'cuont'")
        }
        do { try lua.run("c.add(5)", chunkName: "=t") } catch {
            #expect(error.message.contains("calling 'add' on bad self"))
        }
        do { try lua.run("c:add('x')", chunkName: "=t") } catch {
            #expect(error.message == "t:1: bad argument #1 to 'Counter:add' (integer expected, got string)")
        }
    }

    @Test func bridgedObjectsAndFunctionsAreReleasedWhenCollected() throws {
        let tracker = LifetimeTracker()
        do {
            let lua = LuaState()
            lua.register(counterClass())
            for _ in 0..<10 { lua.setGlobal("c", try lua.value(object: Counter(tracker))) }
            do {
                let captured = Counter(tracker)
                lua.register("peek") { call in call.returning(.integer(captured.count)) }
            }
            #expect(tracker.count == 11)
            lua.setGlobal("c", nil)
            lua.collectGarbage()
            #expect(tracker.count == 1)   // only the one captured by the registered function
            lua.setGlobal("peek", nil)
            lua.collectGarbage()
            #expect(tracker.count == 0)
        }
        #expect(tracker.count == 0)
    }

    @Test func closingTheStateReleasesEverything() throws {
        let tracker = LifetimeTracker()
        do {
            let lua = LuaState()
            lua.register(counterClass())
            lua.setGlobal("a", try lua.value(object: Counter(tracker)))
            try lua.run("b = {a, a}")
            #expect(tracker.count == 1)
        }
        #expect(tracker.count == 0)
    }

    @Test func wrongObjectTypeIsAClearError() throws {
        let lua = LuaState()
        lua.register(counterClass())
        lua.register("count") { call in
            let counter = try call.object(1, as: Counter.self)
            return call.returning(.integer(counter.count))
        }
        do { try lua.run("count({})", chunkName: "=t") } catch {
            #expect(error.message == "t:1: bad argument #1 to 'count' (Counter expected, got table)")
        }
    }
}
