/// The runner's turns (tell, check the goal, ask, submit) and its end.
extension Runner {
    /// The body of the loop thread.
    func run() {
        let (status, error): (RunnerStatus, (any Error)?)
        if ntasks < 1 {
            (status, error) = (.failed, RunnerError(.noWorkers, "Runner: the evaluator has no workers (ntasks = \(ntasks))"))
        } else {
            (status, error) = loop()
        }
        end(status, error)
    }

    /// Turns until the runner must end; returns how it ends. Workers of an evaluator
    /// that allows it take most turns themselves (see `complete`); this thread takes the
    /// turns nobody else takes: the first, after a cancel, at a time goal's deadline.
    private func loop() -> (RunnerStatus, (any Error)?) {
        while true {
            repeat { turnLock.withLock { _ in takeTurn() } } while hasUnseenCompletions
            if let verdict = state.withLock({ $0.verdict }) { return verdict }
            wake.wait(until: goal.nextDeadline(start: startTime, now: Monotonic.now()), reset: true)
        }
    }

    /// One turn, with `turnLock` held: tell what came back, check the goal, ask and
    /// submit. Records the verdict (and wakes the loop thread) if the runner must end.
    private func takeTurn() {
        guard state.withLock({ $0.verdict == nil }) else { return }
        let verdict: (RunnerStatus, (any Error)?)?
        do { verdict = try turn() } catch { verdict = (.failed, error) }
        if let verdict {
            state.withLock { $0.verdict = verdict }
            wake.notify()
        }
    }

    /// The work of a turn; returns how the runner ends if it must.
    private func turn() throws -> (RunnerStatus, (any Error)?)? {
        let (completions, cancelling) = state.withLock { s in
            let completions = s.inbox
            s.inbox = []
            return (completions, s.cancelRequested)
        }
        let fatal = completions.isEmpty ? nil : process(completions, cancelling: cancelling)
        if cancelling || state.withLock({ $0.cancelRequested }) { return (.cancelled, nil) }
        if let fatal { return (.failed, fatal) }
        if try goal.isReached(by: learner, elapsed: Monotonic.now() - startTime) { return (.finished, nil) }
        guard try askAndSubmit() else { return (.finished, nil) }  // the learner proposes nothing more
        return nil
    }

    /// Fills the free tasks: first the points to retry, then new points from the
    /// learner. Returns false if nothing is in flight or waiting to be processed
    /// (so nothing more can happen).
    private func askAndSubmit() throws -> Bool {
        var retries: [Int] = []
        let free = state.withLock { s in
            let free = max(0, ntasks - s.inFlight.count)
            if free > 0 {
                for (id, _) in s.toRetry where s.inFlight[id] == nil {
                    retries.append(id)
                    if retries.count == free { break }
                }
            }
            return free
        }
        guard free > 0 else { return true }
        for id in retries {
            let (point, attempt) = state.withLock { s in (s.points[id]!, s.toRetry[id]!) }
            submit(id, point, attempt: attempt)
        }
        let count = free - retries.count
        if count > 0 {
            let (points, _) = try learner.ask(count, tellPending: true)
            var ids: [Int] = []
            ids.reserveCapacity(points.count)
            for _ in 0..<points.count { ids.append(EvaluationID.next()) }
            state.withLock { s in
                for i in 0..<points.count { s.points[ids[i]] = points[i] }
            }
            emit(.asked(count: count, points: points, ids: ids))
            for i in 0..<points.count { submit(ids[i], points[i], attempt: 0) }
            if !points.isEmpty { return true }
        }
        if !retries.isEmpty || free < ntasks { return true }
        return state.withLock { !$0.inbox.isEmpty }
    }

    /// Sends one point to the evaluator.
    private func submit(_ id: Int, _ point: Point, attempt: Int) {
        let submitted = Monotonic.now()
        state.withLock { $0.inFlight[id] = InFlight(point: point, submitted: submitted, attempt: attempt) }
        emit(.submitted(id: id, point: point, attempt: attempt))
        evaluator.submit(point, id: id) { [self] outcome in
            complete(id, outcome)
        }
    }

    /// A completion from the evaluator, on any thread: queued for the next turn, or
    /// dropped if the runner no longer waits for it. If the evaluator allows it, the
    /// completing thread takes that turn itself when no other thread is taking one, so a
    /// worker goes straight on to its next point without two thread switches through
    /// the loop thread; else it wakes the loop thread. A completion is queued before its
    /// thread tries the turn, and a thread that ends a turn looks at the inbox again, so
    /// no completion waits unseen when the turn was taken.
    private func complete(_ id: Int, _ outcome: EvaluationOutcome<Value>) {
        let time = Monotonic.now()
        let accepted = state.withLock { s in
            guard s.inFlight[id] != nil else { return false }
            s.inbox.append(Completion(id: id, outcome: outcome, time: time))
            return true
        }
        guard accepted else { return }
        guard evaluator.completionsMayTakeTurns else { return wake.notify() }
        repeat {
            // Taken: whoever holds the turn looks at the inbox after it (below, or in `loop`).
            guard turnLock.withLockIfAvailable({ _ in takeTurn() }) != nil else { return }
        } while hasUnseenCompletions
    }

    /// After a turn: completions that arrived while it was taken (their threads found
    /// the turn taken and left them to its holder).
    private var hasUnseenCompletions: Bool {
        state.withLock { !$0.inbox.isEmpty && $0.verdict == nil }
    }

    /// Tells the values that came back and books the failures (python's
    /// `_process_futures`). All completions are processed, so no value that came back
    /// is lost; the first fatal error (a point out of retries, a throwing `tell`) is
    /// returned afterwards. While cancelling, failures are booked but never fatal.
    private func process(_ completions: [Completion], cancelling: Bool) -> (any Error)? {
        var fatal: (any Error)?
        let retries = max(0, options.retries)
        let share = 1 / Double(ntasks)
        for completion in completions {
            let id = completion.id
            switch completion.outcome {
            case .success(let value):
                let evaluation = state.withLock { s -> InFlight? in
                    guard let evaluation = s.inFlight.removeValue(forKey: id) else { return nil }
                    s.functionTime += (completion.time - evaluation.submitted) * share
                    if !s.toRetry.isEmpty { s.toRetry.removeValue(forKey: id) }
                    if !s.tracebacks.isEmpty { s.tracebacks.removeValue(forKey: id) }
                    s.points.removeValue(forKey: id)
                    return evaluation
                }
                guard let evaluation else { continue }
                let duration = completion.time - evaluation.submitted
                emit(.evaluated(id: id, point: evaluation.point, value: value, duration: duration))
                do { try learner.tell(evaluation.point, value) } catch { fatal = fatal ?? error }
            case .failure(let failure):
                let booked = state.withLock { s -> (point: Point, failures: Int)? in
                    guard let evaluation = s.inFlight.removeValue(forKey: id) else { return nil }
                    s.tracebacks[id] = failure.traceback
                    let failures = (s.toRetry[id] ?? 0) + 1
                    if failures > retries {
                        s.toRetry.removeValue(forKey: id)
                        s.failed.append(id)
                    } else {
                        s.toRetry[id] = failures
                    }
                    return (evaluation.point, failures)
                }
                guard let (point, failures) = booked else { continue }
                let willRetry = failures <= retries
                emit(.failed(id: id, point: point, failure: failure, failures: failures, willRetry: willRetry))
                if !willRetry && options.raiseIfRetriesExceeded && !cancelling && fatal == nil {
                    fatal = RunnerError(
                        .evaluationFailed,
                        "An error occurred while evaluating \"learner.function(\(point))\". "
                            + "See the traceback for details.:\n\n\(failure.traceback)",
                        failure: failure)
                }
            }
        }
        return fatal
    }

    /// Sends `event` to the log and the observers: the one place every ask, tell and
    /// failure passes.
    func emit(_ event: RunnerEvent<Point, Value>) {
        let observers = state.withLock { s in
            if s.log != nil {
                switch event {
                case .asked(let count, _, _): s.log!.append(.ask(count))
                case .evaluated(_, let point, let value, _): s.log!.append(.tell(point, value))
                default: break
                }
            }
            return s.observers
        }
        for observer in observers { observer(event) }
    }

    /// Abandons what is in flight, cleans up and tells everyone how the runner ended.
    private func end(_ status: RunnerStatus, _ error: (any Error)?) {
        let abandoned = state.withLock { s in
            defer {
                s.inFlight.removeAll()
                s.inbox.removeAll()
            }
            return Array(s.inFlight.keys)
        }
        learner.removeUnfinished()
        if !abandoned.isEmpty { evaluator.cancel(ids: abandoned) }
        if options.shutdownEvaluator { evaluator.shutdown() }
        let savers = state.withLock { s in
            s.status = status
            s.error = error
            s.endTime = Monotonic.now()
            s.saversClosed = true
            return s.savers
        }
        emit(.ended(status))
        for saver in savers { saver.finish() }
        let handlers = state.withLock { s in
            s.finishHandlersCalled = true
            defer { s.finishHandlers.removeAll() }
            return s.finishHandlers
        }
        for handler in handlers { handler(status) }
        let continuations = state.withLock { s in
            s.ended = true
            defer { s.continuations.removeAll() }
            return s.continuations
        }
        done.notify()
        let outcome = self.outcome(status, error)
        for continuation in continuations { continuation.resume(with: outcome) }
    }

    /// What waiting for the runner gives: nothing when finished, else an error.
    func outcome(_ status: RunnerStatus, _ error: (any Error)?) -> Result<Void, any Error> {
        switch status {
        case .finished, .running: .success(())
        case .cancelled: .failure(RunnerError.cancelled)
        case .failed: .failure(error ?? RunnerError(.evaluationFailed, "the runner failed"))
        }
    }
}
