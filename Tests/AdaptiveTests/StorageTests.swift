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

    @Test func pagedArrayGrowsByPagesAndCopiesOnWrite() {
        var a = PagedArray<Double>(filler: -1)
        #expect(a.count == 0)
        a.grow(toInclude: 0)
        #expect(a.count == 4096 && a[4095] == -1)
        a[7] = 7
        a.grow(toInclude: 10_000)
        #expect(a.count == 3 * 4096 && a[7] == 7 && a[10_000] == -1)
        var b = a
        b[7] = 8
        b[12_000] = 12
        #expect(a[7] == 7 && a[12_000] == -1 && b[7] == 8 && b[12_000] == 12)
    }

    @Test func averageLearnerSeedsMoveFromSparseToDense() throws {
        // Seeds far beyond those told are kept aside until the dense pages reach them.
        let learner = try AverageLearner(atol: 0.1)
        try learner.tell(9000, 3)
        try learner.tellPending(9001)
        for s in 0..<9000 { try learner.tell(s, 1) }
        #expect(learner.npoints == 9001 && learner.sums.sum == 9003)
        #expect(learner.pendingPoints == [9001])
        #expect(learner.data.suffix(2).map(\.seed) == [8999, 9000])
        #expect(learner.askOne()?.point == 9002)
        try learner.tell(9000, 5)   // told before: ignored
        #expect(learner.sums.sum == 9003)
    }

    @Test func averageLearnerSavedStateIsACopy() throws {
        // What a BalancingLearner does around ask(tellPending: false): the saved state
        // must not see later tells, however often it is put back.
        let learner = try AverageLearner(atol: 0.1)
        for s in 0..<10 { try learner.tell(s, Double(s)) }
        let restore = learner.saveState()
        let before = (learner.data.map(\.value), learner.loss(), learner.pendingPoints)
        for _ in 0..<2 {
            for s in 5..<5000 { try learner.tell(s == 5 ? 100 : s, -1) }
            _ = learner.askOne()
            restore()
            #expect(learner.data.map(\.value) == before.0 && learner.loss() == before.1)
            #expect(learner.pendingPoints == before.2 && learner.npoints == 10)
        }
        #expect(learner.askOne()?.point == 10)
    }
}
