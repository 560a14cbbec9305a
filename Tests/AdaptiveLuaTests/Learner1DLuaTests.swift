import AdaptiveLua
import Foundation
import LuaKit
import Testing

/// Learner1D as a Lua user meets it: the same points as python-adaptive, clear errors.
@Suite struct Learner1DLuaTests {
    /// python-adaptive 1.5.2's first 200 points of W1 (shared with the core's tests).
    static func trace() throws -> [[Double]] { try PeerTraces.points("trace-learner1d-200") }

    @Test func luaDrivenLearnerReproducesPythonAdaptivesTrace() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local function peak(x) local a = 0.01 return x + a^2 / (a^2 + (x - 0.123)^2) end
            local l = adaptive.Learner1D(peak, {-1, 1})
            local xs, improvements = {}, {}
            while l.npoints < 200 do
              local x, imp = l:ask(1)
              xs[#xs + 1], improvements[#improvements + 1] = x[1], imp[1]
              l:tell(x[1], peak(x[1]))
            end
            return xs, improvements
            """, chunkName: "=trace")
        guard case .array(let xs) = values[0], case .array(let improvements) = values[1] else {
            Issue.record("expected two arrays")
            return
        }
        let reference = try Self.trace()
        #expect(xs.count == reference.count)
        for (i, row) in reference.enumerated() {
            #expect(xs[i].double == row[0], "x of point \(i + 1)")
            let got = improvements[i].double!, want = row[2]
            if want.isInfinite { #expect(got == want) } else {
                #expect(abs(got - want) <= 1e-12 * abs(want), "improvement of point \(i + 1)")
            }
        }
    }

    @Test func runnerSimpleStopsWhereTheTutorialDoes() throws {
        // python-adaptive 1.5.2: Learner1D(peak, (-1, 1)) with runner.simple(loss_goal=0.01)
        // stops at 383 points with loss 0.0096430152532223559 (tutorial peak, offset 0).
        let kernel = Kernel()
        let values = try kernel.execute("""
            local function peak(x) local a = 0.01 return x + a^2 / (a^2 + x^2) end
            local l = adaptive.Learner1D(peak, {-1, 1})
            adaptive.runner.simple(l, {loss_goal = 0.01})
            return l.npoints, l:loss()
            """, chunkName: "=t")
        #expect(values[0] == 383)
        #expect(abs(values[1].double! - 0.0096430152532223559) < 1e-15)
    }

    @Test func everyGoalKindStops() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local function f(x) return math.sin(10 * x) end
            local function n(goals) local l = adaptive.Learner1D(f, {0, 1}); adaptive.runner.simple(l, goals); return l end
            local a = n{npoints_goal = 37}
            local b = n{goal = function(l) return l.npoints >= 12 end}
            local c = n{loss_goal = 0.05}
            local d = n{duration_goal = 0.05}
            local e = n{end_time_goal = os.time() - 1}
            local r = adaptive.BlockingRunner(adaptive.Learner1D(f, {0, 1}), {npoints_goal = 9})
            return a.npoints, b.npoints, c:loss() <= 0.05, d.npoints > 0, e.npoints, r.learner.npoints, r:status()
            """, chunkName: "=t")
        #expect(values == [37, 12, true, true, 0, 9, "finished"])
    }

    @Test func apiFieldsAndMethods() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local l = adaptive.Learner1D(function(x) return x * x end, {0, 2})
            local xs = l:ask(3)
            local pending = #l.pending_points
            for _, x in ipairs(xs) do l:tell(x, x * x) end
            l:tell_pending(0.5)
            local before = l:loss(false) <= l:loss()
            l:remove_unfinished()
            local rows = l:to_table()
            local fresh = l:new()
            l:tell_many({1.5, 0.25}, {2.25, 0.0625})
            return pending, before, #l.pending_points, l.npoints, l.bounds, l.data[1], rows[2], fresh.npoints, l.vdim
            """, chunkName: "=t")
        #expect(values == [3, true, 0, 5, [0, 2], 1, [1, 1], 0, 1])
    }

    @Test func customLossesWrittenInLua() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local L = adaptive.learner.learner1D
            local seen_missing = false
            local loss = L.uses_nth_neighbors(1)(function(xs, ys)
              if xs[1] == false or xs[4] == false then seen_missing = true end
              return L.default_loss({xs[2], xs[3]}, {ys[2], ys[3]}) * 2
            end)
            local a = adaptive.Learner1D(math.sin, {0, 3}, {loss_per_interval = loss})
            local b = adaptive.Learner1D(math.sin, {0, 3})
            adaptive.runner.simple(a, {npoints_goal = 50})
            adaptive.runner.simple(b, {npoints_goal = 50})
            local same = true
            for i, row in ipairs(a:to_table()) do same = same and row[1] == b:to_table()[i][1] end
            return seen_missing, same, loss.nth_neighbors, math.abs(a:loss() - 2 * b:loss()) < 1e-12
            """, chunkName: "=t")
        #expect(values == [true, true, 1, true])
    }

    @Test func builtInLossesAreReachable() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local L = adaptive.learner.learner1D
            local out = {}
            for _, loss in ipairs{L.default_loss, L.uniform_loss, L.triangle_loss, L.abs_min_log_loss,
                                   L.curvature_loss_function(), L.curvature_loss_function{area_factor = 2},
                                   L.resolution_loss_function(0.01, 0.5)} do
              local l = adaptive.Learner1D(function(x) return math.exp(x) end, {0, 1}, {loss_per_interval = loss})
              adaptive.runner.simple(l, {npoints_goal = 30})
              out[#out + 1] = l.npoints
            end
            return out
            """, chunkName: "=t")
        #expect(values == [[30, 30, 30, 30, 30, 30, 30]])
    }

    @Test func badInputGivesClearLuaErrors() throws {
        let kernel = Kernel()
        func message(_ code: String) -> String {
            do { try kernel.execute(code, chunkName: "=t"); return "no error" } catch { return error.message }
        }
        try kernel.execute("f = function(x) return x end; l = adaptive.Learner1D(f, {0, 1})", chunkName: "=t")
        #expect(message("adaptive.Learner1D(f, {1, 1})") == "t:1: Learner1D: bounds must be {a, b} with a < b, got {1, 1}")
        #expect(message("adaptive.Learner1D(f, {0, 1, 2})") == "t:1: Learner1D: bounds must be {a, b} with a < b, got 3 numbers")
        #expect(message("adaptive.Learner1D(f, {0, 'x'})") == "t:1: bad argument #2 to 'adaptive.Learner1D' (expected an array of numbers, element 2 is a string)")
        #expect(message("adaptive.Learner1D(42, {0, 1})") == "t:1: bad argument #1 to 'adaptive.Learner1D' (function expected, got number)")
        #expect(message("l:ask(-1)") == "t:1: Learner1D: ask(n) needs n >= 0, got -1")
        #expect(message("l:ask(1e15)") == "t:1: Learner1D: ask(n) takes at most 100000000 points at a time, got 1000000000000000")
        #expect(message("adaptive.executors.threads(1e6)") == "t:1: bad argument #1 to 'adaptive.executors.threads' (at most 1024 workers, got 1000000)")
        #expect(message("adaptive.sleep('x')") == "t:1: bad argument #1 to 'adaptive.sleep' (number expected, got string)")
        #expect(message("adaptive.runner.stop_after(5)") == "t:1: adaptive.runner.stop_after: expected {seconds =, minutes =, hours =}, got number")
        #expect(message("l:ask('3')") == "t:1: bad argument #1 to 'Learner1D:ask' (integer expected, got string)")
        #expect(message("adaptive.runner.simple(l, {npoints = 3})").hasPrefix("t:1: adaptive.runner.simple: unknown option 'npoints'; the options are: duration_goal, end_time_goal, executor, goal"))
        #expect(message("adaptive.runner.simple({}, {npoints_goal = 3})") == "t:1: bad argument #1 to 'adaptive.runner.simple' (learner expected, got table)")
        #expect(message("adaptive.runner.simple(adaptive.Learner1D(f, {0, 1}, function() return 'x' end), {npoints_goal = 5})") == "t:1: loss_per_interval must return a number, got string")
        // A Lua error inside a custom loss surfaces from the tell; the learner stays usable.
        try kernel.execute("""
            calls = 0
            bad = adaptive.Learner1D(f, {0, 1}, function(xs, ys) calls = calls + 1; if calls == 3 then error('loss failed') end return xs[2] - xs[1] end)
            """, chunkName: "=t")
        #expect(message("adaptive.runner.simple(bad, {npoints_goal = 10})") == "t:2: loss failed")
        #expect(try kernel.execute("adaptive.runner.simple(bad, {npoints_goal = 10}); return bad.npoints", chunkName: "=t") == [10])
        // An error in the learned function surfaces from the runner, with the user's position.
        #expect(message("adaptive.runner.simple(adaptive.Learner1D(function() error('in f') end, {0, 1}), {npoints_goal = 2})") == "t:1: in f")
    }
}
