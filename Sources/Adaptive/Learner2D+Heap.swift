extension Learner2D {
    /// A triangle loss in the priority queue. Stale entries (the slot was removed or
    /// its loss recomputed since) are recognised by their generation and skipped.
    struct HeapEntry: HeapOrdered, Sendable {
        /// The loss used for ordering: NaN ranks as +inf (NumPy's argmax picks NaN).
        var key: Double
        var slot: Int32
        var generation: UInt32

        /// Larger key first; ties go to the smaller slot.
        @inline(__always)
        static func precedes(_ a: HeapEntry, _ b: HeapEntry) -> Bool {
            a.key > b.key || (a.key == b.key && a.slot < b.slot)
        }
    }

    /// A binary max-heap of triangle losses with lazy deletion.
    typealias LossHeap = BinaryHeap<HeapEntry>
}

extension Learner2D.Mesh {
    /// The queue key of a loss: NaN ranks as +inf.
    @inline(__always) static func key(_ loss: Double) -> Double { loss.isNaN ? .infinity : loss }

    /// Rescores every triangle with the current value scale and rebuilds the queue.
    mutating func recomputeAll() {
        lossScale = valueScale
        var entries: [Learner2D.HeapEntry] = []
        entries.reserveCapacity(tri.triangleCount)
        for t in 0..<tri.slotCount where tri.isTriangle(t) {
            generations[t] &+= 1
            let key = Self.key(computeLoss(t))
            queuedKeys[t] = key
            entries.append(Learner2D.HeapEntry(key: key, slot: Int32(t), generation: generations[t]))
        }
        heap.rebuild(entries)
    }

    /// Rescores the given triangles (ids of live finite triangles, may repeat). A
    /// triangle whose loss went down keeps its queue entry, which then ranks it too
    /// high: `top` and `maxLoss` lower such an entry when it comes first. Most
    /// rescorings after a point change losses a little either way, so this halves the
    /// pushes and the stale entries.
    mutating func rescore(_ slots: [Int]) {
        for t in slots where tri.isTriangle(t) {
            let key = Self.key(computeLoss(t))
            if key <= queuedKeys[t] { continue }
            generations[t] &+= 1
            queuedKeys[t] = key
            heap.push(Learner2D.HeapEntry(key: key, slot: Int32(t), generation: generations[t]))
        }
        if heap.count > 2 * tri.triangleCount + 64 { compactHeap() }
    }

    /// Drops the stale entries and brings the keys down to the current losses.
    mutating func compactHeap() {
        var entries: [Learner2D.HeapEntry] = []
        entries.reserveCapacity(tri.triangleCount)
        for var e in heap.entries where isCurrent(e) {
            e.key = Self.key(losses[Int(e.slot)])
            queuedKeys[Int(e.slot)] = e.key
            entries.append(e)
        }
        heap.rebuild(entries)
    }

    @inline(__always) func isCurrent(_ e: Learner2D.HeapEntry) -> Bool {
        let t = Int(e.slot)
        return tri.isTriangle(t) && generations[t] == e.generation
    }

    /// Removes stale entries from the front, and lowers a current one ranking its
    /// triangle above its loss, until the first entry is current and exact.
    mutating func settleFirst() {
        while let e = heap.first {
            if !isCurrent(e) {
                _ = heap.popFirst()
                continue
            }
            let key = Self.key(losses[Int(e.slot)])
            guard key < e.key else { return }
            var lowered = heap.removeFirst()
            lowered.key = key
            queuedKeys[Int(e.slot)] = key
            heap.push(lowered)
        }
    }

    /// The `k` triangles with the largest losses, largest first, with their losses.
    mutating func top(_ k: Int) -> [(slot: Int, loss: Double)] {
        var taken: [Learner2D.HeapEntry] = []
        while taken.count < k {
            settleFirst()
            guard !heap.isEmpty else { break }
            taken.append(heap.removeFirst())
        }
        for e in taken { heap.push(e) }
        return taken.map { (Int($0.slot), losses[Int($0.slot)]) }
    }

    /// The largest loss (its stored value, possibly NaN), or nil without triangles.
    mutating func maxLoss() -> Double? {
        settleFirst()
        return heap.first.map { losses[Int($0.slot)] }
    }
}
