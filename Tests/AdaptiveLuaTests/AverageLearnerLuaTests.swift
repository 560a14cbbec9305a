import Adaptive
import AdaptiveLua
import Foundation
import LuaKit
import Testing

/// AverageLearner as a Lua user meets it: python-adaptive's numbers, every runner, clear errors.
@Suite struct AverageLearnerLuaTests {
    @Test func referenceTraceFromLua() throws {
        // f(s) = [1, 3][s % 2], atol 0.1, ask(2) + tell (spec Appendix A.5).
        let kernel = Kernel()
        let values = try kernel.execute("""
            local l = adaptive.AverageLearner(function(s) return s % 2 == 0 and 1 or 3 end, {atol = 0.1})
            local rows = {}
            for round = 1, 5 do
              local seeds, improvements = l:ask(2)
              for _, s in ipairs(seeds) do l:tell(s, l["function"](s)) end
              rows[round] = {seeds[1], seeds[2], improvements[1], l:loss()}
            end
            return rows, l.mean, l.std, l.npoints
            """, chunkName: "=t")
        let expected: [[LuaValue]] = [
            [0, 1, .number(.infinity), 10.0], [2, 3, 1.4644660940672622, 5.773502691896257],
            [4, 5, 0.5297287419929706, 4.472135954999579], [6, 7, 0.2995763043960813, 3.7796447300922718],
            [8, 9, 0.19951385558910295, 3.333333333333333],
        ]
        #expect(values[0] == .array(expected.map { .array($0) }))
        #expect(values[1] == 2)
        #expect(values[2] == .number((10.0 / 9).squareRoot()))   // corrected std of five 1s and five 3s
        #expect(values[3] == 10)
    }

    @Test func w5ThroughLuaStopsWherePythonAdaptiveDoes() throws {
        // g(n) = random.Random(n).gauss(0.5, 1), from a table: W5 stops at 9840 points.
        let kernel = Kernel()
        let g = (0..<10_000).map { LuaValue.number(PythonRandom.gauss(seed: $0, mu: 0.5, sigma: 1)) }
        let values = try kernel.execute("""
            local G = ...
            local l = adaptive.AverageLearner(function(n) return G[n + 1] end, {rtol = 0.01})
            adaptive.runner.simple(l, {loss_goal = 2})
            return l.npoints, l:loss(), l.mean
            """, chunkName: "=t", arguments: [.array(g)])
        #expect(values == [9840, .number(1.999942870855026), .number(0.5036117709717544)])
    }

    @Test func everyRunnerReachesTheGoalAndSeedsAreIntegers() throws {
        for executor in ["", ", executor = adaptive.executors.threads(2)", ", executor = adaptive.executors.processes(2)",
                         ", executor = adaptive.executors.sequential()"] {
            let kernel = Kernel()
            let values = try kernel.execute("""
                local function g(seed)
                  assert(math.type(seed) == "integer", "seed is a " .. math.type(seed))
                  math.randomseed(seed)
                  return math.random()
                end
                local a = adaptive.AverageLearner(g, {atol = 0.02})
                adaptive.runner.simple(a, {loss_goal = 1\(executor)})
                local b = adaptive.BlockingRunner(adaptive.AverageLearner(g, {atol = 0.02}), {npoints_goal = 50\(executor)})
                local c = adaptive.AverageLearner(g, {rtol = 0.05})
                local r = adaptive.Runner(c, {loss_goal = 1, executor = adaptive.executors.threads(2)})
                r:block_until_done()
                local seeds = {}
                for s in pairs(a.data) do seeds[#seeds + 1] = s end
                table.sort(seeds)
                -- Every seed once; in order without an executor (a parallel runner that stops
                -- abandons the seeds in flight, so its seeds can have gaps).
                local dense = #seeds == a.npoints and (\(executor.isEmpty) == false or seeds[#seeds] == #seeds - 1)
                return a:loss() <= 1, b.learner.npoints >= 50, c:loss() <= 1, r:status(), dense, math.abs(a.mean - 0.5) < 0.05
                """, chunkName: "=t")
            #expect(values == [true, true, true, "finished", true, true], "executor\(executor)")
        }
    }

    @Test func fieldsMethodsPlotAndSaving() throws {
        let kernel = Kernel()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("avg-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let values = try kernel.execute("""
            local path = ...
            local l = adaptive.AverageLearner(function(s) return s end, {rtol = 0.1, min_npoints = 5})
            local first = l:loss()
            l:tell_many({0, 1, 2}, {0, 1, 2})
            local seeds = l:ask(2)
            local pending = l.pending_points
            l:remove_unfinished()
            l:tell(7, 7)
            local fig = l:plot()
            l:save(path)
            local copy = l:new()
            copy:load(path)
            return first, l.npoints, l:loss(), seeds, pending, #l.pending_points, l.to_table(l)[4], tostring(fig):sub(1, 7),
                   copy.npoints, copy.mean == l.mean, l.min_npoints, l.rtol, l.atol, tostring(l)
            """, chunkName: "=t", arguments: [.string(path)])
        #expect(values[0] == .number(.infinity))
        #expect(values[1] == 4)
        #expect(values[2] == .number(.infinity))   // fewer than min_npoints
        #expect(values[3] == [3, 4])
        #expect(values[4] == [3, 4])
        #expect(values[5] == 0)
        #expect(values[6] == [7, 7])
        #expect(values[7] == "<Figure")
        #expect(values[8] == 4)
        #expect(values[9] == true)
        #expect(values[10] == 5)
        #expect(values[11] == 0.1)
        #expect(values[12] == .number(.infinity))
        #expect(values[13] == "<AverageLearner npoints=4 mean=2.5 loss=inf>")
    }

    @Test func badInputGivesClearLuaErrors() throws {
        let kernel = Kernel()
        func message(_ code: String) -> String {
            do { try kernel.execute(code, chunkName: "=t"); return "no error" } catch { return error.message }
        }
        try kernel.execute("g = function(s) return s end; l = adaptive.AverageLearner(g, {atol = 1})", chunkName: "=t")
        #expect(message("adaptive.AverageLearner(g)") == "t:1: AverageLearner: give at least one of atol and rtol, like adaptive.AverageLearner(g, {rtol = 0.01})")
        #expect(message("adaptive.AverageLearner(g, {rtol = 0})") == "t:1: AverageLearner: rtol must be positive, got 0")
        #expect(message("adaptive.AverageLearner(g, {tol = 1})").hasPrefix("t:1: adaptive.AverageLearner: unknown option 'tol'; the options are: atol, min_npoints, rtol"))
        #expect(message("l:tell(-1, 3)") == "t:1: bad argument #1 to 'AverageLearner:tell' (a seed must be an integer >= 0, got -1)")
        #expect(message("l:tell(0.5, 3)").contains("bad argument #1 to 'AverageLearner:tell'"))
        #expect(message("l:ask(-2)") == "t:1: AverageLearner: ask(n) needs n >= 0, got -2")
        #expect(message("adaptive.runner.simple(adaptive.AverageLearner(function() return 'x' end, {atol = 1}), {npoints_goal = 3})")
            == "t:1: AverageLearner: the function returned a bad value at seed = 0: expected a number or an array of numbers, got string")
        #expect(message("adaptive.runner.simple(adaptive.AverageLearner(function() return {1, 2} end, {atol = 1}), {npoints_goal = 3})")
            == "t:1: AverageLearner: the function returned a bad value at seed = 0: expected one number, got 2 numbers")
        #expect(message("adaptive.runner.simple(adaptive.AverageLearner(function() return 1, 2 end, {atol = 1}), {npoints_goal = 3})")
            == "no error")   // like any Lua call, extra results are dropped
    }
}
