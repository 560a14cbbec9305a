import AdaptiveLua
import Foundation
import LuaKit
import Testing

/// Coroutines on the kernel's event loop and the main executor, as a Lua user meets them.
@Suite struct EventLoopLuaTests {
    @Test func timeTheRunnerAsTheTutorialDoes() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local function peak(x) local a = 0.01 return x + a^2 / (a^2 + x^2) end
            local runner = adaptive.Runner(adaptive.Learner1D(peak, {-1, 1}), {loss_goal = 0.01})
            local timer = adaptive.spawn(function()
              local t0 = adaptive.time()
              runner:await()
              return adaptive.time() - t0
            end)
            local pending = timer:done()
            local took = timer:result()
            return pending, took >= 0, runner:status(), tostring(timer)
            """, chunkName: "=t")
        #expect(values == [false, true, "finished", "<Task done>"])
    }

    @Test func mainExecutorEvaluatesInTheKernelsOwnState() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            counter = {n = 0}
            local l = adaptive.Learner1D(function(x) counter.n = counter.n + 1; return x^2 end, {0, 1})
            local r = adaptive.Runner(l, {npoints_goal = 25, executor = adaptive.executors.main()})
            r:block_until_done()
            return r:status(), l.npoints, counter.n >= 25
            """, chunkName: "=t")
        #expect(values == ["finished", 25, true])
    }

    @Test func yieldingFunctionsRunNtasksAtOnce() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local active, most = 0, 0
            local function f(x)
              active = active + 1; most = math.max(most, active)
              adaptive.sleep(0.01)
              active = active - 1
              return x
            end
            local l = adaptive.Learner1D(f, {0, 1})
            local r = adaptive.Runner(l, {npoints_goal = 20, executor = adaptive.executors.main(), ntasks = 10})
            r:block_until_done()
            return l.npoints, most > 1, most <= 10   -- evaluations overlapped, at most ntasks at once
            """, chunkName: "=t")
        #expect(values == [20, true, true])
    }

    @Test func tasksReportErrorsAndSleepBlocksOutsideCoroutines() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local t = adaptive.spawn(function(a, b) adaptive.sleep(0.01); return a + b end, 2, 3)
            local failing = adaptive.spawn(function() adaptive.sleep(0.01); error("boom", 0) end)
            local s0 = adaptive.time()
            adaptive.sleep(0.05)
            local slept = adaptive.time() - s0 >= 0.05
            local ok, err = pcall(failing.result, failing)
            return t:result(), slept, ok, err, t:done()
            """, chunkName: "=t")
        #expect(values == [5, true, false, "boom", true])
        do { try kernel.execute("adaptive.spawn(42)", chunkName: "=t") } catch {
            #expect(error.message == "t:1: adaptive.spawn: a function expected, got number")
        }
    }

    @Test func swiftFunctionsCalledFromCoroutinesSeeTheirArguments() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local co = coroutine.wrap(function(n)
              local l = adaptive.Learner1D(math.sin, {0, n})
              coroutine.yield(l.bounds[2])
              return adaptive.linspace(0, n, 3)[2]
            end)
            return co(4), co()
            """, chunkName: "=t")
        #expect(values == [4.0, 2.0])
    }
}
