import Adaptive
import LuaKit

/// Builds the `adaptive` Lua module: a global table, also returned by `require "adaptive"`.
/// Each part of the API (learners, runners, plots) adds its entries in its own file.
enum AdaptiveModule {
    /// The classes whose objects may be handed to a user's function in a worker state
    /// (a goal receives its learner): their methods only touch thread-safe Swift objects.
    static func installWorkerClasses(in lua: LuaState) {
        lua.register(LuaLearner1D.luaClass)
        lua.register(LuaLoss1D.luaClass)
    }

    static func install(in lua: LuaState) {
        lua.setGlobal("adaptive", [
            "version": .string(AdaptiveInfo.version),
        ])
        LuaLearner1D.install(in: lua)
        LuaExecutor.install(in: lua)
        LuaLoss1D.install(in: lua)
        RunnersModule.install(in: lua)
        do {
            try lua.run("package.loaded.adaptive = adaptive", chunkName: "=(kernel)")
        } catch {
            fatalError("could not register the adaptive module: \(error)")
        }
    }
}
