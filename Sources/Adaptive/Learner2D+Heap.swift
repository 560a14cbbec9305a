extension Learner2D {
    /// A triangle loss in the priority queue. Stale entries (the slot was removed or
    /// its loss recomputed since) are recognised by their generation and skipped.
    struct HeapEntry {
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
    struct LossHeap {
        var entries: [HeapEntry] = []

        var isEmpty: Bool { entries.isEmpty }
        var count: Int { entries.count }
        var first: HeapEntry? { entries.first }

        mutating func push(_ entry: HeapEntry) {
            entries.append(entry)
            var i = entries.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard HeapEntry.precedes(entry, entries[parent]) else { break }
                entries[i] = entries[parent]
                i = parent
            }
            entries[i] = entry
        }

        mutating func popFirst() -> HeapEntry {
            let top = entries[0]
            let last = entries.removeLast()
            if !entries.isEmpty { siftDown(from: 0, last) }
            return top
        }

        private mutating func siftDown(from start: Int, _ entry: HeapEntry) {
            var i = start
            let n = entries.count
            while true {
                var child = 2 * i + 1
                if child >= n { break }
                if child + 1 < n && HeapEntry.precedes(entries[child + 1], entries[child]) { child += 1 }
                guard HeapEntry.precedes(entries[child], entry) else { break }
                entries[i] = entries[child]
                i = child
            }
            entries[i] = entry
        }

        /// Replaces the content with `newEntries` in O(n).
        mutating func rebuild(_ newEntries: [HeapEntry]) {
            entries = newEntries
            var i = entries.count / 2 - 1
            while i >= 0 {
                siftDown(from: i, entries[i])
                i -= 1
            }
        }
    }
}
