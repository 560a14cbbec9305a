import Adaptive
import Foundation
import LuaKit

/// A Lua state for a worker thread or process: the standard library and the pure parts
/// of the `adaptive` module, never learners or runners, and the user's function copied in.
///
/// `print` and `io.write` in a worker go to `output` (standard error by default: in a
/// worker process standard output carries the protocol).
final class WorkerState {
    let lua = LuaState()
    let function: LuaRef

    init(_ portable: PortableFunction, output: @escaping @Sendable (String) -> Void = WorkerState.standardError) throws {
        lua.setGlobal("adaptive", ["version": .string(AdaptiveInfo.version)])
        lua.register("__adaptive_emit") { call in
            for i in stride(from: 1, through: call.count, by: 1) { output(try call.string(i)) }
            return 0
        }
        try lua.run(WorkerState.printPrelude, chunkName: "=(worker)")
        AdaptiveModule.installWorkerClasses(in: lua)
        function = try lua.load(portable, chunkName: "=(worker)")
    }

    static let standardError: @Sendable (String) -> Void = { text in
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// `print` through the emitter, as the kernel's prelude does.
    static let printPrelude = """
        local emit = __adaptive_emit
        __adaptive_emit = nil
        function print(...)
          local n = select('#', ...)
          local parts = {}
          for i = 1, n do parts[i] = tostring((select(i, ...))) end
          emit(table.concat(parts, '\\t', 1, n) .. '\\n')
        end
        """

    /// f(arguments...) as numbers, or the failure with the Lua traceback.
    func evaluate(_ arguments: [Double]) throws(EvaluationFailure) -> [Double] {
        do {
            return try function.callNumbers(arguments)
        } catch let error as LuaError {
            var traceback = error.message
            if let frames = Kernel.userTraceback(error) { traceback += "\n" + frames }
            throw EvaluationFailure(message: error.message, traceback: traceback)
        } catch {
            let message = "the function returned a bad value: \(error)"
            throw EvaluationFailure(message: message, traceback: message)
        }
    }
}
