import Adaptive
import Foundation
import LuaKit

/// A user's Lua function that Swift may call from any thread: a custom loss or a goal,
/// which a background runner calls on its own thread.
///
/// On the thread running the kernel's Lua code (a `tell` typed in the shell or a notebook
/// cell, `runner.simple`) it runs in the kernel's state, seeing the kernel's variables.
/// On any other thread it runs in a copy (see `LuaState.portable`) in a Lua state of that thread's own, made on first
/// use: by value, like the function a runner evaluates.
final class SharedLuaFunction: @unchecked Sendable {
    let kernelFunction: LuaRef
    private let copy: Result<PortableFunction, PortabilityError>
    private let key = "adaptive.shared-function.\(UUID().uuidString)"

    /// Made on the kernel's thread, from a function of the kernel's state.
    init(_ function: LuaRef, in state: LuaState, name: String) {
        kernelFunction = function
        copy = Result { () throws(PortabilityError) in try state.portable(function, name: name) }
    }

    /// Calls the function with the arguments `arguments` builds for the state it runs in.
    func call(_ arguments: (LuaState) throws -> [LuaValue]) throws -> [LuaValue] {
        if let state = kernelFunction.state, state.isRunningOnCurrentThread {
            return try kernelFunction.call(try arguments(state))
        }
        let worker = try threadWorker()
        return try worker.function.call(try arguments(worker.lua))
    }

    /// The state the function runs in on this thread (after a `call` on it).
    var stateForCurrentThread: LuaState? {
        if let state = kernelFunction.state, state.isRunningOnCurrentThread { return state }
        return (Thread.current.threadDictionary[key] as? WorkerState)?.lua
    }

    /// This thread's copy, made on first use.
    private func threadWorker() throws -> WorkerState {
        let dictionary = Thread.current.threadDictionary
        if let worker = dictionary[key] as? WorkerState { return worker }
        let portable: PortableFunction
        switch copy {
        case .success(let p): portable = p
        case .failure(let error): throw LuaCallError(error.description)
        }
        let worker = try WorkerState(portable)
        dictionary[key] = worker
        return worker
    }
}
