#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A lock around state whose critical sections are short and taken millions of times
/// a second: the cheap learners' ask and tell (``AverageLearner``,
/// ``IntegratorLearner``).
///
/// Same use as `Mutex`: `lock.withLock { state in … }`. Unlocking is a plain store
/// with release ordering instead of `Mutex`'s atomic compare-and-swap: one atomic
/// read-modify-write per critical section instead of two, which is a large part of a
/// cheap learner's cost per point (about 10 ns of 50 for the ``AverageLearner``, 15
/// of 90 for the ``IntegratorLearner`` on W6-exp).
///
/// The price: a thread that finds the lock taken does not sleep in the kernel until
/// it is woken (unlocking cannot know whether anyone waits without a second atomic
/// operation); it retries, first spinning briefly, then yielding its core to other
/// threads between tries. So it suits critical sections that never block and are
/// short (microseconds, at most milliseconds for a rare copy of a learner's state):
/// a waiter burns its core while it waits.
final class YieldingLock<State>: @unchecked Sendable {
    private let word = Atomic<UInt32>(0)
    private let state: UnsafeMutablePointer<State>

    init(_ initial: State) {
        state = .allocate(capacity: 1)
        state.initialize(to: initial)
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Runs `body` with exclusive access to the state.
    @inline(__always)
    func withLock<Result, E: Error>(_ body: (inout State) throws(E) -> Result) throws(E) -> Result {
        if !word.compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged { lockSlowly() }
        defer { word.store(0, ordering: .releasing) }
        return try body(&state.pointee)
    }

    @inline(never)
    private func lockSlowly() {
        var tries = 0
        while true {
            // Read before trying, so that waiters do not take the cache line from the holder.
            if word.load(ordering: .relaxed) == 0,
                word.compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged
            {
                return
            }
            tries += 1
            if tries >= 100 { sched_yield() }
        }
    }
}
