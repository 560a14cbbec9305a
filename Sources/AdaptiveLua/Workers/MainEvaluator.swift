import Adaptive
import LuaKit

/// `executors.main(n)`: evaluates the user's function in the kernel's own Lua state, for
/// functions that must touch kernel objects. Evaluations are posted to the kernel's event
/// loop and run as coroutines there, so a function that calls `adaptive.sleep` lets the
/// others go on: up to `n` evaluations are in flight at once.
///
/// They make progress only while the kernel runs its event loop: in `runner:block_until_done()`,
/// `adaptive.sleep`, `task:result()`, between notebook cells and after each chunk in the shell.
final class MainEvaluator<Point: Sendable, Value: Sendable>: Evaluator, @unchecked Sendable {
    let workers: Int
    private weak var kernel: Kernel?
    /// The function to call at a point and its arguments, made on the kernel's thread.
    private let prepare: @Sendable (Point, LuaState) throws -> (function: LuaRef, arguments: [LuaValue])
    /// The value at a point from the result, argument 2 of the completion call.
    private let read: @Sendable (Point, LuaCall) throws -> Value

    convenience init(workers: Int, kernel: Kernel, function: LuaRef,
                     arguments: @escaping @Sendable (Point) -> [Double], value: @escaping @Sendable ([Double]) throws -> Value) {
        self.init(workers: workers, kernel: kernel,
                  prepare: { point, _ in (function, arguments(point).map { .number($0) }) },
                  read: { _, call in try value(try call.numbers(2)) })
    }

    init(workers: Int, kernel: Kernel, prepare: @escaping @Sendable (Point, LuaState) throws -> (function: LuaRef, arguments: [LuaValue]),
         read: @escaping @Sendable (Point, LuaCall) throws -> Value) {
        self.workers = workers
        self.kernel = kernel
        self.prepare = prepare
        self.read = read
    }

    func submit(_ point: Point, id: Int, completion: @escaping @Sendable (EvaluationOutcome<Value>) -> Void) {
        guard let kernel else { return completion(.failure(EvaluationFailure(message: "the kernel was closed"))) }
        kernel.eventLoop.post { [self] in
            // On the kernel's thread, inside the event loop.
            let lua = kernel.lua
            let done = lua.makeFunction(name: "evaluation") { [read] call in
                if try call.boolean(1, default: false) {
                    do { completion(.success(try read(point, call))) } catch {
                        completion(.failure(EvaluationFailure(message: "the function returned a bad value: \(error)")))
                    }
                } else {
                    var message = "error in the function (not a string)"
                    if case .string(let text) = call.value(2) { message = text }
                    completion(.failure(EvaluationFailure(message: message)))
                }
                return 0
            }
            do {
                let (function, arguments) = try prepare(point, lua)
                try kernel.evaluateInLoop.call([.function(function), .function(done)] + arguments)
            } catch {
                completion(.failure(EvaluationFailure(message: "\(error)")))
            }
        }
    }

    func shutdown() {}
}
