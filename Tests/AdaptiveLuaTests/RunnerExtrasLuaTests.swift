import AdaptiveLua
import Foundation
import LuaKit
import Testing

/// Saving, replaying, time goals and live plots, as a Lua user meets them.
@Suite struct RunnerExtrasLuaTests {
    let directory: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("runner-extras-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    @Test func saveAndLoadRoundTripExactly() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local l = adaptive.Learner1D(function(x) return {math.sin(x), x < 0 and 0/0 or 1/0} end, {-1, 1})
            adaptive.runner.simple(l, {npoints_goal = 50})
            l:save('\(directory)/data.txt')
            local copy = l:new()
            copy:load('\(directory)/data.txt')
            local same = copy.npoints == l.npoints
            for i, row in ipairs(l:to_table()) do
              local other = copy:to_table()[i]
              same = same and row[1] == other[1] and row[2] == other[2] and (row[3] ~= row[3]) == (other[3] ~= other[3])
            end
            return same, copy.npoints   -- the data, bit for bit (stale losses may differ, as in python)
            """, chunkName: "=t")
        #expect(values == [true, 50])
        do { try kernel.execute("adaptive.Learner1D(math.sin, {0, 1}):load('\(directory)/missing.txt')", chunkName: "=t") } catch {
            #expect(error.message.contains("cannot read"))
        }
    }

    @Test func periodicSavingWritesTheLearnerAtTheEnd() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local l = adaptive.Learner1D(math.sin, {0, 3})
            local r = adaptive.Runner(l, {npoints_goal = 100, executor = adaptive.executors.threads(2)})
            r:start_periodic_saving{fname = '\(directory)/periodic.txt', interval = 0.05}
            r:block_until_done()
            local copy = l:new()
            copy:load('\(directory)/periodic.txt')
            return copy.npoints == l.npoints
            """, chunkName: "=t")
        #expect(values == [true])
    }

    @Test func periodicSavingWithACustomMethod() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local l = adaptive.Learner1D(math.sin, {0, 3})
            local r = adaptive.Runner(l, {npoints_goal = 60, executor = adaptive.executors.threads(2)})
            r:start_periodic_saving{fname = '\(directory)/custom.txt', interval = 0.05,
              method = function(learner, fname)
                local f = assert(io.open(fname, 'w')); f:write('npoints ', learner.npoints, '\\n'); f:close()
              end}
            r:block_until_done()
            local f = io.open('\(directory)/custom.txt'); local text = f:read('a'); f:close()
            return text:match('^npoints (%d+)') == tostring(l.npoints)
            """, chunkName: "=t")
        #expect(values == [true])
    }

    @Test func replayLogRebuildsTheLearner() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local l = adaptive.Learner1D(math.cos, {0, 3})
            local r = adaptive.Runner(l, {npoints_goal = 80, log = true, executor = adaptive.executors.threads(2)})
            r:block_until_done()
            local again = l:new()
            adaptive.runner.replay_log(again, r.log)
            return again.npoints == l.npoints, again:loss() == l:loss()
            """, chunkName: "=t")
        #expect(values == [true, true])
    }

    @Test func stopAfterIsATimeGoalThatTravels() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local l = adaptive.Learner1D(function(x) local t = adaptive.time() while adaptive.time() - t < 0.001 do end return x end, {0, 1})
            local start = adaptive.time()
            local r = adaptive.Runner(l, {goal = adaptive.runner.stop_after{seconds = 0.2}, executor = adaptive.executors.threads(2)})
            r:block_until_done()
            local took = adaptive.time() - start
            return r:status(), took >= 0.2, took < 5, #adaptive.linspace(0, 1, 5), adaptive.linspace(0, 1, 5)[2]
            """, chunkName: "=t")
        #expect(values == ["finished", true, true, 5, 0.25])
    }

    @Test func livePlotRewritesAFigureFile() throws {
        let kernel = Kernel()
        let path = directory + "/live.svg", custom = directory + "/custom.svg"
        try kernel.execute("""
            local l = adaptive.Learner1D(math.sin, {0, 3})
            local r = adaptive.Runner(l, {npoints_goal = 200, executor = adaptive.executors.threads(2)})
            r:live_plot{file = '\(path)', update_interval = 0.05}
            r:live_plot{file = '\(custom)', update_interval = 0.05,
                        plotter = function(learner) return learner:plot{title = 'live ' .. learner.npoints} end}
            r:block_until_done()
            """, chunkName: "=t")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.contains("<polyline"))
        #expect(try String(contentsOfFile: custom, encoding: .utf8).contains("live 20"))   // 200 or a few more told at the end
    }
}
