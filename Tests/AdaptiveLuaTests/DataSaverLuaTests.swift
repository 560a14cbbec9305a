import AdaptiveLua
import Foundation
import LuaKit
import Testing

/// DataSaver from Lua: records kept whole, the wrapped learner within reach, every executor,
/// python-adaptive's auto goal (§6.9), saving, clear errors.
@Suite struct DataSaverLuaTests {
    func message(_ kernel: Kernel, _ code: String) -> String {
        do { try kernel.execute(code, chunkName: "=t"); return "no error" } catch { return error.message }
    }

    static let setup = """
        function f(x) return {y = x^2, tag = 'at ' .. x, parts = {x, -x}} end
        """

    @Test func recordsAreKeptAndTheLearnerLearnsThePickedPart() throws {
        let kernel = Kernel()
        try kernel.execute(Self.setup, chunkName: "=setup")
        for picker in ["'y'", "function(r) return r.y end"] {
            let values = try kernel.execute("""
                local inner = adaptive.Learner1D(f, {-1, 1})
                local saver = adaptive.DataSaver(inner, \(picker))
                adaptive.runner.simple(saver, {npoints_goal = 4})
                local e = saver.extra_data
                return saver.npoints, e[1].tag, e[-1].parts[2], saver.learner.data[1], rawequal(saver.learner, inner),
                  saver.bounds[2], saver.learner:loss() == saver:loss()
                """, chunkName: "=t")
            // python's auto_goal: a DataSaver with npoints 4 stops at exactly 4.
            #expect(values == [4, "at 1.0", 1, 1, true, 1, true], "\(picker)")
        }
    }

    @Test func everyExecutorAndAGoalThatReadsTheLearner() throws {
        let kernel = Kernel()
        try kernel.execute(Self.setup, chunkName: "=setup")
        for executor in ["threads(2)", "processes(2)", "main(2)"] {
            let values = try kernel.execute("""
                local saver = adaptive.DataSaver(adaptive.Learner1D(f, {-1, 1}), 'y')
                local r = adaptive.Runner(saver, {goal = function(l) return l.learner.npoints >= 12 end,
                                                  executor = adaptive.executors.\(executor)})
                r:block_until_done()
                local wrong = 0
                for x, record in pairs(saver.extra_data) do
                  if record.y ~= x^2 or record.parts[1] ~= x or saver.learner.data[x] ~= x^2 then wrong = wrong + 1 end
                end
                return r:status(), saver.npoints >= 12, wrong
                """, chunkName: "=t")
            #expect(values == ["finished", true, 0], "\(executor)")
        }
    }

    @Test func balancingDataSaversFromProduct() throws {
        // python's test_auto_goal: a BalancingLearner of DataSavers with npoints 10 -> each child exactly 10.
        let kernel = Kernel()
        let values = try kernel.execute("""
            local function g(x, p) return {y = p.a * x, a = p.a} end
            local bl = adaptive.BalancingLearner.from_product(g, adaptive.make_datasaver(adaptive.Learner1D, 'y'),
              {bounds = {0, 1}}, {a = {1, 2}})
            adaptive.runner.simple(bl, {npoints_goal = 10})
            return bl.learners[1].npoints, bl.learners[2].npoints, bl.learners[2].extra_data[1].a, tostring(bl.learners[1])
            """, chunkName: "=t")
        #expect(values[0] == 10 && values[1] == 10 && values[2] == 2)
        guard case .string(let text) = values[3] else { Issue.record("tostring gave \(values[3])"); return }
        #expect(text.hasPrefix("<DataSaver npoints=10"))
    }

    @Test func saveAndLoadKeepTheRecords() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ds-\(UUID().uuidString).txt").path
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: path + ".extra_data.json")
        }
        let kernel = Kernel()
        try kernel.execute(Self.setup, chunkName: "=setup")
        let values = try kernel.execute("""
            local saver = adaptive.DataSaver(adaptive.Learner1D(f, {-1, 1}), 'y')
            adaptive.runner.simple(saver, {npoints_goal = 6})
            saver:save('\(path)')
            local copy = adaptive.DataSaver(adaptive.Learner1D(f, {-1, 1}), 'y')
            copy:load('\(path)')
            local plain = adaptive.Learner1D(f, {-1, 1})
            plain:load('\(path)')
            return copy.npoints, copy.extra_data[0.5].tag, copy:loss() == saver:loss(), plain.npoints
            """, chunkName: "=t")
        #expect(values == [6, "at 0.5", true, 6])
    }

    /// Every learner saves and loads its data inside a data saver too, with a record per
    /// evaluation.
    @Test(arguments: [
        ("adaptive.Learner2D(function(x, y) return {y = x * y} end, {{0, 1}, {0, 1}})", "npoints"),
        ("adaptive.LearnerND(function(x, y, z) return {y = x + y + z} end, {{0, 1}, {0, 1}, {0, 1}})", "npoints"),
        ("adaptive.AverageLearner(function(seed) return {y = seed % 7} end, {rtol = 0.1})", "npoints"),
        ("adaptive.AverageLearner1D(function(x, seed) return {y = x + 0.01 * (seed % 3)} end, {-1, 1})", "nsamples"),
        ("adaptive.IntegratorLearner(function(x) return {y = math.exp(x)} end, {0, 1}, 1e-10)", "npoints"),
    ])
    func everyPersistentLearnerSavesInADataSaver(learner: String, evaluations: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ds-\(UUID().uuidString).txt").path
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: path + ".extra_data.json")
        }
        let values = try Kernel().execute("""
            local function make() return adaptive.DataSaver(\(learner), 'y') end
            local saver = make()
            adaptive.runner.simple(saver, {npoints_goal = 20})
            saver:save('\(path)')
            local copy = make()
            copy:load('\(path)')
            local records = 0
            for _ in pairs(copy.extra_data) do records = records + 1 end
            return copy.npoints == saver.npoints, copy.learner.\(evaluations) == saver.learner.\(evaluations),
              records == saver.learner.\(evaluations)
            """, chunkName: "=t")
        #expect(values == [true, true, true])
    }

    @Test func badInputGivesClearErrors() throws {
        let kernel = Kernel()
        try kernel.execute(Self.setup + "\nl = adaptive.Learner1D(f, {0, 1})", chunkName: "=setup")
        #expect(message(kernel, "adaptive.DataSaver(3, 'y')") == "t:1: DataSaver: learner must be a learner such as adaptive.Learner1D(...), got number")
        #expect(message(kernel, "adaptive.DataSaver(l)") == "t:1: DataSaver: arg_picker must be a function of the record or a key such as \"y\", got no value")
        #expect(message(kernel, "adaptive.runner.simple(adaptive.DataSaver(l, 'z'), {npoints_goal = 2})")
            == "t:1: DataSaver: the function's result has no field \"z\" (the arg_picker)")
        #expect(message(kernel, "local _ = adaptive.DataSaver(l, 'y').nothing") == "t:1: DataSaver has no field or method 'nothing'")
        #expect(message(kernel, "adaptive.make_datasaver(nil, 'y')")
            == "t:1: adaptive.make_datasaver: learner_type must be a learner type such as adaptive.Learner1D, got nil")
    }
}
