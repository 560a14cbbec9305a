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
