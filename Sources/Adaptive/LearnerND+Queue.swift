extension LearnerND {
    /// Sorted vertex ids of a (sub-)simplex, inline (no allocation), compared as python
    /// compares tuples: lexicographically, a prefix first. Up to 16 vertices.
    struct VertexTuple: Sendable, Equatable {
        static let capacity = 16
        var lanes = SIMD16<Int32>(repeating: -1)

        init(_ ids: [Int]) {
            for (i, v) in ids.enumerated() { lanes[i] = Int32(v) }
        }

        /// The vertex ids of slot `s` of a triangulation (its `vertexIDs`, `width` a slot),
        /// sorted, without an intermediate array. (Passing the triangulation itself from a
        /// mutating method would copy it.)
        init(slot s: Int, vertexIDs: [Int], width: Int) {
            lanes = withUnsafeTemporaryAllocation(of: Int32.self, capacity: Self.capacity) { buffer in
                buffer.initialize(repeating: -1)
                for i in 0..<width {
                    let v = Int32(truncatingIfNeeded: vertexIDs[s * width + i])
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
            rank: SimplexGeometry.roundedRank(l), loss: l, simplex: keys[s],
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
        guard e.isPiece else { return subtriangulations.isEmpty || subtriangulations[s] == nil }
        let sub = subtriangulations[s]
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
