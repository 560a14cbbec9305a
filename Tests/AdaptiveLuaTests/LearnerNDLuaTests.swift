import AdaptiveLua
import Foundation
import LuaKit
import Plotting
import Testing

/// LearnerND as a Lua user meets it: python-adaptive's points, runners, losses, plots
/// and clear errors.
@Suite struct LearnerNDLuaTests {
    static let sphere = """
        function sphere(x, y, z) local a = 0.4; return x + z^2 + math.exp(-(x^2 + y^2 + z^2 - 0.75^2)^2 / a^4) end

        """

    /// python-adaptive 1.5.2's first 100 points of W4 (shared with the core's tests).
    static func trace() throws -> [[Double]] { try PeerTraces.points("trace-learnernd-100") }

    @Test func luaDrivenLearnerAsksPythonAdaptivesPoints() throws {
        let kernel = Kernel()
        let values = try kernel.execute(Self.sphere + """
            local l = adaptive.LearnerND(sphere, {{-1, 1}, {-1, 1}, {-1, 1}})
            local points = {}
            while l.npoints < 100 do
              local p = l:ask(1)[1]
              points[#points + 1] = p
              l:tell(p, sphere(p[1], p[2], p[3]))
            end
            return points, l:loss()
            """, chunkName: "=trace")
        guard case .array(let points) = values[0] else { Issue.record("expected an array"); return }
        let reference = try Self.trace()
        for (i, row) in reference.enumerated() {
            // The trace's numbers are JSONSerialization's (accurate to a few ulps).
            let p = points[i].doubles
            #expect(zip(p, row.prefix(3)).allSatisfy { abs($0 - $1) <= 1e-15 }, "point \(i + 1)")
        }
        #expect(abs(values[1].double! - 0.007234420264136251) < 1e-15)
    }

    @Test func runnersOnEveryExecutor() throws {
        let kernel = Kernel()
        let values = try kernel.execute(Self.sphere + """
            local function fresh() return adaptive.LearnerND(sphere, {{-1, 1}, {-1, 1}, {-1, 1}}) end
            local a = fresh(); adaptive.runner.simple(a, {npoints_goal = 50})
            local b = fresh(); adaptive.BlockingRunner(b, {npoints_goal = 60, executor = adaptive.executors.threads(2)})
            local c = fresh(); local r = adaptive.Runner(c, {loss_goal = 0.02, executor = adaptive.executors.processes(2)}); r:await()
            local d = fresh(); local s = adaptive.Runner(d, {npoints_goal = 40, executor = adaptive.executors.sequential()}); s:await()
            return a.npoints, b.npoints >= 60, c:loss() <= 0.02, r:status(), d.npoints, #d.pending_points
            """, chunkName: "=t")
        #expect(values == [50, true, true, "finished", 40, 0])
    }

    @Test func apiFieldsAndMethods() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local l = adaptive.LearnerND(function(x, y) return x + 2 * y end, {{0, 2}, {-1, 1}})
            local ps = l:ask(5)
            local pending = #l.pending_points
            for _, p in ipairs(ps) do l:tell(p, p[1] + 2 * p[2]) end
            l:tell_pending({1, 0.5})
            l:remove_unfinished()
            l:tell_many({{1.5, 0.25}, {0.5, 0.5}}, {2, 1.5})
            local rows = l:to_table()
            local path = os.tmpname()
            l:save(path)
            local fresh = l:new()
            local copy = l:new()
            copy:load(path)
            os.remove(path)
            assert(copy.npoints == l.npoints and copy:loss() == l:loss())
            return pending, #l.pending_points, l.npoints, l.ndim, l.vdim, l.bounds, l.data[1], rows[1],
              fresh.npoints, l:interpolate({1, 0}), l:interpolate({{1, 0}, {3, 0}}), l.loss_per_simplex, l:loss() > 0
            """, chunkName: "=t")
        #expect(values[0] == 5 && values[1] == 0 && values[2] == 7 && values[3] == 2 && values[4] == 1)
        #expect(values[5] == [[0, 2], [-1, 1]])
        #expect(values[6] == [[0, -1], -2])
        #expect(values[7] == [0, -1, -2])
        #expect(values[8] == 0 && values[9] == 1)
        #expect(values[10] == [1, false])
        #expect(values[11] == .nil && values[12] == true)
    }

    /// `anisotropic = true`: python's anisotropic points (to rounding; the core's tests
    /// compare 300), a field saying so, and a clear error for vector outputs.
    @Test func anisotropicOption() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local function ring(x, y) return x + math.exp(-(x^2 + y^2 - 0.75^2)^2 / 0.2^4) end
            local l = adaptive.LearnerND(ring, {{-1, 1}, {-1, 1}}, {anisotropic = true})
            adaptive.runner.simple(l, {npoints_goal = 12})
            local v = adaptive.LearnerND(function(x, y) return {x, y} end, {{-1, 1}, {-1, 1}}, {anisotropic = true})
            local ok, message = pcall(adaptive.runner.simple, v, {npoints_goal = 12})
            return l.anisotropic, l.data[12][1], adaptive.LearnerND(ring, {{-1, 1}, {-1, 1}}).anisotropic, message
            """, chunkName: "=t")
        #expect(values[0] == true && values[2] == false)
        // python-adaptive 1.5.2's 12th point (anisotropic ring, sequential).
        let p = values[1].doubles
        #expect(abs(p[0] - -0.03703703703703709) < 1e-9 && abs(p[1] - -0.6296296296296297) < 1e-9)
        #expect(values[3] == "LearnerND: anisotropic = true works only for a function with one output, this one has 2")
    }

    @Test func hullBoundsAndVectorOutputs() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local tri = adaptive.LearnerND(function(x, y) return {x, y, x * y} end, {{0, 0}, {2, 0}, {0, 1}, {0.5, 0.25}})
            adaptive.runner.simple(tri, {npoints_goal = 30})
            local explicit = adaptive.LearnerND(function(x, y) return x end, {hull = {{0, 1}, {1, 2}, {0, 3}}})
            local ps = explicit:ask(3)
            return tri.vdim, #tri.bounds, tri.data[4][2], #explicit.bounds, explicit.ndim, ps[1], ps[3]
            """, chunkName: "=t")
        #expect(values[0] == 3 && values[1] == 3)
        #expect(values[2].doubles.count == 3)
        #expect(values[3] == 3 && values[4] == 2)
        #expect(values[5] == [0, 1] && values[6] == [1, 2])
    }

    @Test func builtInAndCustomLosses() throws {
        let kernel = Kernel()
        let values = try kernel.execute(Self.sphere + """
            local L = adaptive.learner.learnerND
            local counts = {}
            for _, loss in ipairs{L.default_loss, L.uniform_loss, L.std_loss, L.triangle_loss,
                                   L.curvature_loss_function(), L.curvature_loss_function(0.1),
                                   L.curvature_loss_function{exploration = 0.2}} do
              local l = adaptive.LearnerND(sphere, {{-1, 1}, {-1, 1}, {-1, 1}}, {loss_per_simplex = loss})
              adaptive.runner.simple(l, {npoints_goal = 30})
              counts[#counts + 1] = l.npoints
            end
            -- A Lua loss: twice the default one, so the same points and twice the loss.
            local seen = {}
            local function twice(simplex, values, scale)
              seen.n, seen.d, seen.scale = #simplex, #simplex[1], scale
              return 2 * L.default_loss(simplex, values)
            end
            local a = adaptive.LearnerND(sphere, {{-1, 1}, {-1, 1}, {-1, 1}}, twice)
            local b = adaptive.LearnerND(sphere, {{-1, 1}, {-1, 1}, {-1, 1}})
            adaptive.runner.simple(a, {npoints_goal = 60})
            adaptive.runner.simple(b, {npoints_goal = 60})
            local same = true
            for i, row in ipairs(a:to_table()) do same = same and row[1] == b:to_table()[i][1] end
            -- A curvature-like Lua loss with neighbours.
            local saw_false = false
            local function neighbourly(simplex, values, scale, neighbors, neighbor_values)
              for i = 1, #neighbors do if neighbors[i] == false then saw_false = true end end
              return L.uniform_loss(simplex, values)
            end
            local c = adaptive.LearnerND(sphere, {{-1, 1}, {-1, 1}, {-1, 1}}, {loss_per_simplex = neighbourly, nth_neighbors = 1})
            adaptive.runner.simple(c, {npoints_goal = 20})
            local t = adaptive.Runner(adaptive.LearnerND(sphere, {{-1, 1}, {-1, 1}, {-1, 1}}, twice),
              {npoints_goal = 40, executor = adaptive.executors.threads(2)})
            t:await()
            return counts, same, math.abs(a:loss() - 2 * b:loss()) < 1e-12, seen.n, seen.d, seen.scale > 0,
              saw_false, L.curvature_loss_function().nth_neighbors, tostring(L.std_loss), t:status()
            """, chunkName: "=t")
        #expect(values[0] == [30, 30, 30, 30, 30, 30, 30])
        #expect(Array(values[1...]) == [true, true, 4, 3, true, true, 1, "<LossND std, nth_neighbors=0>", "finished"])
    }

    @Test func slicesAndPlots() throws {
        let kernel = Kernel()
        let values = try kernel.execute(Self.sphere + """
            local l = adaptive.LearnerND(sphere, {{-1, 1}, {-1, 1}, {-1, 1}})
            adaptive.runner.simple(l, {npoints_goal = 300})
            local image = l:plot_slice({false, false, 0.5}, 30)
            local curve = l:plot_slice({[1] = 0.2, [3] = -0.5})
            local styled = l:plot_slice({false, 0, false}, {title = "y = 0", cmap = "magma"})
            local flat = adaptive.LearnerND(function(x, y) return x * y end, {{0, 1}, {0, 1}})
            adaptive.runner.simple(flat, {npoints_goal = 50})
            local vec = adaptive.LearnerND(function(x, y, z) return {x, y * z} end, {{0, 1}, {0, 1}, {0, 1}})
            adaptive.runner.simple(vec, {npoints_goal = 30})
            return tostring(image), tostring(curve), tostring(styled), tostring(flat:plot{tri_alpha = 0.4}),
              tostring(l:plot_3D()), tostring(l:plot_3D{azimuth = 10, elevation = 60, title = "sphere"}),
              tostring(vec:plot_3D{component = 2}), tostring(vec:plot_slice({false, false, 0.5}, 10)),
              tostring(l:plot_isosurface(1.2)), tostring(flat:plot_isoline(0.25, {n = 20}))
            """, chunkName: "=t")
        let texts = values.map { value -> String in
            if case .string(let s) = value { return s }
            return ""
        }
        #expect(texts[0].contains("image(30×30)"))
        #expect(texts[1].contains("curve(201 points)"))
        #expect(texts[2].contains("y = 0"))
        #expect(texts[3].contains("triangles"))
        #expect(texts[4].contains("shadedtriangles") && texts[4].contains("text(\"z\")"))
        #expect(texts[5].contains("sphere"))
        #expect(texts[6].contains("shadedtriangles"))
        #expect(texts[7] == "<Layout 2 panels>", "one panel per component")
        #expect(texts[8].contains("shadedtriangles") && texts[8].contains("value = 1.2"))
        #expect(texts[9].contains("image(20×20)") && texts[9].contains("path"))
    }

    /// A live plot and periodic saving read the learner while runner threads change it.
    @Test func livePlotAndSavingWhileARunnerWorks() throws {
        let kernel = Kernel()
        let dir = NSTemporaryDirectory() + "learnernd-live-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let values = try kernel.execute(Self.sphere + """
            local dir = ...
            local results = {}
            for _, bounds in ipairs{{{-1, 1}, {-1, 1}, {-1, 1}}, {{-1, 1}, {-1, 1}}} do
              local f = #bounds == 3 and sphere or function(x, y) return sphere(x, y, 0) end
              local l = adaptive.LearnerND(f, bounds)
              local r = adaptive.Runner(l, {npoints_goal = 400, executor = adaptive.executors.threads(2)})
              r:live_plot{file = dir .. "/live.svg", update_interval = 0.001}
              r:start_periodic_saving{fname = dir .. "/data.txt", interval = 0.001}
              r:block_until_done()
              local copy = l:new()
              copy:load(dir .. "/data.txt")
              results[#results + 1] = r:status() == "finished" and copy.npoints > 0
            end
            return results
            """, chunkName: "=t", arguments: [.string(dir)])
        #expect(values == [[true, true]])
    }

    @Test func badInputGivesClearLuaErrors() throws {
        let kernel = Kernel()
        func message(_ code: String) -> String {
            do { try kernel.execute(code, chunkName: "=t"); return "no error" } catch { return error.message }
        }
        try kernel.execute(Self.sphere + "l = adaptive.LearnerND(sphere, {{-1, 1}, {-1, 1}, {-1, 1}})", chunkName: "=t")
        #expect(message("adaptive.LearnerND(sphere, {{0, 1}})") == "t:1: LearnerND: bounds must be ranges {{x0, x1}, {y0, y1}, ...} or hull points {{x, y}, ...}, got {{0, 1}}")
        #expect(message("adaptive.LearnerND(sphere, {{0, 1}, {2, 2}})") == "t:1: LearnerND: bounds of axis 2 must be finite {a, b} with a < b, got {2, 2}")
        #expect(message("adaptive.LearnerND(sphere, {})") == "t:1: LearnerND: bounds must be ranges {{x0, x1}, {y0, y1}, ...} or hull points {{x, y}, ...}, got {}")
        #expect(message("adaptive.LearnerND(sphere, {hull = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}}})") == "t:1: LearnerND: a hull needs at least 4 points spanning 3 dimensions, got 3 distinct points")
        #expect(message("adaptive.LearnerND(sphere, {{0, 0}, {1, 1}, {2, 2}})") == "t:1: LearnerND: a hull needs at least 3 points spanning 2 dimensions, got 3 distinct points")
        #expect(message("adaptive.LearnerND(sphere, {{-1, 1}, {-1, 1}}, {loss = 1})").hasPrefix("t:1: adaptive.LearnerND: unknown option 'loss'"))
        #expect(message("adaptive.LearnerND(sphere, {{-1, 1}, {-1, 1}}, {loss_per_simplex = 3})") == "t:1: LearnerND: loss_per_simplex must be a function or a loss, got number")
        #expect(message("adaptive.LearnerND(sphere, {{-1, 1}, {-1, 1}}, {loss_per_simplex = function() end, nth_neighbors = 2})") == "t:1: LearnerND: nth_neighbors must be 0 or 1, got 2")
        #expect(message("l:tell({0, 0}, 1)") == "t:1: LearnerND: a told point must have 3 finite coordinates, got {0, 0}")
        #expect(message("l:tell({2, 0, 0}, 1)") == "t:1: LearnerND: told point {2, 0, 0} is outside the bounds")
        #expect(message("l:tell({0, 0, 0})").contains("use tell_pending(point)"))
        #expect(message("l:tell('x', 1)") == "t:1: bad argument #1 to 'LearnerND:tell' (a point {x1, ..., xn} expected, got a string)")
        #expect(message("adaptive.runner.simple(adaptive.LearnerND(function() return {} end, {{0, 1}, {0, 1}}), {npoints_goal = 3})").contains("LearnerND: the function returned a bad value at {0.0, 0.0}"))
        #expect(message("adaptive.runner.simple(adaptive.LearnerND(function(x) return x > 0.5 and {1, 2, 3} or {x, 1} end, {{0, 1}, {0, 1}}), {npoints_goal = 5})") == "t:1: LearnerND: expected a value with 2 components at {1, 0}, got 3")
        #expect(message("l:plot()") == "t:1: LearnerND:plot: only 2-D learners have a plot (this one has 3 dimensions); use plot_slice or plot_3D")
        #expect(message("adaptive.LearnerND(function(x, y) return x end, {{0, 1}, {0, 1}}):plot_3D()") == "t:1: LearnerND:plot_3D: only 3-D learners have a 3-D plot (this one has 2 dimensions); use plot_slice")
        #expect(message("l:plot_3D{component = 2}") == "t:1: LearnerND:plot_3D: component must be from 1 to 1, got 2")
        #expect(message("l:plot_isoline(0)") == "t:1: LearnerND:plot_isoline: only 2-D learners have iso-lines (this one has 3 dimensions)")
        #expect(message("adaptive.runner.simple(l, {npoints_goal = 20}); l:plot_isosurface(7)") == "t:1: LearnerND: the level 7 is outside the range of the values")
        #expect(message("l:plot_slice({false, false, false})") == "t:1: LearnerND:plot_slice: 1 or 2 axes must be free (false), got 3")
        #expect(message("l:plot_slice({false, 'a', 0})") == "t:1: bad argument #1 to 'LearnerND:plot_slice' (axis 2 must be a number or false, got string)")
        #expect(message("l:plot_slice({[5] = 1})") == "t:1: bad argument #1 to 'LearnerND:plot_slice' (axes are 1 to 3, got 5)")
        #expect(message("l:plot_slice({false, false, 0}, 1)") == "t:1: LearnerND:plot_slice: n must be from 2 to 100000, got 1")
        #expect(message("adaptive.runner.simple(adaptive.LearnerND(sphere, {{-1, 1}, {-1, 1}, {-1, 1}}, function() return 'x' end), {npoints_goal = 12})") == "t:1: loss_per_simplex must return a number, got string")
    }
}

extension LuaValue {
    var doubles: [Double] {
        guard case .array(let items) = self else { return [] }
        return items.compactMap(\.double)
    }
}
