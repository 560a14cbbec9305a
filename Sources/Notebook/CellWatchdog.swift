import AdaptiveLua
import Foundation

/// Interrupts the kernel when a cell runs longer than its time limit.
///
/// It waits on a dedicated thread (not a GCD queue: with every core busy running the
/// cell, a global queue may start no thread at all). Once the limit has passed it
/// interrupts the kernel, and again every 0.1 s while the cell still runs (Lua code that
/// catches the first `interrupted!` with `pcall` is stopped by the next one).
final class CellWatchdog: @unchecked Sendable {
    private let condition = NSCondition()
    private var finished = false
    private var fired = false

    /// Starts watching: `kernel` is interrupted after `seconds` unless ``stop()`` came first.
    init(seconds: Double, kernel: Kernel) {
        let deadline = Date(timeIntervalSinceNow: seconds)
        let thread = Thread { [self] in
            condition.lock()
            defer { condition.unlock() }
            while !finished && Date() < deadline { _ = condition.wait(until: deadline) }
            while !finished {
                fired = true
                kernel.interrupt()
                _ = condition.wait(until: Date(timeIntervalSinceNow: 0.1))
            }
        }
        thread.name = "adaptive cell watchdog"
        thread.start()
    }

    /// Stops watching; returns true when the kernel was interrupted. No interrupt is
    /// requested after this returns (one requested before may still be pending: clear it).
    func stop() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        condition.signal()
        return fired
    }
}
