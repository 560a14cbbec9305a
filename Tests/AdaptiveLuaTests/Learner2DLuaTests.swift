import AdaptiveLua
import Foundation
import LuaKit
import Testing

/// Learner2D as a Lua user meets it: python-adaptive's first points, the API, losses
/// written in Lua (also in runner threads and worker processes), clear errors.
@Suite struct Learner2DLuaTests {
    let prelude = """
        function ring(x, y) local a = 0.2; return x + math.exp(-(x^2 + y^2 - 0.75^2)^2 / a^4) end
        L = adaptive.learner.learner2D

        """

    /// python-adaptive 1.5.2's first points of W3 (shared with the core's tests).
    static func trace() throws -> [[Double]] { try PeerTraces.points("trace-learner2d-100") }

    @Test func luaDrivenLearnerReproducesPythonAdaptivesFirstPoints() throws {
        let kernel = Kernel()
        let values = try kernel.execute(prelude + """
            local l = adaptive.Learner2D(ring, {{-1, 1}, {-1, 1}})
            local rows = {}
            while l.npoints < 12 do
              local p, imp = l:ask(1)
              rows[#rows + 1] = {p[1][1], p[1][2], imp[1]}
              l:tell(p[1], ring(p[1][1], p[1][2]))
            end
            return rows
            """, chunkName: "=trace")
        guard case .array(let rows) = values[0] else { Issue.record("expected rows"); return }
        for (i, want) in try Self.trace().prefix(12).enumerated() {
            guard case .array(let got) = rows[i] else { Issue.record("row \(i)"); continue }
            #expect(abs(got[0].double! - want[0]) <= 1e-15 && abs(got[1].double! - want[1]) <= 1e-15, "point \(i + 1)")
            let imp = got[2].double!
            #expect(want[3].isInfinite ? imp == want[3] : abs(imp - want[3]) <= 1e-9 * want[3], "improvement \(i + 1)")
        }
    }

    @Test func apiFieldsAndMethods() throws {
        let kernel = Kernel()
        let path = NSTemporaryDirectory() + "l2d-lua-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let values = try kernel.execute(prelude + """
            local l = adaptive.Learner2D(function(x, y) return 2 * x - y end, {{0, 2}, {-1, 1}})
            local ps = l:ask(6)
            local pending = #l.pending_points
            for _, p in ipairs(ps) do l:tell(p, 2 * p[1] - p[2]) end
            l:tell_pending({1, 0.5})
            local combined = l:loss(false)
            l:remove_unfinished()
            l:tell_many({{0.5, 0.5}, {1.5, -0.5}}, {0.5, 3.5})
            adaptive.runner.simple(l, {npoints_goal = 40})
            local xs, ys, zs = l:interpolated_on_grid(5)
            local rows = l:to_table()
            l:save('\(path)')
            local copy = l:new()
            local empty = copy.npoints
            copy:load('\(path)')
            return pending, combined > 0, #l.pending_points, l.npoints, l.bounds, l.vdim, #l.data, l.data[1][1],
              math.abs(l:interpolate(1.2, 0.3) - 2.1) < 1e-12, math.abs(l:interpolate{0.7, -0.9} - 2.3) < 1e-12,
              l:interpolate(3, 0), #xs, #zs[1], math.abs(zs[5][1] - (2 * xs[5] - ys[1])) < 1e-9, #rows, rows[1],
              empty, copy.npoints, copy:loss() == l:loss(), l.stack_size, tostring(l):match('^<Learner2D npoints=40 loss=')
            """, chunkName: "=t")
        #expect(values == [
            6, true, 0, 40, [[0, 2], [-1, 1]], 1, 40, [0, -1], true, true, nil, 5, 5, true, 40, [0, -1, 1],
            0, 40, true, 10, "<Learner2D npoints=40 loss=",
        ])
    }

    @Test func vectorOutputAndItsPlot() throws {
        let kernel = Kernel()
        let values = try kernel.execute(prelude + """
            local l = adaptive.Learner2D(function(x, y) return {x, y, ring(x, y)} end, {{-1, 1}, {-1, 1}})
            adaptive.runner.simple(l, {npoints_goal = 50})
            local one = adaptive.Learner2D(function(x, y) return {0} end, {{-1, 1}, {-1, 1}})
            adaptive.runner.simple(one, {npoints_goal = 10})
            return l.vdim, #l.data[7][2], #l:interpolate(0.25, 0.25), tostring(l:plot{n = 20}), one.vdim, one.npoints
            """, chunkName: "=t")
        #expect(values == [3, 3, 3, "<Layout 3 panels>", 1, 10])
    }

    @Test func plotsAnImageWithTriangleEdges() throws {
        let kernel = Kernel()
        let values = try kernel.execute(prelude + """
            l = adaptive.Learner2D(ring, {{-1, 1}, {-1, 1}})
            local empty = tostring(l:plot())
            adaptive.runner.simple(l, {npoints_goal = 200})
            return empty, tostring(l:plot{n = 40}), tostring(l:plot{tri_alpha = 0.3, logz = true, title = 'ring'}),
              #l:interpolated_on_grid() >= 10
            """, chunkName: "=t")
        #expect(values[0] == "<Figure: empty>")
        #expect(values[1] == "<Figure: image(40×40)>")
        #expect((values[2].stringValue ?? "").hasPrefix("<Figure: image("))
        #expect((values[2].stringValue ?? "").contains("* triangles("))
        #expect(values[3] == true)
        let figure = try #require(kernel.figure(of: try kernel.execute("return l:plot{tri_alpha = 0.5}", chunkName: "=t")[0]))
        let svg = figure.svg()
        #expect(svg.contains("data:image/png;base64,"))
        #expect(svg.contains("opacity=\"0.5\""))
    }

    @Test func customLossesComposeTheBuiltIns() throws {
        let kernel = Kernel()
        let values = try kernel.execute(prelude + """
            local function points(l) local out = {} for i, d in ipairs(l.data) do out[i] = d[1][1] .. ',' .. d[1][2] end return table.concat(out, ';') end
            local a = adaptive.Learner2D(ring, {{-1, 1}, {-1, 1}}, {loss_per_triangle = function(tri) return L.default_loss(tri) end})
            local b = adaptive.Learner2D(ring, {{-1, 1}, {-1, 1}})
            local c = adaptive.Learner2D(ring, {{-1, 1}, {-1, 1}}, function(tri) return math.sqrt(L.areas(tri)) end)
            local d = adaptive.Learner2D(ring, {{-1, 1}, {-1, 1}}, {loss_per_triangle = L.uniform_loss})
            for _, l in ipairs{a, b, c, d} do adaptive.runner.simple(l, {npoints_goal = 150}) end
            local seen
            local e = adaptive.Learner2D(function(x, y) return {x, ring(x, y)} end, {{0, 4}, {-1, 1}}, function(tri) seen = tri; return tri.area end)
            adaptive.runner.simple(e, {npoints_goal = 20})
            local v = seen.vertices
            local inside = true
            for _, p in ipairs(v) do inside = inside and math.abs(p[1]) <= 0.5 and math.abs(p[2]) <= 0.5 end
            return points(a) == points(b), points(c) == points(d), a:loss() == b:loss(), #v, inside, #seen.values,
              #seen.values[1], seen.vdim, #seen.deviations, math.abs(seen.deviations[1] + seen.deviations[2] - seen.deviation) < 1e-12,
              L.areas(seen) == seen.area, seen.value_scale > 0, L.deviations(seen)[2] == seen.deviations[2]
            """, chunkName: "=t")
        #expect(values == [true, true, true, 3, true, 3, 2, 2, 2, true, true, true, true])
    }

    @Test func builtInLossesAreReachable() throws {
        let kernel = Kernel()
        let values = try kernel.execute(prelude + """
            local out = {}
            for _, loss in ipairs{L.default_loss, L.uniform_loss, L.minimize_triangle_surface_loss,
                                   L.resolution_loss_function(0.01, 0.5), L.resolution_loss_function{max_distance = 0.3},
                                   L.thresholded_loss_function(nil, 1.5), L.thresholded_loss_function{lower_threshold = 0, priority_factor = 0.5}} do
              local l = adaptive.Learner2D(ring, {{-1, 1}, {-1, 1}}, {loss_per_triangle = loss})
              adaptive.runner.simple(l, {npoints_goal = 30})
              out[#out + 1] = l.npoints
            end
            return out, tostring(L.default_loss), L.uniform_loss.name
            """, chunkName: "=t")
        #expect(values == [[30, 30, 30, 30, 30, 30, 30], "<Loss2D default>", "uniform"])
    }

    /// A loss written in Lua runs in the runner's own copy, on threads and in worker
    /// processes, and may call the built-ins there.
    @Test func customLossesWorkInBackgroundRunners() throws {
        let kernel = Kernel()
        let values = try kernel.execute(prelude + """
            local calls = 0
            local function loss(tri) calls = calls + 1; return math.max(L.default_loss(tri), 0.1 * L.uniform_loss(tri)) end
            local a = adaptive.Learner2D(ring, {{-1, 1}, {-1, 1}}, loss)
            local r = adaptive.Runner(a, {npoints_goal = 300, executor = adaptive.executors.threads(2)})
            local b = adaptive.Learner2D(ring, {{-1, 1}, {-1, 1}}, loss)
            local s = adaptive.Runner(b, {loss_goal = 0.05, executor = adaptive.executors.processes(1)})
            r:block_until_done()
            s:block_until_done()
            return r:status(), a.npoints >= 300, s:status(), b:loss() <= 0.05, calls
            """, chunkName: "=t")
        #expect(values == ["finished", true, "finished", true, 0])
    }

    @Test func badInputGivesClearLuaErrors() throws {
        let kernel = Kernel()
        func message(_ code: String) -> String {
            do { try kernel.execute(code, chunkName: "=t"); return "no error" } catch { return error.message }
        }
        try kernel.execute(prelude + "l = adaptive.Learner2D(ring, {{-1, 1}, {-1, 1}})", chunkName: "=t")
        #expect(message("adaptive.Learner2D(ring, {-1, 1})") == "t:1: Learner2D: bounds must be two ranges {{x0, x1}, {y0, y1}}, got {-1, 1}")
        #expect(message("adaptive.Learner2D(ring, {{0, 1}})") == "t:1: Learner2D: bounds must be two ranges {{x0, x1}, {y0, y1}}, got {{0, 1}}")
        #expect(message("adaptive.Learner2D(ring)") == "t:1: Learner2D: bounds must be two ranges {{x0, x1}, {y0, y1}}, got a nil")
        #expect(message("adaptive.Learner2D(ring, {{0, 1}, {2, 2}})") == "t:1: Learner2D: y bounds must be finite {a, b} with a < b, got {2, 2}")
        #expect(message("adaptive.Learner2D(ring, {{1, 0}, {0, 1}})") == "t:1: Learner2D: x bounds must be finite {a, b} with a < b, got {1, 0}")
        #expect(message("adaptive.Learner2D(ring, {{0, 1}, {0, 1}}, {loss = 1})") == "t:1: adaptive.Learner2D: unknown option 'loss'; the options are: loss_per_triangle, stack_size")
        #expect(message("adaptive.Learner2D(ring, {{0, 1}, {0, 1}}, {loss_per_triangle = 3})") == "t:1: Learner2D: loss_per_triangle must be a function or a loss, got number")
        #expect(message("l:tell({0.5}, 1)") == "t:1: bad argument #1 to 'Learner2D:tell' (a point of 2 numbers expected, got 1)")
        #expect(message("l:tell({5, 0}, 1)") == "t:1: Learner2D: told point (5, 0) is outside the bounds")
        #expect(message("l:interpolate('a')") == "t:1: bad argument #1 to 'Learner2D:interpolate' (number expected, got string)")
        #expect(message("l:plot{tri_alpha = 2}") == "t:1: Learner2D:plot: tri_alpha must be from 0 to 1, got 2.0")
        #expect(message("l:plot{n = 1}") == "t:1: Learner2D:plot: n must be from 2 to 10000, got 1")
        #expect(message("adaptive.learner.learner2D.default_loss(3)") == "t:1: Loss2D default: expected a triangle (the argument of a loss_per_triangle function), got number")
        #expect(message("adaptive.learner.learner2D.areas({})") == "t:1: bad argument #1 to 'adaptive.learner.learner2D.areas' (expected a triangle (the argument of a loss_per_triangle function), got table)")
        #expect(message("adaptive.learner.learner2D.resolution_loss_function(0.5, 0.1)") == "t:1: resolution_loss_function: need 0 <= min_distance <= max_distance, got 0.5 and 0.1")
        // The function returns values of different lengths: the error names the point.
        #expect(message("""
            local n = 0
            adaptive.runner.simple(adaptive.Learner2D(function(x, y) n = n + 1; return n < 3 and {1, 2} or {1, 2, 3} end, {{0, 1}, {0, 1}}), {npoints_goal = 5})
            """) == "t:2: Learner2D: the value at (1, 0) has 3 components, expected 2 like the earlier values")
        #expect(message("adaptive.runner.simple(adaptive.Learner2D(function() return 'x' end, {{0, 1}, {0, 1}}), {npoints_goal = 5})")
            == "t:1: Learner2D: the function returned a bad value at {0.0, 0.0}: expected a number or an array of numbers, got string")
        #expect(message("adaptive.runner.simple(adaptive.Learner2D(ring, {{0, 1}, {0, 1}}, function() return 'x' end), {npoints_goal = 9})")
            == "t:1: loss_per_triangle must return a number, got string")
        #expect(message("adaptive.runner.simple(adaptive.Learner2D(ring, {{0, 1}, {0, 1}}, function() error('loss failed') end), {npoints_goal = 9})")
            == "t:1: loss failed")
    }

    /// NaN and ±inf values are kept as data but do not poison the learner: they are left
    /// out of the value scale and the gradients, and learning goes on everywhere.
    @Test func nonFiniteValuesAreKeptAndLearningGoesOn() throws {
        let kernel = Kernel()
        let values = try kernel.execute(prelude + """
            local l = adaptive.Learner2D(function(x, y)
              if x * x + y * y < 0.05 then return 0 / 0 end
              if x > 0.9 and y > 0.9 then return math.huge end
              return ring(x, y)
            end, {{-1, 1}, {-1, 1}})
            adaptive.runner.simple(l, {npoints_goal = 400})
            local nans, infs = 0, 0
            for _, d in ipairs(l.data) do
              if d[2] ~= d[2] then nans = nans + 1 elseif d[2] == math.huge then infs = infs + 1 end
            end
            local loss = l:loss()
            return l.npoints, nans > 0, infs > 0, loss == loss and loss < math.huge, l:interpolate(0.5, -0.5) ~= nil
            """, chunkName: "=t")
        #expect(values == [400, true, true, true, true])
    }
}

extension LuaValue {
    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}
