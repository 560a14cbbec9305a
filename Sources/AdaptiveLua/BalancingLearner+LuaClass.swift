import Adaptive
import Foundation
import LuaKit

extension LuaBalancingLearner {
    static var luaClass: LuaClass<LuaBalancingLearner> {
        let type = LuaClass<LuaBalancingLearner>("BalancingLearner")
        addBindingMembers(to: type) { $0.engine }
        type.tostring { bl in
            "<BalancingLearner \(bl.engine.childCount) learners npoints=\(bl.engine.npoints) loss=\(formatLoss(bl.engine.realLoss))>"
        }
        type.property("strategy") { .string($0.engine.strategyName) }
        type.setter("strategy") { bl, call in try bl.engine.setStrategy(try call.string(1)) }
        type.property("learners", pushing: { bl, call in
            call.push(.array(try bl.childObjects.indices.map { try bl.child($0, in: call) }))
        })
        type.setter("learners") { bl, call in try bl.replaceChildren(call, 1) }
        type.property("cdims") { bl in
            guard let cdims = bl.cdims else { return .nil }
            return .array(cdims.rows.indices.map { cdims.combination($0) })
        }
        // The children's data, child by child (python's `_get_data`), and their pending points as {i, x}.
        type.property("data", pushing: { bl, call in
            call.push(.array(try bl.childObjects.indices.map { try bl.childField($0, "data", call) }))
        })
        type.property("pending_points", pushing: { bl, call in
            var points: [LuaValue] = []
            for i in bl.childObjects.indices {
                guard case .array(let items) = try bl.childField(i, "pending_points", call) else { continue }
                points += items.map { .array([.integer(i + 1), $0]) }
            }
            call.push(.array(points))
        })
        // bl["function"]({i, x}): child i's function at x (python's `learner.function((i, x))`).
        type.property("function", pushing: { bl, call in
            let engine = bl.engine
            call.push(.function(call.state.makeFunction(name: "BalancingLearner.function") { inner in
                try engine.evaluate(inner, 1)
            }))
        })
        type.method("save") { bl, call in
            for (i, path) in try bl.fileNames(call, 1, "save").enumerated() { try bl.engine.saveChild(i, to: path) }
            return 0
        }
        type.method("load") { bl, call in
            defer { bl.engine.forgetCaches() }
            for (i, path) in try bl.fileNames(call, 1, "load").enumerated() where FileManager.default.fileExists(atPath: path) {
                try bl.engine.loadChild(i, from: path)
            }
            return 0
        }
        type.method("plot", plot)
        return type
    }

    /// Field `key` of child `i` (read through Lua, so any learner's fields work).
    func childField(_ i: Int, _ key: String, _ call: LuaCall) throws -> LuaValue {
        let forward = ForwardingHelper.function(in: call.state)
        let results = try forward.call([.nil, try child(i, in: call), .string(key)])
        return results.count > 1 ? results[1] : .nil
    }

    /// One file name per child from argument `index`: a function `(child, combination, i) ->
    /// name` (python's `fname(learner)`) or an array of names.
    func fileNames(_ call: LuaCall, _ index: Int, _ method: String) throws -> [String] {
        let count = childObjects.count
        switch call.typeName(index) {
        case "function":
            let name = try call.function(index)
            return try (0..<count).map { i in
                let combination = cdims?.combination(i) ?? .nil
                guard case .string(let path)? = try name.call([try child(i, in: call), combination, .integer(i + 1)]).first else {
                    throw LuaCallError("BalancingLearner:\(method): the file name function must return a string for learner \(i + 1)")
                }
                return path
            }
        case "table":
            guard case .array(let items) = try call.table(index), items.count == count,
                case let paths = items.compactMap({ if case .string(let s) = $0 { s } else { nil } }), paths.count == count
            else {
                throw LuaCallError("BalancingLearner:\(method): give an array of \(count) file names, one per learner")
            }
            return paths
        default:
            throw LuaCallError(
                "BalancingLearner:\(method): give a function of a learner returning its file name, "
                    + "function(learner, combination, i) ... end, or an array of \(count) file names; got \(call.typeName(index))")
        }
    }
}

extension LuaCoreBinding {
    /// The value of the function at the point at argument `index`, in the kernel (pushed).
    func evaluate(_ call: LuaCall, _ index: Int) throws -> Int {
        let point = try readPoint(call, index)
        call.push(try lua(value: try plan.evaluateInKernel(point, kind: kindName), in: call.state))
        return 1
    }
}
