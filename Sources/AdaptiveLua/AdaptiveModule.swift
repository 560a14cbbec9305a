import Adaptive
import Foundation
import LuaKit

/// Builds the `adaptive` Lua module: a global table, also returned by `require "adaptive"`.
/// Each part of the API (learners, runners, plots) adds its entries in its own file.
enum AdaptiveModule {
    /// The classes whose objects may be handed to a user's function in a worker state
    /// (a goal receives its learner): their methods only touch thread-safe Swift objects.
    static func installWorkerClasses(in lua: LuaState) {
        lua.register(LuaLearner1D.luaClass)
        lua.register(LuaAverageLearner.luaClass)
        lua.register(LuaIntegratorLearner.luaClass)
        lua.register(LuaAverageLearner1D.luaClass)
        lua.register(LuaSequenceLearner.luaClass)
        lua.register(LuaDataSaver.luaClass)
        lua.register(LuaBalancingLearner.luaClass)
        LuaLoss1D.install(in: lua)
        lua.register(LuaLearner2D.luaClass)
        LuaLoss2D.install(in: lua)
        lua.register(LuaLearnerND.luaClass)
        LuaLossND.install(in: lua)
        lua.register(LuaFigure.luaClass)
        PlotModule.install(in: lua)
        installHelpers(in: lua)
    }

    /// What `installWorkerClasses` puts in every worker state, by path: the kernel's
    /// values at these paths travel to workers by name.
    static let workerLibraryRoots = ["adaptive.learner", "adaptive.plot", "adaptive.time", "adaptive.linspace"]

    /// Pure helpers every state has (kernel and workers): `adaptive.time()` (wall clock,
    /// seconds), `adaptive.sleep(s)` and `adaptive.linspace(a, b, n)`.
    static func installHelpers(in lua: LuaState) {
        // In workers `adaptive.sleep` blocks the worker; the kernel's event loop replaces it
        // with one that yields inside coroutines.
        lua.register(in: ["adaptive"], "sleep") { call in
            let seconds = try call.number(1)
            if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
            return 0
        }
        lua.register(in: ["adaptive"], "time") { call in
            call.push(Date().timeIntervalSince1970)
            return 1
        }
        lua.register(in: ["adaptive"], "linspace") { call in
            let a = try call.number(1), b = try call.number(2), n = try call.integer(3)
            guard n >= 0 else { throw call.argumentError(3, "n must be >= 0, got \(n)") }
            let step = n > 1 ? (b - a) / Double(n - 1) : 0
            var points: [LuaValue] = []
            for i in 0..<n {
                let x: Double = i == n - 1 ? b : a + Double(i) * step
                points.append(.number(x))
            }
            call.push(.array(points))
            return 1
        }
    }

    static func install(in lua: LuaState) {
        lua.setGlobal("adaptive", [
            "version": .string(AdaptiveInfo.version),
        ])
        LuaLearner1D.install(in: lua)
        LuaAverageLearner.install(in: lua)
        LuaIntegratorLearner.install(in: lua)
        LuaAverageLearner1D.install(in: lua)
        LuaSequenceLearner.install(in: lua)
        LuaDataSaver.install(in: lua)
        LuaBalancingLearner.install(in: lua)
        LuaLearner2D.install(in: lua)
        LuaExecutor.install(in: lua)
        installHelpers(in: lua)
        LuaLoss1D.install(in: lua)
        LuaLoss2D.install(in: lua)
        LuaLearnerND.install(in: lua)
        LuaLossND.install(in: lua)
        do {
            try lua.run("package.loaded.adaptive = adaptive", chunkName: "=(kernel)")
        } catch {
            fatalError("could not register the adaptive module: \(error)")
        }
    }
}
