import Adaptive
import LuaKit
import Plotting

/// Labels of a balancing learner's children, python's `cdims`: one combination of named
/// values per child (`{n = 1, alpha = 0.5}`), used by plots and file-name functions.
struct ChildDimensions: Sendable {
    /// The names, in order (the first runs along the columns of a grid).
    var names: [String]
    /// Per child, a value per name.
    var rows: [[LuaValue]]

    init(names: [String], rows: [[LuaValue]]) {
        self.names = names
        self.rows = rows
    }

    /// `cdims` as Lua gives it: an array of combinations (`{{n = 1}, {n = 2}}`, names in
    /// sorted order) or python's `(names, rows)` form (`{{"n", "alpha"}, {{1, 0}, {2, 0}}}`).
    init(lua value: LuaValue) throws {
        let expected = "cdims must be an array of combinations such as {{n = 1}, {n = 2}}, or {names, rows}"
        guard case .array(let items) = value, !items.isEmpty else { throw LuaCallError("BalancingLearner: \(expected)") }
        if items.count == 2, case .array(let names) = items[0], case .array(let rows) = items[1],
            names.allSatisfy({ if case .string = $0 { true } else { false } })
        {
            self.names = names.map { if case .string(let s) = $0 { s } else { "" } }
            self.rows = try rows.map { row in
                guard case .array(let values) = row, values.count == names.count else {
                    throw LuaCallError("BalancingLearner: each row of cdims must hold \(names.count) values")
                }
                return values
            }
            return
        }
        let maps = try items.map { item -> [String: LuaValue] in
            guard case .map(let fields) = item else { throw LuaCallError("BalancingLearner: \(expected)") }
            return fields
        }
        let sorted = Array(Set(maps.flatMap(\.keys))).sorted()
        names = sorted
        rows = try maps.map { fields in
            try sorted.map { name in
                guard let value = fields[name] else { throw LuaCallError("BalancingLearner: a combination of cdims has no '\(name)'") }
                return value
            }
        }
    }

    /// Child `i`'s combination as a Lua table `{name = value, ...}`.
    func combination(_ i: Int) -> LuaValue {
        .map(Dictionary(uniqueKeysWithValues: zip(names, rows[i])))
    }

    /// Child `i`'s key for plots.
    func facetKey(_ i: Int) -> [String: FacetValue] {
        Dictionary(uniqueKeysWithValues: zip(names, rows[i].map(Self.facetValue)))
    }

    static func facetValue(_ value: LuaValue) -> FacetValue {
        if let d = value.double { return .number(d) }
        if case .string(let s) = value { return .string(s) }
        if case .boolean(let b) = value { return .string(b ? "true" : "false") }
        return .string(value.typeName)
    }

    /// python's `named_product`: every combination, the last name varying fastest.
    static func product(names: [String], values: [[LuaValue]]) -> [[LuaValue]] {
        var rows: [[LuaValue]] = [[]]
        for options in values { rows = rows.flatMap { row in options.map { row + [$0] } } }
        return rows
    }

    /// `adaptive.BalancingLearner.from_product(f, learner_type, learner_kwargs, combos)`:
    /// one child per combination of `combos`, made by `learner_type(g, learner_kwargs)` where
    /// `g(x) = f(x, params)` and `params` is the combination as a table. (Lua has no keyword
    /// arguments: python's `partial(f, **combo)` becomes this extra table argument.)
    /// `combos` is `{name = {values...}, ...}` (names in sorted order) or an array of
    /// `{name, {values...}}` pairs (in that order).
    static func fromProduct(_ call: LuaCall) throws -> Int {
        let function = try call.function(1)
        guard ["function", "table"].contains(call.typeName(2)) else {
            throw call.argumentError(2, "a learner type such as adaptive.Learner1D expected, got \(call.typeName(2))")
        }
        let learnerType = call.value(2)
        guard call.isNil(3) || call.typeName(3) == "table" else {
            throw call.argumentError(3, "learner_kwargs must be a table such as {bounds = {0, 1}}, got \(call.typeName(3))")
        }
        let kwargs = call.isNil(3) ? LuaValue.map([:]) : call.value(3)
        let (names, values) = try combos(call, 4)
        let rows = product(names: names, values: values)
        let make = call.state.builtinFunction("""
            return function(f, params)
              return function(x, ...)
                if select('#', ...) == 0 then return f(x, params) end
                local args = table.pack(x, ...)
                args.n = args.n + 1
                args[args.n] = params
                return f(table.unpack(args, 1, args.n))
              end
            end
            """, chunkName: "=(from_product)")
        let typeRef = call.state.reference(learnerType)
        var learners: [LuaValue] = []
        for row in rows {
            let params = LuaValue.map(Dictionary(uniqueKeysWithValues: zip(names, row)))
            guard case .function(let child)? = try make.call([.function(function), params]).first else {
                throw LuaCallError("BalancingLearner.from_product: could not make a child's function")
            }
            learners.append(try typeRef.call([.function(child), kwargs]).first ?? .nil)
        }
        let objects = learners.map { call.state.anyObject($0) }
        let dims = ChildDimensions(names: names, rows: rows)
        try call.push(object: try LuaBalancingLearner.make(learners, objects: objects, strategy: "loss_improvements", cdims: dims))
        return 1
    }

    /// The names and value lists of `combos` at argument `index`.
    static func combos(_ call: LuaCall, _ index: Int) throws -> ([String], [[LuaValue]]) {
        let usage = "combos must be a table of named value lists such as {n = {1, 2}, alpha = {0, 1}}"
        guard call.typeName(index) == "table" else {
            throw LuaCallError("BalancingLearner.from_product: \(usage), got \(call.typeName(index))")
        }
        var pairs: [(String, LuaValue)] = []
        switch try call.table(index) {
        case .map(let fields): pairs = fields.keys.sorted().map { ($0, fields[$0]!) }
        case .array(let items):
            for item in items {
                guard case .array(let pair) = item, pair.count == 2, case .string(let name) = pair[0] else {
                    throw LuaCallError("BalancingLearner.from_product: \(usage), or an array of {name, values} pairs")
                }
                pairs.append((name, pair[1]))
            }
        default: throw LuaCallError("BalancingLearner.from_product: \(usage)")
        }
        if pairs.isEmpty {
            throw LuaCallError("BalancingLearner.from_product: combos is empty, so there is no combination to learn; \(usage)")
        }
        let values = try pairs.map { name, list -> [LuaValue] in
            guard case .array(let items) = list else {
                throw LuaCallError("BalancingLearner.from_product: combos.\(name) must be an array of values, got \(list.typeName)")
            }
            guard !items.isEmpty else {
                throw LuaCallError("BalancingLearner.from_product: combos.\(name) has no values, so there is no combination to learn")
            }
            return items
        }
        return (pairs.map(\.0), values)
    }
}
