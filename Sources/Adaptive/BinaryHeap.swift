/// An element of a ``BinaryHeap``: `precedes` says which of two comes out first. It must
/// be a strict total order on the elements a heap holds at once, so that the order in
/// which they come out does not depend on the order they went in.
protocol HeapOrdered {
    static func precedes(_ a: Self, _ b: Self) -> Bool
}

/// A binary heap: the element that precedes all others comes out first. The learners'
/// loss queues: stale elements are left in and skipped by the user when they reach the
/// top (lazy deletion), or dropped all at once with ``filter(_:)`` or ``rebuild(_:)``.
///
/// O(log n) push and pop, O(n) rebuild; the sift loops run on the unsafe buffer (the
/// learners' hottest loops).
struct BinaryHeap<Element: HeapOrdered>: Sendable where Element: Sendable {
    private(set) var entries: [Element] = []

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }
    var first: Element? { entries.first }

    mutating func push(_ entry: Element) {
        entries.append(entry)
        var child = entries.count - 1
        entries.withUnsafeMutableBufferPointer { heap in
            while child > 0 {
                let parent = (child - 1) >> 1
                guard Element.precedes(entry, heap[parent]) else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = entry
        }
    }

    /// Takes out the first element; nil when empty.
    @discardableResult
    mutating func popFirst() -> Element? {
        guard !entries.isEmpty else { return nil }
        return removeFirst()
    }

    /// Takes out the first element; the heap must not be empty.
    @discardableResult
    mutating func removeFirst() -> Element {
        let top = entries[0]
        let last = entries.removeLast()
        if !entries.isEmpty { siftDown(from: 0, last) }
        return top
    }

    /// Replaces the first element by `entry`: a pop and a push for the price of one.
    /// The heap must not be empty.
    mutating func replaceFirst(with entry: Element) {
        siftDown(from: 0, entry)
    }

    /// Replaces the contents (in any order) in O(n).
    mutating func rebuild(_ newEntries: [Element]) {
        entries = newEntries
        var i = entries.count / 2 - 1
        while i >= 0 {
            siftDown(from: i, entries[i])
            i -= 1
        }
    }

    /// Keeps only the elements satisfying `keep`, in O(n).
    mutating func filter(_ keep: (Element) -> Bool) {
        rebuild(entries.filter(keep))
    }

    /// Puts `entry` into the hole at `start` and restores the order below it.
    private mutating func siftDown(from start: Int, _ entry: Element) {
        entries.withUnsafeMutableBufferPointer { heap in
            let n = heap.count
            var parent = start
            while true {
                var child = 2 * parent + 1
                if child >= n { break }
                if child + 1 < n && Element.precedes(heap[child + 1], heap[child]) { child += 1 }
                guard Element.precedes(heap[child], entry) else { break }
                heap[parent] = heap[child]
                parent = child
            }
            heap[parent] = entry
        }
    }
}
