import Adaptive
import AdaptiveLua
import Foundation
import LuaKit
import Testing

/// AverageLearner1D as a Lua user meets it: python-adaptive's points, every runner,
/// settings as fields, clear errors.
@Suite struct AverageLearner1DLuaTests {
    /// The tutorial's noisy peak in Lua, with a seeded Box–Muller sample.
    static let noisyPeak = """
        function noisy_peak(x, seed, sigma)
          local w, offset = 0.05, -0.5
          local y = x^3 - x + 3 * w^2 / (w^2 + (x - offset)^2)
          math.randomseed(seed)
          local u1, u2 = math.random(), math.random()
          return y + (sigma or 1) * math.sqrt(-2 * math.log(1 - u1)) * math.cos(2 * math.pi * u2)
        end

        """

    @Test func pythonAdaptivesTraceFromLua() throws {
        // The "peak" trace of the core's tests: its noise is Python's random.Random, given
        // to Lua as a Swift function (evaluated in the kernel by runner-less ask/tell).
        struct Trace: Decodable { var points: [[Double?]]; var nsamples: Int }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../AdaptiveTests/Fixtures/trace-average1d-peak.json")
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\"inf\"", with: "null")
        let trace = try JSONDecoder().decode(Trace.self, from: Data(text.utf8))
        let kernel = Kernel()
        kernel.lua.register("python_noise") { call in
            let x = try call.number(1), seed = try call.integer(2)
            var rng = PythonRandom(seed: seed * 1_000_003 + Int((x + 2) * 1_073_741_824.0))
            call.push(rng.gauss(0, 1))
            return 1
        }
        let values = try kernel.execute("""
            local function f(x, seed)
              local w = 0.05
              return x^3 - x + 3 * w^2 / (w^2 + (x + 0.5)^2) + 0.3 * python_noise(x, seed)
            end
            local l = adaptive.AverageLearner1D(f, {-2, 2}, {min_samples = 20})
            local seeds, xs = {}, {}
            while l.nsamples < \(trace.nsamples) do
              local p = l:ask(1)[1]
              seeds[#seeds + 1], xs[#xs + 1] = p[1], p[2]
              l:tell(p, l["function"](p[2], p[1]))
            end
            return seeds, xs
            """, chunkName: "=t")
        guard case .array(let seeds) = values[0], case .array(let xs) = values[1] else { Issue.record("no arrays"); return }
        #expect(seeds.count == trace.points.count)
        for (i, row) in trace.points.enumerated() {
            try #require(seeds[i] == .integer(Int(row[0]!)) && xs[i].double == row[1]!, "point \(i + 1)")
        }
    }

    @Test func everyRunnerReachesTheGoalWithIntegerSeeds() throws {
        for executor in ["", "executor = adaptive.executors.threads(2)", "executor = adaptive.executors.processes(2)"] {
            let kernel = Kernel()
            let values = try kernel.execute(Self.noisyPeak + """
                local function f(x, seed)
                  assert(math.type(seed) == "integer", "seed is a " .. math.type(seed))
                  return noisy_peak(x, seed)
                end
                local function goal(n) return function(l) return l.nsamples >= n end end
                local a = adaptive.AverageLearner1D(f, {-2, 2}, {min_samples = 10})
                adaptive.runner.simple(a, {goal = goal(2000), \(executor)})
                local b = adaptive.BlockingRunner(adaptive.AverageLearner1D(f, {-2, 2}, {min_samples = 10}), {goal = goal(500), \(executor)})
                local c = adaptive.AverageLearner1D(f, {-2, 2})
                local r = adaptive.Runner(c, {goal = goal(3000), executor = adaptive.executors.threads(2)})
                r:block_until_done()
                local counts = {}
                for _, row in ipairs(a:to_table()) do counts[row[2]] = (counts[row[2]] or 0) + 1 end
                local ok = true
                for x, mean in pairs(a.data) do ok = ok and counts[x] >= 1 end
                return a.nsamples >= 2000, #a:to_table() == a.nsamples, ok, b.learner.nsamples >= 500,
                       c.nsamples >= 3000, r:status(), a.npoints > 5
                """, chunkName: "=t")
            #expect(values == [true, true, true, true, true, "finished", true], "\(executor)")
        }
    }

    @Test func fieldsSettingsAndMethods() throws {
        let kernel = Kernel()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("avg1d-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let values = try kernel.execute(Self.noisyPeak + """
            local path = ...
            local l = adaptive.AverageLearner1D(noisy_peak, {-2, 2}, {min_samples = 5, delta = 0.3,
                loss_per_interval = adaptive.learner.learner1D.uniform_loss})
            local first = l:ask(3)
            local pending = #l.pending_points
            for _, p in ipairs(first) do l:tell(p, noisy_peak(p[2], p[1])) end
            adaptive.runner.simple(l, {goal = function(l) return l.nsamples >= 300 end})
            l.delta = 0.1
            l.min_error = 0.05
            l.max_samples = 40
            local settings = {l.delta, l.min_error, l.max_samples, l.alpha, l.neighbor_sampling, l.min_samples}
            l:save(path)
            local copy = l:new()
            copy:load(path)
            local means = l:to_table{mean = true}
            local errs = 0
            for _, e in pairs(l.error) do errs = errs + 1 end
            l:tell_many({{100, -2}, {101, -2}}, {0, 0})
            return first, pending, settings, #means == l.npoints, errs == l.npoints, copy.nsamples, l.nsamples,
                   l.min_samples_per_point >= 5, tostring(l:plot()):sub(1, 7), l.loss_per_interval ~= nil, l.bounds,
                   math.abs(copy:loss() - l:loss()) < 1e-7 or copy.npoints ~= l.npoints
            """, chunkName: "=t", arguments: [.string(path)])
        #expect(values[0] == [[0, -2], [1, -2], [2, -2]])
        #expect(values[1] == 3)
        #expect(values[2] == [0.1, 0.05, 40, 0.005, 0.3, 5])
        #expect(values[3] == true && values[4] == true)
        #expect(values[5] == 300 && values[6] == 302)
        #expect(values[7] == true)
        #expect(values[8] == "<Figure")
        #expect(values[9] == true)
        #expect(values[10] == [-2, 2])
    }

    @Test func badInputGivesClearLuaErrors() throws {
        let kernel = Kernel()
        func message(_ code: String) -> String {
            do { try kernel.execute(code, chunkName: "=t"); return "no error" } catch { return error.message }
        }
        try kernel.execute("f = function(x, seed) return x end; l = adaptive.AverageLearner1D(f, {0, 1})", chunkName: "=t")
        #expect(message("adaptive.AverageLearner1D(f, {1, 1})") == "t:1: AverageLearner1D: bounds must be finite {a, b} with a < b, got {1, 1}")
        #expect(message("adaptive.AverageLearner1D(f, {0, 1}, {delta = 0})") == "t:1: AverageLearner1D: delta must be in (0, 1], got 0")
        #expect(message("adaptive.AverageLearner1D(f, {0, 1}, {min_samples = 10, max_samples = 5})") == "t:1: AverageLearner1D: max_samples must be >= min_samples (10), got 5")
        #expect(message("adaptive.AverageLearner1D(f, {0, 1}, {sigma = 1})").hasPrefix("t:1: adaptive.AverageLearner1D: unknown option 'sigma'; the options are: alpha, delta, loss_per_interval"))
        #expect(message("l.alpha = 0") == "t:1: AverageLearner1D: alpha must be in (0, 1], got 0")
        #expect(message("l.min_samples = 'x'") == "t:1: AverageLearner1D: option 'min_samples' must be an integer, got string")
        #expect(message("l:tell({0, 2}, 1)") == "t:1: AverageLearner1D: x = 2 is outside the bounds {0, 1}")
        #expect(message("l:tell({0.5, 0.5}, 1)") == "t:1: bad argument #1 to 'AverageLearner1D:tell' (a point {seed, x} with an integer seed >= 0 expected)")
        #expect(message("l:tell(0.5, 1)") == "t:1: bad argument #1 to 'AverageLearner1D:tell' (a point {seed, x} with an integer seed >= 0 expected)")
        #expect(message("adaptive.runner.simple(adaptive.AverageLearner1D(function() return {} end, {0, 1}), {npoints_goal = 2})")
            == "t:1: AverageLearner1D: the function returned a bad value at x = 0.0, seed = 0: expected a number or an array of numbers, got an empty table")
    }
}
