import Adaptive
import LuaKit
import Plotting

/// `adaptive.AverageLearner1D(f, {a, b} [, {delta =, alpha =, neighbor_sampling =, min_samples =,
/// max_samples =, min_error =, loss_per_interval =}])`: learns the mean of a noisy
/// `f(x, seed)`. Points are `{seed, x}` as in python-adaptive; f gets x and the seed.
final class LuaAverageLearner1D: LuaNumericLearner {
    let core: AverageLearner1D
    /// What the runners call: the user's function, given its seed as a Lua integer.
    let function: LuaRef
    /// The user's function as given (`learner.function`).
    let userFunction: LuaRef
    /// The loss as the user gave it, for `loss_per_interval`.
    let lossValue: LuaValue
    var kindName: String { "AverageLearner1D" }

    init(core: AverageLearner1D, userFunction: LuaRef, lossValue: LuaValue, state: LuaState) {
        self.core = core
        self.userFunction = userFunction
        self.lossValue = lossValue
        function = SeedArgument.wrap(userFunction, seedPosition: 2, in: state)
    }

    typealias Point = AverageLearner1D.Point
    static func arguments(_ p: Point) -> [Double] { [p.x, Double(p.seed)] }
    static func value(_ numbers: [Double]) throws -> Double { try SeedArgument.scalar(numbers) }
    static func luaPoint(_ p: Point) -> LuaValue { .array([.integer(p.seed), .number(p.x)]) }
    static func luaValue(_ y: Double) -> LuaValue { .number(y) }
    static func describe(_ p: Point) -> String { "x = \(p.x), seed = \(p.seed)" }
    var plotter: (@Sendable () throws -> Figure)? { { [core] in try core.figure() } }

    /// A point `{seed, x}` at argument `index`.
    static func point(_ call: LuaCall, _ index: Int) throws -> Point {
        let numbers = try call.numbers(index)
        guard numbers.count == 2, let seed = Int(exactly: numbers[0]), seed >= 0 else {
            throw call.argumentError(index, "a point {seed, x} with an integer seed >= 0 expected")
        }
        return Point(seed: seed, x: numbers[1])
    }

    static let optionNames = ["delta", "alpha", "neighbor_sampling", "min_samples", "max_samples", "min_error",
                              "loss_per_interval", "nth_neighbors"]

    static func install(in lua: LuaState) {
        lua.register(luaClass)
        lua.register(in: ["adaptive"], "AverageLearner1D") { call in
            let function = try call.function(1)
            let bounds = try call.numbers(2)
            guard bounds.count == 2 else {
                throw LuaCallError("AverageLearner1D: bounds must be {a, b} with a < b, got \(bounds.count) numbers")
            }
            let options = try LuaOptions(call, 3, allowed: optionNames)
            let lossValue = options.value("loss_per_interval") ?? .nil
            let loss: Loss1D = lossValue == .nil ? .default : try LuaLoss1D.from(
                lossValue, nthNeighbors: try options.integer("nth_neighbors"), state: call.state, function: "AverageLearner1D")
            var settings = AverageLearner1D.Settings()
            try apply(options, to: &settings)
            let core = try adaptiveCall { try AverageLearner1D(bounds: (bounds[0], bounds[1]), loss: loss, settings: settings) }
            try call.push(object: LuaAverageLearner1D(core: core, userFunction: function, lossValue: lossValue, state: call.state))
            return 1
        }
    }

    /// The resampling options of `options` into `settings`.
    static func apply(_ options: LuaOptions, to settings: inout AverageLearner1D.Settings) throws {
        if let v = try options.number("delta") { settings.delta = v }
        if let v = try options.number("alpha") { settings.alpha = v }
        if let v = try options.number("neighbor_sampling") { settings.neighborSampling = v }
        if let v = try options.integer("min_samples") { settings.minSamples = v }
        if let v = options.value("max_samples") {
            // math.huge (python's default sys.maxsize) means no limit.
            if v.double == .infinity { settings.maxSamples = .max } else if let n = try options.integer("max_samples") { settings.maxSamples = n }
        }
        if let v = try options.number("min_error") { settings.minError = v }
    }

    static var luaClass: LuaClass<LuaAverageLearner1D> {
        let type = LuaClass<LuaAverageLearner1D>("AverageLearner1D")
        addLearnerMembers(to: type)
        addMembers(to: type)
        type.property("function") { .function($0.userFunction) }
        type.tostring { "<AverageLearner1D npoints=\($0.core.npoints) nsamples=\($0.core.nsamples) loss=\(formatLoss($0.core.loss()))>" }
        // Settings read and written as fields, as python's `learner.delta = 0.1`.
        let settings: [(String, (AverageLearner1D.Settings) -> LuaValue)] = [
            ("delta", { .number($0.delta) }), ("alpha", { .number($0.alpha) }),
            ("neighbor_sampling", { .number($0.neighborSampling) }), ("min_samples", { .integer($0.minSamples) }),
            ("max_samples", { $0.maxSamples == .max ? .number(.infinity) : .integer($0.maxSamples) }),
            ("min_error", { .number($0.minError) }),
        ]
        for (name, read) in settings {
            type.property(name) { read($0.core.settings) }
            type.setter(name) { learner, call in
                var s = learner.core.settings
                try apply(LuaOptions(function: "AverageLearner1D", values: [name: call.value(1)]), to: &s)
                try adaptiveCall { try learner.core.setSettings(s) }
            }
        }
        return type
    }
}
