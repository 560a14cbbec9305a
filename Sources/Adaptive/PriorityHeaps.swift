/// A heap element with a primary key: a larger key comes out first, and `precedes`
/// decides between equal keys only.
protocol KeyedHeapOrdered: HeapOrdered {
    var heapKey: Double { get }
}

/// A binary heap of large elements: they stay in a pool, the heap moves their keys and
/// indices, and looks at the elements only to break ties.
struct PooledHeap<Element: KeyedHeapOrdered>: Sendable where Element: Sendable {
    private struct Node {
        var key: Double
        var index: Int32
    }
    private var pool: [Element] = []
    private var freeSlots: [Int32] = []
    private var heap: [Node] = []

    var count: Int { heap.count }
    var isEmpty: Bool { heap.isEmpty }

    @inline(__always) private func precedes(_ a: Node, _ b: Node) -> Bool {
        if a.key != b.key { return a.key > b.key }
        return pool.withUnsafeBufferPointer { Element.precedes($0[Int(a.index)], $0[Int(b.index)]) }
    }

    mutating func push(_ entry: Element) {
        let index: Int32
        if let free = freeSlots.popLast() {
            index = free
            pool[Int(index)] = entry
        } else {
            index = Int32(pool.count)
            pool.append(entry)
        }
        let node = Node(key: entry.heapKey, index: index)
        heap.append(node)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard precedes(node, heap[parent]) else { break }
            heap[i] = heap[parent]
            i = parent
        }
        heap[i] = node
    }

    mutating func popFirst() -> Element? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty { siftDown(from: 0, last) }
        freeSlots.append(top.index)
        return pool[Int(top.index)]
    }

    private mutating func siftDown(from start: Int, _ node: Node) {
        var i = start
        let n = heap.count
        while true {
            var child = 2 * i + 1
            if child >= n { break }
            if child + 1 < n && precedes(heap[child + 1], heap[child]) { child += 1 }
            guard precedes(heap[child], node) else { break }
            heap[i] = heap[child]
            i = child
        }
        heap[i] = node
    }

    /// Keeps only the elements satisfying `keep`, in O(n).
    mutating func filter(_ keep: (Element) -> Bool) {
        var kept: [Node] = []
        kept.reserveCapacity(heap.count)
        for node in heap {
            if keep(pool[Int(node.index)]) { kept.append(node) } else { freeSlots.append(node.index) }
        }
        heap = kept
        var i = heap.count / 2 - 1
        while i >= 0 {
            siftDown(from: i, heap[i])
            i -= 1
        }
    }
}
