import AdaptiveLua
import Foundation
import LuaKit
import Testing

/// BalancingLearner as a Lua user meets it: python-adaptive's choices (W7, Appendix A.5),
/// every executor calling the right child's function, from_product, saving, clear errors.
@Suite struct BalancingLearnerLuaTests {
    static let w7 = """
        offsets = {0.6888437030500962, 0.515908805880605, -0.15885683833831, -0.4821664994140733, 0.02254944273721704,
          -0.19013172509917142, 0.5675971780695452, -0.3933745478421451, -0.04680609169528838, 0.1667640789100624}
        function peak(x, offset) local a = 0.01 return x + a^2 / (a^2 + (x - offset)^2) end
        function w7()
          local learners = {}
          for i, o in ipairs(offsets) do learners[i] = adaptive.Learner1D(function(x) return peak(x, o) end, {-1, 1}) end
          return adaptive.BalancingLearner(learners)
        end
        function counts(bl)
          local n = {}
          for i, l in ipairs(bl.learners) do n[i] = l.npoints end
          return n
        end
        """

    func message(_ kernel: Kernel, _ code: String) -> String {
        do { try kernel.execute(code, chunkName: "=t"); return "no error" } catch { return error.message }
    }

    @Test func w7MatchesPythonAdaptivePointForPoint() throws {
        // python-adaptive 1.5.2 (peer results): 3395 points, per child as below, loss 0.009999752878491103.
        let kernel = Kernel()
        try kernel.execute(Self.w7, chunkName: "=w7")
        let a = try kernel.execute("local bl = w7() adaptive.runner.simple(bl, {loss_goal = 0.01}) return bl.npoints, counts(bl), bl:loss()",
                                   chunkName: "=t")
        #expect(a[0] == 3395)
        #expect(a[1] == [239, 258, 380, 378, 378, 379, 248, 380, 383, 372])
        #expect(a[2] == .number(0.009999752878491103))
        let b = try kernel.execute("""
            local bl = w7()
            adaptive.runner.simple(bl, {goal = function(l) return l.npoints >= 5000 end})
            return bl.npoints, counts(bl), bl:loss()
            """, chunkName: "=t")
        #expect(b[0] == 5000)
        #expect(b[1] == [441, 461, 527, 527, 520, 526, 451, 525, 527, 495])
        #expect(b[2] == .number(0.005558032518602232))
    }

    @Test func strategiesPickChildrenAsPythonDoes() throws {
        // Appendix A.5: children a·x² for a = 1, 5, ask(1) loop; points are {i, x} with i from 1.
        let kernel = Kernel()
        func trace(_ strategy: String) throws -> [LuaValue] {
            try kernel.execute("""
                local ls = {}
                for i, a in ipairs{1, 5} do ls[i] = adaptive.Learner1D(function(x) return a * x^2 end, {-1, 1}) end
                local bl = adaptive.BalancingLearner(ls, {strategy = '\(strategy)'})
                local out = {}
                for _ = 1, 10 do
                  local p = bl:ask(1)[1]
                  out[#out + 1] = p
                  bl:tell(p, bl['function'](p))
                end
                return out
                """, chunkName: "=t")
        }
        let improving: [LuaValue] = [[1, -1.0], [2, -1.0], [1, 1.0], [2, 1.0], [1, 0.0], [1, -0.5], [1, 0.5], [2, 0.0], [2, -0.5], [2, 0.5]]
        let counting: [LuaValue] = [[1, -1.0], [2, -1.0], [1, 1.0], [2, 1.0], [1, 0.0], [2, 0.0], [1, -0.5], [2, -0.5], [1, 0.5], [2, 0.5]]
        #expect(try trace("loss_improvements")[0] == .array(improving))
        #expect(try trace("loss")[0] == .array(improving))
        #expect(try trace("npoints")[0] == .array(counting))
        #expect(try trace("cycle")[0] == .array(counting))
        let rest = try kernel.execute("""
            local ls = {}
            for i = 1, 10 do ls[i] = adaptive.Learner1D(function(x) return x end, {-1, 1}) end
            local bl = adaptive.BalancingLearner(ls)
            local none = bl:ask(0)
            local used = {}
            for _, p in ipairs(bl:ask(100)) do used[p[1]] = true end
            local n = 0 for _ in pairs(used) do n = n + 1 end
            bl.strategy = 'cycle'
            return #none, n, bl.strategy
            """, chunkName: "=t")
        #expect(rest == [0, 10, "cycle"])
    }

    @Test func everyExecutorCallsTheRightChildsFunction() throws {
        // Each child returns its own number: a value that reached the wrong child shows.
        let kernel = Kernel()
        for executor in ["sequential()", "threads(2)", "processes(2)", "main(2)"] {
            let values = try kernel.execute("""
                local ls = {}
                for i = 1, 4 do ls[i] = adaptive.Learner1D(function(x) return 10 * i + x end, {0, 1}) end
                local bl = adaptive.BalancingLearner(ls)
                adaptive.Runner(bl, {npoints_goal = 6, executor = adaptive.executors.\(executor)}):block_until_done()
                local wrong = 0
                for i, l in ipairs(bl.learners) do
                  for x, y in pairs(l.data) do if y ~= 10 * i + x then wrong = wrong + 1 end end
                end
                local fewest = math.huge
                for _, l in ipairs(bl.learners) do fewest = math.min(fewest, l.npoints) end
                return wrong, fewest
                """, chunkName: "=t")
            #expect(values[0] == 0, "\(executor)")
            #expect((values[1].double ?? 0) >= 6, "npoints_goal means every child, \(executor)")
        }
    }

    @Test func fromProductPassesEachCombination() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local seen = {}
            local function f(x, p) return p.n * 100 + p.alpha * 10 + x end
            local bl = adaptive.BalancingLearner.from_product(f, adaptive.Learner1D, {bounds = {0, 1}},
              {{'n', {1, 2}}, {'alpha', {0, 0.5, 1}}})
            adaptive.runner.simple(bl, {npoints_goal = 3})
            local order, wrong = {}, 0
            for i, c in ipairs(bl.cdims) do
              order[i] = c.n .. '/' .. c.alpha
              for x, y in pairs(bl.learners[i].data) do if y ~= f(x, c) then wrong = wrong + 1 end end
            end
            local sorted = adaptive.BalancingLearner.from_product(f, adaptive.Learner1D, {bounds = {0, 1}},
              {n = {1, 2}, alpha = {0, 1}})
            return table.concat(order, ' '), wrong, sorted.cdims[2].alpha, sorted.cdims[2].n
            """, chunkName: "=t")
        // python's named_product: the last name varies fastest; a names table is in sorted order.
        #expect(values[0] == "1/0 1/0.5 1/1 2/0 2/0.5 2/1")
        #expect(values[1] == 0)
        #expect(values[2] == 0 && values[3] == 2)
    }

    @Test func saveAndLoadOneFilePerChild() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bl-save-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let kernel = Kernel()
        let values = try kernel.execute("""
            local function f(x, p) return p.a * x^2 end
            local function make() return adaptive.BalancingLearner.from_product(f, adaptive.Learner1D, {bounds = {-1, 1}}, {a = {1, 2, 3}}) end
            local function name(learner, combo, i) return string.format('\(directory)/a%d.txt', combo.a) end
            local bl = make()
            adaptive.runner.simple(bl, {npoints_goal = 8})
            bl:save(name)
            local copy = make()
            copy:load(name)
            local listed = make()
            listed:load({'\(directory)/a1.txt', '\(directory)/a2.txt', '\(directory)/missing.txt'})
            return copy.npoints == bl.npoints, copy:loss() == bl:loss(), listed.learners[2].npoints, listed.learners[3].npoints
            """, chunkName: "=t")
        #expect(values == [true, true, 8, 0])
    }

    @Test func badInputGivesClearErrors() throws {
        let kernel = Kernel()
        try kernel.execute(Self.w7 + "\nbl = w7() l = bl.learners[1]", chunkName: "=w7")
        #expect(message(kernel, "adaptive.BalancingLearner(3)") == "t:1: BalancingLearner: learners must be an array of learners, got number")
        #expect(message(kernel, "adaptive.BalancingLearner({})") == "t:1: BalancingLearner: needs at least one learner, got an empty table")
        #expect(message(kernel, "adaptive.BalancingLearner({l, 3})") == "t:1: BalancingLearner: learner 2 is a number, not a learner it can balance")
        #expect(message(kernel, "adaptive.BalancingLearner({l, adaptive.DataSaver(l, 'y')})")
            == "t:1: BalancingLearner: all learners must be of one type, as in python-adaptive; learner 1 is a Learner1D, learner 2 is a DataSaver of Learner1D")
        #expect(message(kernel, "adaptive.BalancingLearner({l}, {strategy = 'fast'})")
            == "t:1: BalancingLearner: strategy must be \"loss_improvements\", \"loss\", \"npoints\" or \"cycle\", got \"fast\"")
        #expect(message(kernel, "bl.strategy = 'fast'").hasPrefix("t:1: BalancingLearner: strategy must be"))
        #expect(message(kernel, "adaptive.BalancingLearner.from_product(peak, adaptive.Learner1D, {bounds = {0, 1}}, {})")
            .hasPrefix("t:1: BalancingLearner.from_product: combos is empty, so there is no combination to learn"))
        #expect(message(kernel, "adaptive.BalancingLearner.from_product(peak, adaptive.Learner1D, {bounds = {0, 1}}, {n = {}})")
            == "t:1: BalancingLearner.from_product: combos.n has no values, so there is no combination to learn")
        #expect(message(kernel, "bl:tell({11, 0}, 1)") == "t:1: bad argument #1 to 'BalancingLearner:tell' (there is no learner 11 (there are 10))")
        #expect(message(kernel, "bl:tell({1, 'a'}, 1)")
            == "t:1: bad argument #1 to 'BalancingLearner:tell' (bad point of learner 1: number expected, got string)")
        #expect(message(kernel, "bl:save('data.txt')").hasPrefix("t:1: BalancingLearner:save: give a function of a learner returning its file name"))
        #expect(message(kernel, "adaptive.BalancingLearner({bl})") == "t:1: BalancingLearner: learner 1 is a BalancingLearner, not a learner it can balance")
    }

    @Test func learnersCanBeReplaced() throws {
        let kernel = Kernel()
        try kernel.execute(Self.w7, chunkName: "=w7")
        let values = try kernel.execute("""
            local bl = w7()
            bl.strategy = 'npoints'
            local two = {bl.learners[1], bl.learners[2]}
            bl.learners = two
            adaptive.runner.simple(bl, {npoints_goal = 5})
            return #bl.learners, bl.strategy, rawequal(bl.learners[1], two[1]), two[2].npoints
            """, chunkName: "=t")
        #expect(values == [2, "npoints", true, 5])
    }

    @Test func sequencesOfDifferentLengthsRunToTheEnd() throws {
        let kernel = Kernel()
        let values = try kernel.execute("""
            local a = adaptive.SequenceLearner(function(x) return x * 2 end, {1, 2})
            local bl = adaptive.BalancingLearner({a, adaptive.SequenceLearner(function(x) return x end, {5, 6, 7})})
            adaptive.Runner(bl, {executor = adaptive.executors.threads(2)}):block_until_done()
            local ok, message = pcall(adaptive.BalancingLearner, {a, adaptive.DataSaver(adaptive.Learner1D(print, {0, 1}), 'y')})
            return bl:done(), bl.npoints, bl.learners[2]:result()[3], message
            """, chunkName: "=t")
        #expect(values[0] == true && values[1] == 5 && values[2] == 7)
        let expected = "BalancingLearner: all learners must be of one type, as in python-adaptive; "
            + "learner 1 is a SequenceLearner, learner 2 is a DataSaver of Learner1D"
        #expect(values[3] == .string(expected))
    }
}
