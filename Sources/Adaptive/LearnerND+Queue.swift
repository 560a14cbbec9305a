/// An element of a ``BinaryHeap``: `precedes` says which of two comes out first.
protocol HeapOrdered {
    static func precedes(_ a: Self, _ b: Self) -> Bool
}

/// A binary heap: the element that precedes all others comes out first. Stale elements
/// are left in and skipped by the user (lazy deletion).
struct BinaryHeap<Element: HeapOrdered>: Sendable where Element: Sendable {
    private(set) var entries: [Element] = []

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }
    var first: Element? { entries.first }

    mutating func push(_ entry: Element) {
        entries.append(entry)
        var i = entries.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Element.precedes(entry, entries[parent]) else { break }
            entries[i] = entries[parent]
            i = parent
        }
        entries[i] = entry
    }

    mutating func popFirst() -> Element? {
        guard !entries.isEmpty else { return nil }
        let top = entries[0]
        let last = entries.removeLast()
        if !entries.isEmpty { siftDown(from: 0, last) }
        return top
    }

    private mutating func siftDown(from start: Int, _ entry: Element) {
        var i = start
        let n = entries.count
        while true {
            var child = 2 * i + 1
            if child >= n { break }
            if child + 1 < n && Element.precedes(entries[child + 1], entries[child]) { child += 1 }
            guard Element.precedes(entries[child], entry) else { break }
            entries[i] = entries[child]
            i = child
        }
        entries[i] = entry
    }

    /// Keeps only the elements satisfying `keep`, in O(n).
    mutating func filter(_ keep: (Element) -> Bool) {
        entries = entries.filter(keep)
        var i = entries.count / 2 - 1
        while i >= 0 {
            siftDown(from: i, entries[i])
            i -= 1
        }
    }
}

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

extension LearnerND {
    /// Sorted vertex ids of a (sub-)simplex, inline (no allocation), compared as python
    /// compares tuples: lexicographically, a prefix first. Up to 16 vertices.
    struct VertexTuple: Sendable, Equatable {
        static let capacity = 16
        var lanes = SIMD16<Int32>(repeating: -1)

        init(_ ids: [Int]) {
            for (i, v) in ids.enumerated() { lanes[i] = Int32(v) }
        }

        /// The vertex ids of slot `s` of `tri`, sorted, without an intermediate array.
        init(slot s: Int, of tri: TriangulationND) {
            let width = tri.dimension + 1
            lanes = withUnsafeTemporaryAllocation(of: Int32.self, capacity: Self.capacity) { buffer in
                buffer.initialize(repeating: -1)
                for i in 0..<width {
                    let v = Int32(truncatingIfNeeded: tri.vertexIDs[s * width + i])
                    var j = i
                    while j > 0 && buffer[j - 1] > v {
                        buffer[j] = buffer[j - 1]
                        j -= 1
                    }
                    buffer[j] = v
                }
                return SIMD16<Int32>(buffer)
            }
        }

        /// python's `(0,)`, the sub-simplex key of a real entry.
        static let realMarker = VertexTuple([0])

        static func precedes(_ a: VertexTuple, _ b: VertexTuple) -> Bool {
            for i in 0..<capacity where a.lanes[i] != b.lanes[i] { return a.lanes[i] < b.lanes[i] }
            return false
        }

        var ids: [Int] { (0..<Self.capacity).compactMap { lanes[$0] >= 0 ? Int(lanes[$0]) : nil } }
    }

    /// A (sub-)simplex waiting to be split, ordered as python's `_simplex_queue`:
    /// largest loss rounded to 8 digits first, then the smaller sorted vertex tuple of
    /// the real simplex, then of the sub-simplex (`(0,)` for a real entry).
    struct QueueEntry: KeyedHeapOrdered, Sendable {
        /// `round(loss, 8) · 10⁸` (NaN ranks as +inf).
        var rank: Double
        /// The loss as computed: what `ask` returns as the loss improvement.
        var loss: Double
        /// The real simplex: sorted vertex ids, slot and the slot's generation.
        var simplex: VertexTuple
        var slot: Int32
        var generation: UInt32
        /// For a pending piece: its sorted local vertex ids, the sub-triangulation's id,
        /// the piece's slot there and that slot's generation.
        var sub: VertexTuple = .realMarker
        var isPiece = false
        var subID: Int32 = -1
        var subSlot: Int32 = -1
        var subGeneration: UInt32 = 0
        /// The push order: equal keys come out oldest first, as from python's sorted list.
        var order: UInt64 = 0

        var heapKey: Double { rank }

        static func precedes(_ a: QueueEntry, _ b: QueueEntry) -> Bool {
            if a.rank != b.rank { return a.rank > b.rank }
            if a.simplex != b.simplex { return VertexTuple.precedes(a.simplex, b.simplex) }
            if a.sub != b.sub { return VertexTuple.precedes(a.sub, b.sub) }
            return a.order < b.order
        }
    }

    /// A real simplex's loss, for ``LearnerND/loss(real:)``; stale once the slot's stamp moved.
    struct MaxLossEntry: HeapOrdered, Sendable {
        var key: Double
        var slot: Int32
        var stamp: UInt32

        static func precedes(_ a: MaxLossEntry, _ b: MaxLossEntry) -> Bool {
            a.key > b.key || (a.key == b.key && a.slot < b.slot)
        }
    }
}

extension LearnerND.Core {
    /// Queues the real simplex `s` with its current loss.
    mutating func queueReal(_ s: Int) {
        let l = losses[s]
        push(LearnerND.QueueEntry(
            rank: SimplexGeometry.roundedRank(l), loss: l, simplex: .init(slot: s, of: tri),
            slot: Int32(s), generation: generations[s]))
    }

    mutating func push(_ entry: LearnerND.QueueEntry) {
        var entry = entry
        entry.order = pushCount
        pushCount &+= 1
        queue.push(entry)
        compactIfNeeded()
    }

    /// Whether `e` still names a live (sub-)simplex that can be split.
    func isValid(_ e: LearnerND.QueueEntry) -> Bool {
        let s = Int(e.slot)
        guard tri.isSimplex(s), generations[s] == e.generation else { return false }
        let sub = subtriangulations[s]
        guard e.isPiece else { return sub == nil }
        guard let sub, sub.id == e.subID else { return false }
        return sub.isCurrent(Int(e.subSlot), e.subGeneration)
    }

    /// Drops entries of simplices that are gone once the queue is much longer than needed.
    mutating func compactIfNeeded() {
        guard queue.count > 3 * tri.simplexCount + 2048 else { return }
        queue.filter { e in
            let s = Int(e.slot)
            return tri.isSimplex(s) && generations[s] == e.generation
                && (!e.isPiece || subtriangulations[s]?.id == e.subID)
        }
    }
}
