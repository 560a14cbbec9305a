import Foundation
import Synchronization

/// Saves a runner's learner while it runs: at once, then every `interval` seconds on a
/// dedicated thread, and a last time when the runner ends: python-adaptive's
/// `start_periodic_saving` (#440). Made by ``Runner/startPeriodicSaving(every:save:)``.
///
/// The save closure does the writing and should write atomically (``AtomicWrite``), so
/// that a run killed mid-save leaves the previous file intact. Saves never overlap: the
/// final save waits for a periodic one in progress, and no periodic save follows it.
/// A save that throws does not stop the runner nor later saves: the error is kept in
/// ``lastError``.
public final class PeriodicSaving: Sendable {
    /// Seconds between two saves.
    public let interval: Double
    private let save: @Sendable () throws -> Void
    private let stopSignal = ThreadSignal()
    /// Held during a save, so that saves never overlap.
    private let saving = NSLock()
    private let stats = Mutex(Stats())

    private struct Stats {
        var saves = 0
        var failures = 0
        var lastError: (any Error)?
        /// No more saves: stopped by the user, or the final save is done.
        var closed = false
    }

    init(interval: Double, save: @escaping @Sendable () throws -> Void) {
        self.interval = max(interval, 0.001)
        self.save = save
    }

    /// How many saves succeeded.
    public var saveCount: Int { stats.withLock { $0.saves } }
    /// How many saves threw.
    public var failureCount: Int { stats.withLock { $0.failures } }
    /// The error of the latest save that threw.
    public var lastError: (any Error)? { stats.withLock { $0.lastError } }
    /// False once stopped or after the final save.
    public var isActive: Bool { !stats.withLock { $0.closed } }

    /// Stops saving, without a final save (a save in progress completes).
    public func stop() {
        stats.withLock { $0.closed = true }
        stopSignal.notify()
    }

    /// Saves at once and then every `interval` until stopped or finished.
    func start() {
        startDedicatedThread(name: "adaptive.saver", stackSize: 1 << 20) { [self] in
            repeat {
                saveOnce(final: false)
            } while !stopSignal.wait(until: Monotonic.now() + interval)
        }
    }

    /// The runner has ended: ends the periodic saves and saves a last time, unless
    /// stopped. Returns after that save.
    func finish() {
        stopSignal.notify()
        saveOnce(final: true)
    }

    private func saveOnce(final: Bool) {
        saving.lock()
        defer { saving.unlock() }
        let closed = stats.withLock { stats in
            let closed = stats.closed
            if final { stats.closed = true }
            return closed
        }
        if closed { return }
        do {
            try save()
            stats.withLock { $0.saves += 1 }
        } catch {
            stats.withLock { stats in
                stats.failures += 1
                stats.lastError = error
            }
        }
    }
}

extension Runner {
    /// Saves with `save` at once, then every `interval` seconds while the runner runs,
    /// and once more when it ends (see ``PeriodicSaving``). On a runner that has ended,
    /// saves once before returning. May be called several times.
    ///
    ///     runner.startPeriodicSaving(every: 30) {
    ///         try AtomicWrite.write(snapshot(learner), to: url)
    ///     }
    @discardableResult
    public func startPeriodicSaving(every interval: Double, save: @escaping @Sendable () throws -> Void) -> PeriodicSaving {
        let saver = PeriodicSaving(interval: interval, save: save)
        let running = state.withLock { s in
            if s.saversClosed { return false }
            s.savers.append(saver)
            return true
        }
        if running { saver.start() } else { saver.finish() }
        return saver
    }
}
