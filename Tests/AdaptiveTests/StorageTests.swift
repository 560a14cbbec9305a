import Foundation
import Testing

@testable import Adaptive

// The small storage types the cheap learners are built on.

@Suite struct StorageTests {
    @Test func yieldingLockExcludes() {
        // Threads (more than the cores, so holders get preempted) update two fields that
        // must stay equal; a lost update or a torn pair shows in the totals.
        struct Pair { var a = 0; var b = 0; var torn = 0 }
        let lock = YieldingLock(Pair())
        let threads = 6, rounds = 20_000
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            for _ in 0..<rounds {
                lock.withLock { pair in
                    if pair.a != pair.b { pair.torn += 1 }
                    pair.a += 1
                    pair.b += 1
                }
            }
        }
        let pair = lock.withLock { $0 }
        #expect(pair.a == threads * rounds && pair.b == pair.a && pair.torn == 0)
    }

    @Test func yieldingLockRethrows() {
        struct Failure: Error {}
        let lock = YieldingLock(0)
        #expect(throws: Failure.self) { try lock.withLock { (_: inout Int) throws(Failure) in throw Failure() } }
        #expect(lock.withLock { $0 += 1; return $0 } == 1)   // released after the error
    }
}
