import AdaptiveLua
import Foundation
import LuaKit
import Testing

/// SequenceLearner from Lua: python-adaptive's numbers (Appendix A.5, §6.9), any Lua values
/// as elements and results on every executor, clear errors.
@Suite struct SequenceLearnerLuaTests {
    func message(_ kernel: Kernel, _ code: String) -> String {
        do { try kernel.execute(code, chunkName: "=t"); return "no error" } catch { return error.message }
    }

    @Test func askAndLossAsPythonAdaptive() throws {
        // Appendix A.5: SequenceLearner([5, 6, 7, 8]): ask(3) -> (0,5), (1,6), (2,7), improvements
        // 0.25 each; loss() 1.0, loss(real=False) 0.25. Lua counts from 1.
        let kernel = Kernel()
        let values = try kernel.execute("""
            local s = adaptive.SequenceLearner(function(x) return x * 2 end, {5, 6, 7, 8})
            local points, improvements = s:ask(3)
            return points, improvements, s:loss(), s:loss(false), s:done()
            """, chunkName: "=t")
        #expect(values[0] == [[1, 5], [2, 6], [3, 7]])
        #expect(values[1] == [0.25, 0.25, 0.25])
        #expect(values[2] == 1.0 && values[3] == 0.25 && values[4] == false)
    }

    @Test func anyValuesOnEveryExecutorAndResultsInOrder() throws {
        let kernel = Kernel()
        for executor in ["sequential()", "threads(2)", "processes(2)", "main(2)"] {
            let values = try kernel.execute("""
                local s = adaptive.SequenceLearner(function(e) return {name = e.name .. '!', twice = {e.x, e.x}} end,
                  {{name = 'a', x = 1}, {name = 'b', x = 0/0}, {name = 'c', x = 3}})
                adaptive.Runner(s, {executor = adaptive.executors.\(executor)}):block_until_done()
                local r = s:result()
                return s:done(), r[1].name, r[3].twice[2], r[2].twice[1] ~= r[2].twice[1], s.data[2].name, s.sequence[3].name
                """, chunkName: "=t")
            #expect(values == [true, "a!", 3, true, "b!", "c"], "\(executor)")
        }
    }

    @Test func aFailureIsRetriedWithUnhashableElements() throws {
        // python-adaptive's test_fail_with_sequence_of_unhashable: fails once, retries = 1 -> finished.
        let kernel = Kernel()
        let values = try kernel.execute("""
            local failed = false
            local s = adaptive.SequenceLearner(function(t)
              if not failed then failed = true error('first time') end
              return t[1]
            end, {{1}})
            local r = adaptive.Runner(s, {retries = 1, executor = adaptive.executors.sequential()})
            r:block_until_done()
            return r:status(), s:result()[1]
            """, chunkName: "=t")
        #expect(values == ["finished", 1])
    }

    @Test func saveLoadAndErrors() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("seq-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let kernel = Kernel()
        let values = try kernel.execute("""
            s = adaptive.SequenceLearner(function(x) return {x, tostring(x)} end, {10, 20, 30})
            adaptive.runner.simple(s, {npoints_goal = 2})
            s:save('\(path)')
            local copy = adaptive.SequenceLearner(function(x) return {x, tostring(x)} end, {10, 20, 30})
            copy:load('\(path)')
            return copy.npoints, copy.data[2][2], copy:ask(1)[1][1]
            """, chunkName: "=t")
        #expect(values == [2, "20", 3])
        #expect(message(kernel, "adaptive.SequenceLearner(print, 5)") == "t:1: SequenceLearner: sequence must be a table of values ({1, 2, 3}), got number")
        #expect(message(kernel, "s:result()") == "t:1: SequenceLearner:result: not complete yet (2 of 3 elements evaluated)")
        #expect(message(kernel, "s:tell({4, 1}, 1)") == "t:1: bad argument #1 to 'SequenceLearner:tell' (index 4 is outside the sequence (1 to 3))")
        #expect(message(kernel, "adaptive.SequenceLearner(print, {io.stdout})")
            .hasPrefix("t:1: adaptive.SequenceLearner: cannot copy element 1 of the sequence (a FILE*) to keep it"))
    }
}
