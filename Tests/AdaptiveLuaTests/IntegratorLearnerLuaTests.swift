import AdaptiveLua
import Foundation
import LuaKit
import Testing

/// IntegratorLearner as a Lua user meets it: python-adaptive's points, done(), divergence.
@Suite struct IntegratorLearnerLuaTests {
    /// python-adaptive 1.5.2's first 200 points of W6-f24 (x, y, loss improvement).
    static func trace() throws -> [[Double]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../AdaptiveTests/Fixtures/trace-integrator-f24-200.json")
        struct Trace: Decodable { var points: [[Double]] }   // JSONDecoder reads doubles exactly
        return try JSONDecoder().decode(Trace.self, from: Data(contentsOf: url)).points
    }

    @Test func f24FromLuaIsPythonAdaptivesRun() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local l = adaptive.IntegratorLearner(function(x) return math.floor(math.exp(x)) end, {0, 3}, {tol = 1e-8})
            local xs, improvements = {}, {}
            while #xs < 200 do
              local x, imp = l:ask(1)
              xs[#xs + 1], improvements[#improvements + 1] = x[1], imp[1]
              l:tell(x[1], math.floor(math.exp(x[1])))
            end
            local done_early = l:done()
            adaptive.runner.simple(l)   -- no goal: until done()
            return xs, improvements, done_early, l.npoints, l.igral, l.err, l:done()
            """, chunkName: "=t")
        guard case .array(let xs) = values[0], case .array(let improvements) = values[1] else {
            Issue.record("expected two arrays")
            return
        }
        let reference = try Self.trace()
        for (i, row) in reference.enumerated() {
            #expect(xs[i].double == row[0], "x of point \(i + 1)")
            // python sums errors with BLAS: equal to rounding.
            #expect(abs(improvements[i].double! - row[2]) <= 1e-12 * row[2], "improvement of point \(i + 1)")
        }
        #expect(values[2] == false)
        #expect(values[3] == 16149)
        let igral = values[4].double!, exact = 60 - (1...20).reduce(0.0) { $0 + log(Double($1)) }
        #expect(abs(igral - 17.6643835377243) <= 1e-12 * 17.66)
        #expect(abs(igral - exact) < 2e-9)
        #expect(values[5].double! < 1e-8 * igral)
        #expect(values[6] == true)
    }

    /// `save` / `load`: the loaded learner has the same estimate and asks the same points.
    @Test func saveAndLoad() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("il-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let values = try Kernel().execute("""
            local f = function(x) return math.exp(x) * math.sin(10 * x) end
            local l = adaptive.IntegratorLearner(f, {0, 3}, 1e-10)
            adaptive.runner.simple(l, {npoints_goal = 500})
            l:save('\(path)')
            local copy = adaptive.IntegratorLearner(f, {0, 3}, 1e-10)
            copy:load('\(path)')
            local same = copy.npoints == l.npoints and copy.igral == l.igral and copy.err == l.err
            for _ = 1, 50 do
              local p, q = l:ask(1)[1], copy:ask(1)[1]
              same = same and p == q
              l:tell(p, f(p)); copy:tell(q, f(q))
            end
            return same, copy.igral == l.igral
            """, chunkName: "=t")
        #expect(values == [true, true])
    }

    @Test func everyRunnerStopsWhenDone() throws {
        for executor in ["", ", executor = adaptive.executors.threads(2)", ", executor = adaptive.executors.processes(2)"] {
            let kernel = Kernel()
            let values = try kernel.execute("""
                local a = adaptive.IntegratorLearner(math.exp, {0, 1}, {tol = 1e-10})
                adaptive.runner.simple(a, {\(executor.dropFirst(2))})
                local b = adaptive.BlockingRunner(adaptive.IntegratorLearner(math.sqrt, {0, 1}, 1e-8), {\(executor.dropFirst(2))})
                local c = adaptive.IntegratorLearner(function(x) return 1 / (1 + x * x) end, {0, 1}, {tol = 1e-12})
                local r = adaptive.Runner(c, {executor = adaptive.executors.threads(2)})
                r:block_until_done()
                return a:done(), math.abs(a.igral - (math.exp(1) - 1)) < 1e-10 * a.igral, b.learner:done(),
                       math.abs(b.learner.igral - 2 / 3) < 1e-8, c:done(), math.abs(c.igral - math.pi / 4) < 1e-12, r:status()
                """, chunkName: "=t")
            #expect(values == [true, true, true, true, true, true, "finished"], "executor\(executor)")
        }
    }

    @Test func divergenceIsAClearLuaError() throws {
        let kernel = Kernel()
        func message(_ code: String) -> String {
            do { try kernel.execute(code, chunkName: "=t"); return "no error" } catch { return error.message }
        }
        try kernel.execute("fdiv = function(x) return math.abs(x - 0.987654321)^-1.1 end", chunkName: "=t")
        let expected = "IntegratorLearner: the integral diverges near [0.9876543209829833, 0.9876543210120872] (detected after 431 points)"
        #expect(message("adaptive.runner.simple(adaptive.IntegratorLearner(fdiv, {0, 1}, {tol = 1e-6}))") == "t:1: " + expected)
        // A background runner fails with the same message.
        #expect(message("""
            r = adaptive.Runner(adaptive.IntegratorLearner(fdiv, {0, 1}, {tol = 1e-6}), {executor = adaptive.executors.sequential()})
            r:block_until_done()
            """).contains(expected))
        #expect(try kernel.execute("return r:status()", chunkName: "=t") == ["failed"])
    }

    @Test func fieldsMethodsAndPlot() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local l = adaptive.IntegratorLearner(math.exp, {0, 1}, {tol = 1e-10})
            local first = l.err
            local xs = l:ask(17)
            local pending = #l.pending_points
            for _, x in ipairs(xs) do l:tell(x, math.exp(x)) end
            adaptive.runner.simple(l)
            local ivals = l.approximating_intervals
            local fresh = l:new()
            return first, pending, l.npoints, #l:to_table(), ivals[1].a, ivals[#ivals].b, tostring(l:plot()):sub(1, 7),
                   fresh.npoints, l.tol, l.bounds, tostring(l)
            """, chunkName: "=t")
        #expect(values[0] == .number(.infinity))
        #expect(values[1] == 17)
        #expect(values[2] == 33)
        #expect(values[3] == 33)
        #expect(values[4] == 0 && values[5] == 1)
        #expect(values[6] == "<Figure")
        #expect(values[7] == 0)
        #expect(values[8] == 1e-10)
        #expect(values[9] == [0, 1])
        guard case .string(let summary) = values[10] else { Issue.record("tostring gave \(values[10])"); return }
        #expect(summary.hasPrefix("<IntegratorLearner npoints=33 igral=1.718281828 err="))
    }

    @Test func badInputGivesClearLuaErrors() throws {
        let kernel = Kernel()
        func message(_ code: String) -> String {
            do { try kernel.execute(code, chunkName: "=t"); return "no error" } catch { return error.message }
        }
        #expect(message("adaptive.IntegratorLearner(math.exp, {0, 1})") == "t:1: IntegratorLearner: give the relative tolerance, like adaptive.IntegratorLearner(f, {0, 1}, {tol = 1e-8})")
        #expect(message("adaptive.IntegratorLearner(math.exp, {1, 0}, {tol = 1e-8})") == "t:1: IntegratorLearner: bounds must be finite {a, b} with a < b, got {1, 0}")
        #expect(message("adaptive.IntegratorLearner(math.exp, {0, 1, 2}, {tol = 1e-8})") == "t:1: IntegratorLearner: bounds must be {a, b} with a < b, got 3 numbers")
        #expect(message("adaptive.IntegratorLearner(math.exp, {0, 1}, {tol = -1})") == "t:1: IntegratorLearner: tol must be a positive number, got -1")
        #expect(message("l = adaptive.IntegratorLearner(math.exp, {0, 1}, 1e-8); l:tell(0.3, 1)").hasPrefix("t:1: IntegratorLearner:"))
        // Machine precision reached with nothing left to refine (python's RuntimeError).
        #expect(message("""
            local l = adaptive.IntegratorLearner(math.exp, {0, 1}, {tol = 1e-15})
            for i = 1, 40 do local x = l:ask(1)[1]; l:tell(x, math.exp(x)) end
            """).contains("IntegratorLearner: no way to improve the integral estimate"))
    }
}
