import AdaptiveLua
import Foundation
import LuaKit
import Testing

/// Background runners as a Lua user meets them.
@Suite struct RunnerLuaTests {
    let prelude = """
        local a = 0.01
        function peak(x) return x + a^2 / (a^2 + x^2) end

        """

    @Test func runnerLearnsInTheBackgroundWhileTheKernelWorks() throws {
        let kernel = Kernel()
        try kernel.execute(prelude + """
            learner = adaptive.Learner1D(peak, {-1, 1})
            runner = adaptive.Runner(learner, {loss_goal = 0.01, executor = adaptive.executors.threads(2)})
            """, chunkName: "=t")
        // The kernel answers while the runner works.
        #expect(try kernel.execute("return 6 * 7", chunkName: "=t") == [42])
        let values = try kernel.execute("""
            runner:block_until_done()
            runner.task:result()
            return runner:status(), learner:loss() <= 0.01, runner.task:done(), runner:elapsed_time() > 0
            """, chunkName: "=t")
        #expect(values == ["finished", true, true, true])
        #expect(kernel.jobs.lines.count == 1)
    }

    @Test func sequentialExecutorReproducesPythonAdaptivesTrace() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local function peak(x) local a = 0.01 return x + a^2 / (a^2 + (x - 0.123)^2) end
            local l = adaptive.Learner1D(peak, {-1, 1})
            local r = adaptive.Runner(l, {npoints_goal = 200, executor = adaptive.executors.sequential()})
            r:block_until_done()
            local xs = {}
            for x in pairs(l.data) do xs[#xs + 1] = x end
            table.sort(xs)
            return xs
            """, chunkName: "=t")
        guard case .array(let xs) = values[0] else { Issue.record("no array"); return }
        let reference = try Learner1DLuaTests.trace().map { $0[0] }.sorted()
        #expect(xs.map { $0.double! } == reference)
    }

    @Test func everyPointIsEvaluatedOnceWithThreadsAndProcesses() throws {
        for executor in ["threads(2)", "processes(2)"] {
            let kernel = Kernel()
            let values = try kernel.execute("""
                local l = adaptive.Learner1D(function(x) return math.sin(5 * x) end, {-1, 1})
                local r = adaptive.Runner(l, {npoints_goal = 150, executor = adaptive.executors.\(executor), log = true})
                r:block_until_done()
                local told, seen, duplicates = 0, {}, 0
                for _, entry in ipairs(r.log) do
                  if entry[1] == "tell" then
                    told = told + 1
                    if seen[entry[2]] then duplicates = duplicates + 1 end
                    seen[entry[2]] = true
                  end
                end
                return l.npoints >= 150, told == l.npoints, duplicates, #r.pending_points
                """, chunkName: "=t")
            #expect(values == [true, true, 0, 0], "\(executor)")
        }
    }

    @Test func aWorkerProcessThatExitsIsReportedNotFatal() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local l = adaptive.Learner1D(function(x) if x > 0.4 and x < 0.7 then os.exit(3) end return x end, {0, 1})
            local r = adaptive.Runner(l, {npoints_goal = 40, executor = adaptive.executors.processes(2),
                                         raise_if_retries_exceeded = false})
            r:block_until_done()
            local t = r.tracebacks[1]
            return r:status(), l.npoints, #r.failed > 0, t and t[2]:match("worker process died %(exit status 3%)") ~= nil
            """, chunkName: "=t")
        #expect(values == ["finished", 40, true, true])
    }

    @Test func failuresAreRetriedThenRaisedWithTheTraceback() throws {
        let kernel = Kernel()
        try kernel.execute("""
            l = adaptive.Learner1D(function(x) if x == 0 then error("zero!") end return x end, {-1, 1})
            r = adaptive.Runner(l, {npoints_goal = 20, retries = 2, executor = adaptive.executors.sequential()})
            """, chunkName: "=t")
        do {
            try kernel.execute("r:block_until_done()", chunkName: "=t")
            Issue.record("expected the runner to fail")
        } catch {
            #expect(error.message.contains("zero!"))
        }
        let values = try kernel.execute("return r:status(), r.tracebacks[1][1], r.tracebacks[1][2]:match('zero!') ~= nil", chunkName: "=t")
        #expect(values == ["failed", 0, true])
    }

    @Test func customGoalsAndLossesRunInTheRunnersOwnCopy() throws {
        let kernel = Kernel()
        let values = try kernel.execute(prelude + """
            local calls = 0
            local l = adaptive.Learner1D(peak, {-1, 1}, function(xs, ys) calls = calls + 1; return xs[2] - xs[1] end)
            local r = adaptive.Runner(l, {goal = function(learner) return learner.npoints >= 64 end})
            r:block_until_done()
            return r:status(), l.npoints >= 64, calls   -- the kernel's `calls` is untouched: copies are by value
            """, chunkName: "=t")
        #expect(values == ["finished", true, 0])
    }

    @Test func lossesBuiltOnBuiltInLossesTravelToWorkers() throws {
        let kernel = Kernel()
        let values = try kernel.execute(prelude + """
            local L = adaptive.learner.learner1D
            local default = L.default_loss
            local loss = L.uses_nth_neighbors(0)(function(xs, ys) return 2 * default(xs, ys) + 0 * L.uniform_loss(xs, ys) end)
            local l = adaptive.Learner1D(peak, {-1, 1}, {loss_per_interval = loss})
            local r = adaptive.Runner(l, {npoints_goal = 100, executor = adaptive.executors.processes(1)})
            r:block_until_done()
            local s = adaptive.Learner1D(peak, {-1, 1}, {loss_per_interval = loss})
            adaptive.runner.simple(s, {npoints_goal = 100})
            return r:status(), l.npoints >= 100, s.npoints
            """, chunkName: "=t")
        #expect(values == ["finished", true, 100])
    }

    @Test func uncopyableFunctionsAreClearErrors() throws {
        let kernel = Kernel()
        try kernel.execute("other = adaptive.Learner1D(math.sin, {0, 1})", chunkName: "=t")
        do {
            try kernel.execute("adaptive.Runner(adaptive.Learner1D(function(x) return other.npoints end, {0, 1}))", chunkName: "=t")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("cannot copy global 'other' (a Learner1D) to a worker"))
            #expect(error.message.contains("adaptive.executors.main()"))
        }
        func message(_ code: String) -> String {
            do { try kernel.execute(code, chunkName: "=t"); return "no error" } catch { return error.message }
        }
        #expect(message("adaptive.Runner(other, {executor = 'threads'})") == "t:1: adaptive.Runner: executor must be one of adaptive.executors.*(), got string")
        #expect(message("adaptive.Runner(other, {ntasks = 0})") == "t:1: adaptive.Runner: ntasks must be >= 1, got 0")
        #expect(message("adaptive.executors.threads(0)") == "t:1: bad argument #1 to 'adaptive.executors.threads' (at least 1 worker expected, got 0)")
    }

    @Test func blockingRunnerAndSimpleTakeExecutors() throws {
        let kernel = Kernel()
        let values = try kernel.execute(prelude + """
            local a = adaptive.Learner1D(peak, {-1, 1})
            local r = adaptive.BlockingRunner(a, {loss_goal = 0.01, executor = adaptive.executors.threads(2)})
            local b = adaptive.Learner1D(peak, {-1, 1})
            adaptive.runner.simple(b, {npoints_goal = 200, executor = adaptive.executors.sequential()})
            local c = adaptive.Learner1D(peak, {-1, 1})
            adaptive.runner.simple(c, {npoints_goal = 200})
            local same = true
            for i, row in ipairs(b:to_table()) do same = same and row[1] == c:to_table()[i][1] end
            return r:status(), a:loss() <= 0.01, same
            """, chunkName: "=t")
        #expect(values == ["finished", true, true])
        do { try kernel.execute("adaptive.runner.simple(adaptive.Learner1D(math.sin, {0, 1}), {ntasks = 2})", chunkName: "=t") } catch {
            #expect(error.message.hasPrefix("t:1: adaptive.runner.simple: unknown option 'ntasks'"))
        }
    }

    @Test func cancelStopsARunner() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local l = adaptive.Learner1D(function(x) local t = os.clock() while os.clock() - t < 0.001 do end return x end, {0, 1})
            local r = adaptive.Runner(l, {executor = adaptive.executors.threads(2)})
            r:cancel()
            local ok, err = pcall(r.block_until_done, r)
            return r:status(), ok, r.task:done()
            """, chunkName: "=t")
        #expect(values == ["cancelled", false, true])
    }
}
