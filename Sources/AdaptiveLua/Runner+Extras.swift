import Adaptive
import Foundation
import LuaKit
import Plotting

/// Runner methods beyond control and waiting: periodic saving, live plots and live info.
extension LuaRunner {
    static func installExtras(_ type: LuaClass<LuaRunner>) {
        // runner:start_periodic_saving{fname = "data.txt", interval = 30 [, method = function(learner, fname) end]}:
        // saves the learner every interval seconds while it runs, and once at the end
        // (atomic writes); `method` replaces learner:save, in a copy on the saving thread.
        type.method("start_periodic_saving") { runner, call in
            let options = try LuaOptions(call, 1, allowed: ["fname", "interval", "method"])
            guard case .string(let path)? = options.value("fname") else {
                throw LuaCallError("Runner:start_periodic_saving: fname must be a file name")
            }
            let interval = try options.number("interval") ?? 30
            guard interval > 0 else { throw LuaCallError("Runner:start_periodic_saving: interval must be > 0") }
            if let method = try options.function("method") {
                let shared = SharedLuaFunction(method, in: call.state, name: "the save method")
                let learner = UncheckedSendable(runner.learnerObject)
                runner.control.startPeriodicSaving(every: interval) {
                    _ = try shared.call { state in [try state.value(object: learner.value), .string(path)] }
                }
                return 0
            }
            guard let save = runner.details.save else {
                throw LuaCallError("Runner:start_periodic_saving: a \(runner.kind) cannot be saved yet")
            }
            runner.control.startPeriodicSaving(every: interval) { try save(path) }
            return 0
        }
        // runner:live_plot{plotter = function(learner) ... end, update_interval = 2, file = "live.svg"}:
        // rewrites the figure file while the runner works, and once at the end.
        type.method("live_plot") { runner, call in
            let options = try LuaOptions(call, 1, allowed: ["plotter", "update_interval", "file"])
            guard case .string(let path)? = options.value("file") else {
                throw LuaCallError("Runner:live_plot: file must be a file name such as \"live.svg\" or \"live.png\"")
            }
            let interval = try options.number("update_interval") ?? 2
            guard interval > 0 else { throw LuaCallError("Runner:live_plot: update_interval must be > 0") }
            let figure: @Sendable () throws -> Figure
            if let plotter = try options.function("plotter") {
                let shared = SharedLuaFunction(plotter, in: call.state, name: "the plotter")
                let learner = UncheckedSendable(runner.learnerObject)
                figure = {
                    var result: Figure?
                    let values = try shared.call { state in [try state.value(object: learner.value)] }
                    if let first = values.first, let state = shared.stateForCurrentThread {
                        result = state.object(first, as: LuaFigure.self)?.figure
                    }
                    guard let result else { throw LuaCallError("the plotter must return a figure") }
                    return result
                }
            } else {
                guard let plot = runner.details.figure else {
                    throw LuaCallError("Runner:live_plot: a \(runner.kind) has no default plot; give a plotter")
                }
                figure = plot
            }
            runner.control.startPeriodicSaving(every: interval) { try figure().save(to: path) }
            return 0
        }
        // runner:live_info_terminal{update_interval = 0.5, overwrite_previous = true}: prints
        // the live info line on the terminal until the runner ends.
        type.method("live_info_terminal") { runner, call in
            let options = try LuaOptions(call, 1, allowed: ["update_interval", "overwrite_previous"])
            let interval = try options.number("update_interval") ?? 0.5
            let overwrite = (try options.boolean("overwrite_previous") ?? true) && isatty(STDOUT_FILENO) != 0
            let handle = UncheckedSendable(runner)
            Thread.detachNewThread {
                while true {
                    let done = handle.value.control.waitUntilDone(timeout: interval)
                    let line = handle.value.summary
                    let text = overwrite ? "\r\u{1B}[K" + line + (done ? "\n" : "") : line + "\n"
                    FileHandle.standardOutput.write(Data(text.utf8))
                    if done { return }
                }
            }
            return 0
        }
    }
}
