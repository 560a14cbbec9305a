/// Waiting for a runner's end, and being told of it.
extension Runner {
    /// Blocks the calling thread until the runner has ended, at most `timeout` seconds
    /// (nil: no limit). True if it has ended.
    @discardableResult
    public func waitUntilDone(timeout: Double? = nil) -> Bool {
        done.wait(until: timeout.map { Monotonic.now() + $0 })
    }

    /// Blocks until the runner has ended (python's `block_until_done`), then throws
    /// its error if it failed, or ``RunnerError`` `.cancelled` if it was cancelled.
    public func blockUntilDone() throws {
        done.wait()
        let (status, error) = state.withLock { ($0.status, $0.error) }
        try outcome(status, error).get()
    }

    /// Waits (without blocking a thread) until the runner has ended; throws as
    /// ``blockUntilDone()`` does (python's `await runner.task`). Cancelling the
    /// awaiting task does not cancel the runner: call ``cancel()`` for that.
    public func result() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let ended: (RunnerStatus, (any Error)?)? = state.withLock { s in
                if s.ended { return (s.status, s.error) }
                s.continuations.append(continuation)
                return nil
            }
            if let (status, error) = ended { continuation.resume(with: outcome(status, error)) }
        }
    }

    /// Calls `handler` once with the final status when the runner ends, on the loop
    /// thread (after the final saves); at once, on the calling thread, if it has
    /// already ended. The handler must not wait for the runner (it has not woken its
    /// waiters yet).
    public func onFinish(_ handler: @escaping @Sendable (RunnerStatus) -> Void) {
        let status: RunnerStatus? = state.withLock { s in
            if s.finishHandlersCalled { return s.status }
            s.finishHandlers.append(handler)
            return nil
        }
        if let status { handler(status) }
    }
}
