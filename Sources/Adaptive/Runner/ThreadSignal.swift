import Foundation

/// A flag that threads can wait for, without busy waiting: the runner's loop waits on
/// one for completions or a cancel, waiters on another for the runner's end.
///
/// `notify()` sets the flag and wakes all waiters. `wait(until:reset:)` returns at once
/// if the flag is set; with `reset` it clears it (an auto-reset event for a single
/// consumer: a notify between the consumer's check of its inbox and its wait is never
/// lost, because the flag stays set until the consumer takes it).
final class ThreadSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var isSet = false

    /// Sets the flag and wakes every waiter.
    func notify() {
        condition.lock()
        isSet = true
        condition.broadcast()
        condition.unlock()
    }

    /// Whether the flag is set.
    var isNotified: Bool {
        condition.lock()
        defer { condition.unlock() }
        return isSet
    }

    /// Waits until the flag is set or the monotonic time `deadline` (``Monotonic/now()``
    /// seconds; nil: no limit) has passed. Returns whether the flag was set; with
    /// `reset`, clears it.
    @discardableResult
    func wait(until deadline: Double? = nil, reset: Bool = false) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !isSet {
            if let deadline {
                let remaining = deadline - Monotonic.now()
                if remaining <= 0 { break }
                _ = condition.wait(until: Date(timeIntervalSinceNow: remaining))
            } else {
                condition.wait()
            }
        }
        let wasSet = isSet
        if reset { isSet = false }
        return wasSet
    }
}

/// Seconds of a monotonic clock (not affected by changes of the wall clock), for
/// durations and deadlines.
enum Monotonic {
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}

/// Starts a dedicated thread (never a GCD or Swift concurrency pool thread).
func startDedicatedThread(name: String, stackSize: Int = 8 << 20, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread(block: body)
    thread.name = name
    thread.stackSize = stackSize
    thread.start()
}
