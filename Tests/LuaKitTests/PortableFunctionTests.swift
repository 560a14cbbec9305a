import LuaKit
import Testing

/// Lua functions copied from one state into another, as runners copy them into workers.
@Suite struct PortableFunctionTests {
    /// Defines `code` in a source state, copies `name` into a fresh state, and returns it there.
    func copy(_ code: String, _ name: String) throws -> (LuaRef, LuaState, LuaState) {
        let source = LuaState()
        try source.run(code, chunkName: "=kernel")
        guard case .function(let f) = source.global(name) else { throw LuaCallError("\(name) is not a function") }
        let portable = try source.portable(f, name: "'\(name)'")
        let worker = LuaState()
        return (try worker.load(portable), source, worker)
    }

    @Test func closuresWithUpvaluesAndStandardLibrary() throws {
        let (f, _, worker) = try copy("""
            local a, scale = 0.01, 2
            function peak(x) return scale * (x + a^2 / (a^2 + x^2)) + math.sin(0) end
            """, "peak")
        #expect(try f.callNumbers([0]) == [2.0])
        #expect(worker.stackDepth == 0)
    }

    @Test func globalsThatReachOtherGlobalsAreCopied() throws {
        let (f, _, worker) = try copy("""
            offsets = {0.1, 0.5}
            function helper(x, o) return (x - o)^2 end
            function f(x) local s = 0 for _, o in ipairs(offsets) do s = s + helper(x, o) end return s end
            unrelated = coroutine.create(function() end)   -- not reached by f, so never copied
            """, "f")
        #expect(try f.callNumbers([0.5]) == [0.16000000000000003])
        #expect(worker.global("helper").typeName == "function")
        #expect(worker.global("unrelated") == nil)
    }

    @Test func tablesWithCyclesAndSharedReferences() throws {
        let (f, source, worker) = try copy("""
            local shared = {value = 3}
            local t = {a = shared, b = shared}
            t.self = t
            function f(x) t.a.value = t.a.value + 1; return {t.b.value, t.self.self == t and 1 or 0} end
            """, "f")
        #expect(try f.callNumbers([0]) == [4, 1])   // a and b are still one table; the cycle survives
        #expect(try f.callNumbers([0]) == [5, 1])   // state persists within the worker copy
        withExtendedLifetime((source, worker)) {}
    }

    @Test func sharedUpvalueCellsStayShared() throws {
        let (f, source, worker) = try copy("""
            local count = 0
            local function bump() count = count + 1 end
            function f(x) bump(); bump(); return count end
            """, "f")
        #expect(try f.callNumbers([0]) == [2])
        withExtendedLifetime((source, worker)) {}
    }

    @Test func recursiveLocalFunctions() throws {
        let (f, source, worker) = try copy("""
            local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
            function f(x) return fib(x) end
            """, "f")
        #expect(try f.callNumbers([10]) == [55])
        withExtendedLifetime((source, worker)) {}
    }

    @Test func copiesAreByValue() throws {
        let source = LuaState()
        try source.run("data = {1}; function f(x) data[1] = data[1] + x; return data[1] end")
        guard case .function(let original) = source.global("f") else { return }
        let worker = LuaState()
        let f = try worker.load(try source.portable(original))
        #expect(try f.callNumbers([10]) == [11])
        #expect(try source.evaluate("return data[1]") == [1])   // the kernel's table is untouched
    }

    @Test func uncopyableValuesNameTheVariable() throws {
        let source = LuaState()
        source.register("swiftFunction") { _ in 0 }
        try source.run("""
            local co = coroutine.create(function() end)
            function usesCoroutine(x) return coroutine.status(co) end
            function usesSwift(x) return swiftFunction(x) end
            """)
        for (name, expected) in [("usesCoroutine", "upvalue 'co' of 'usesCoroutine' (a thread)"),
                                 ("usesSwift", "global 'swiftFunction' to a worker: it is a function written in Swift or C")] {
            guard case .function(let f) = source.global(name) else { Issue.record("no \(name)"); continue }
            do {
                _ = try source.portable(f, name: "'\(name)'")
                Issue.record("expected \(name) to be refused")
            } catch {
                #expect(error.description.contains(expected), "\(error.description)")
                #expect(error.description.contains("adaptive.executors.main()"))
            }
        }
    }

    @Test func fieldNamesThatAreAlsoGlobalsDoNotCount() throws {
        // `l.learner` names a field; a global `learner` that cannot travel is then left out,
        // while a function that reads that global is still refused with its name.
        let source = LuaState()
        try source.run("""
            learner = coroutine.create(function() end)
            offset = 0.5
            function goal(l) return l.learner.npoints + offset end
            function usesGlobal(x) return coroutine.status(learner) end
            """)
        guard case .function(let goal) = source.global("goal"), case .function(let uses) = source.global("usesGlobal") else {
            Issue.record("no functions")
            return
        }
        let worker = LuaState()
        let copy = try worker.load(try source.portable(goal, name: "the goal"))
        #expect(try copy.call([.map(["learner": .map(["npoints": 2])])]) == [2.5])
        #expect(worker.global("learner") == .nil)
        #expect(throws: PortabilityError.self) { try source.portable(uses, name: "'usesGlobal'") }
    }

    @Test func standardLibraryFunctionsTravelByName() throws {
        let source = LuaState()
        guard case .function(let sin) = try source.evaluate("return math.sin").first! else { return }
        let worker = LuaState()
        let f = try worker.load(try source.portable(sin))
        #expect(try f.callNumbers([0]) == [0])
    }
}
