import LuaKit

/// The options table of a Lua call, Lua's stand-in for keyword arguments:
/// `adaptive.Runner(learner, {loss_goal = 0.01, ntasks = 2})`.
///
/// Unknown keys are errors that list the known ones, so a typo never passes silently.
struct LuaOptions {
    let function: String
    let values: [String: LuaValue]

    init(function: String, values: [String: LuaValue]) {
        self.function = function
        self.values = values
    }

    /// Reads argument `index` of `call` (absent or nil: no options).
    init(_ call: LuaCall, _ index: Int, allowed: [String]) throws {
        function = call.name
        if call.isNil(index) {
            values = [:]
            return
        }
        switch try call.table(index) {
        case .map(let fields): values = fields
        case .array(let items) where items.isEmpty: values = [:]
        default:
            throw call.argumentError(index, "options must be a table with names as keys, like {loss_goal = 0.01}")
        }
        for key in values.keys.sorted() where !allowed.contains(key) {
            throw LuaCallError(
                "\(function): unknown option '\(key)'; the options are: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    private func mismatch(_ key: String, _ expected: String, _ value: LuaValue) -> LuaCallError {
        LuaCallError("\(function): option '\(key)' must be \(expected), got \(value.typeName)")
    }

    func number(_ key: String) throws -> Double? {
        guard let value = values[key] else { return nil }
        guard let d = value.double else { throw mismatch(key, "a number", value) }
        return d
    }

    func integer(_ key: String) throws -> Int? {
        guard let value = values[key] else { return nil }
        guard let d = value.double, d == d.rounded(), abs(d) < 1e15 else { throw mismatch(key, "an integer", value) }
        return Int(d)
    }

    func boolean(_ key: String) throws -> Bool? {
        guard let value = values[key] else { return nil }
        guard case .boolean(let b) = value else { throw mismatch(key, "a boolean", value) }
        return b
    }

    func function(_ key: String) throws -> LuaRef? {
        guard let value = values[key] else { return nil }
        guard case .function(let ref) = value else { throw mismatch(key, "a function", value) }
        return ref
    }

    func value(_ key: String) -> LuaValue? { values[key] }
}

extension LuaValue {
    /// Lua truthiness: everything but nil and false.
    var isTruthy: Bool {
        switch self {
        case .nil, .boolean(false): return false
        default: return true
        }
    }
}
