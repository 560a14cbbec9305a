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
    /// The copied value: the user's function, or a plan's table of functions.
    let function: LuaRef
    /// The functions a task may call: the elements of a plan's table, or just `function`.
    let functions: [LuaRef]

    init(_ portable: PortableFunction, output: @escaping @Sendable (String) -> Void = WorkerState.standardError) throws {
        lua.setGlobal("adaptive", ["version": .string(AdaptiveInfo.version)])
        lua.register("__adaptive_emit") { call in
            for i in stride(from: 1, through: call.count, by: 1) { output(try call.string(i)) }
            return 0
        }
        try lua.run(WorkerState.printPrelude, chunkName: "=(worker)")
        AdaptiveModule.installWorkerClasses(in: lua)
        function = try lua.load(portable, chunkName: "=(worker)")
        functions = try WorkerState.elements(of: function, in: lua)
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
        } catch {
            throw WorkerState.failure(error)
        }
    }

    /// The failure of an evaluation that threw `error`: a Lua error with its traceback, or
    /// a bad return value.
    static func failure(_ error: any Error) -> EvaluationFailure {
        if let error = error as? LuaError {
            var traceback = error.message
            if let frames = Kernel.userTraceback(error) { traceback += "\n" + frames }
            return EvaluationFailure(message: error.message, traceback: traceback)
        }
        let message = "the function returned a bad value: \(error)"
        return EvaluationFailure(message: message, traceback: message)
    }
}
