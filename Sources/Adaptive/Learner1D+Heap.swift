// The loss queues: intervals ordered like python-adaptive's `loss_manager`, kept in
// binary heaps with lazy deletion.

extension Learner1D {
    /// python-adaptive's `finite_loss(ival, loss, x_scale)[0]`: a non-finite loss (inf
    /// or NaN) is replaced by the interval's relative length (÷ `parts` for a split
    /// interval), then rounded to 12 decimals with `int(loss * 1e12 + 0.5) / 1e12`
    /// (round half up, truncating toward zero), so that losses equal up to round-off
    /// tie and the tie goes to the left-most interval.
    @inline(__always)
    static func finiteLoss(
        _ loss: Double, left: Double, right: Double, xScale: Double, parts: Int = 1
    ) -> Double {
        var value = loss
        if !value.isFinite {
            value = (right - left) / xScale
            if parts != 1 { value /= Double(parts) }
        }
        return (value * 1e12 + 0.5).rounded(.towardZero) / 1e12
    }

    /// An interval in a loss heap: the interval starting at `node`, as it was when
    /// pushed. It is current while the node's stamp still equals `stamp` (even).
    struct HeapEntry: HeapOrdered, Sendable {
        /// `-finiteLoss`: ascending order puts the largest loss first.
        var priority: Double
        /// The left end; ties in priority go to the smaller one (intervals in one
        /// heap never share a left end, so the right end is never needed).
        var left: Double
        var node: Int32
        var stamp: UInt32

        @inline(__always)
        static func precedes(_ a: HeapEntry, _ b: HeapEntry) -> Bool {
            a.priority < b.priority || (a.priority == b.priority && a.left < b.left)
        }
    }

    /// The loss heaps. Updating an interval pushes a new entry and bumps the node's
    /// stamp; outdated entries are dropped when they reach the top, or all at once when
    /// they outnumber the current ones (`Core.compact…`).
    typealias LossHeap = BinaryHeap<HeapEntry>
}

extension Learner1D.Core {
    typealias HeapEntry = Learner1D.HeapEntry

    @inline(__always)
    func priority(_ loss: Double, _ left: Double, _ right: Double) -> Double {
        -Learner1D.finiteLoss(loss, left: left, right: right, xScale: xScale)
    }

    // Setting a loss marks the node dirty (odd stamp) and lists it; the heap gets one
    // entry per dirty node when it is next read (`flush…`), which retires the node's
    // older entries by moving its stamp on. So an interval updated twice between reads
    // (as pending points are split and then told) is pushed once.

    /// Sets the loss of the real interval starting at `id` (which has a real successor).
    mutating func setRealLoss(_ id: Int32, _ loss: Double) {
        let i = Int(id)
        nodes[i].realLoss = loss.isNaN ? .nan : loss
        if nodes[i].realStamp & 1 == 0 {
            nodes[i].realStamp |= 1
            realDirty.append(id)
        }
    }

    /// Sets the loss of the combined interval starting at `id` (which has a successor).
    mutating func setCombinedLoss(_ id: Int32, _ loss: Double) {
        let i = Int(id)
        nodes[i].combinedLoss = loss.isNaN ? .nan : loss
        if nodes[i].combinedStamp & 1 == 0 {
            nodes[i].combinedStamp |= 1
            combinedDirty.append(id)
        }
    }

    /// Pushes one entry per dirty real interval (retiring its older entries).
    mutating func flushReal() {
        for id in realDirty {
            let i = Int(id)
            nodes[i].realStamp &+= 1
            let left = nodes[i].x
            let right = x(nodes[i].nextReal)
            let entry = HeapEntry(
                priority: priority(nodes[i].realLoss, left, right), left: left, node: id, stamp: nodes[i].realStamp)
            if let top = realHeap.first, nodes[Int(top.node)].realStamp != top.stamp {
                realHeap.replaceFirst(with: entry)  // the top is outdated anyway
            } else {
                realHeap.push(entry)
            }
        }
        realDirty.removeAll(keepingCapacity: true)
        if realHeap.count > 2 * realCount + 64 { rebuildRealHeap() }
    }

    /// Pushes one entry per dirty combined interval (retiring its older entries).
    mutating func flushCombined() {
        for id in combinedDirty {
            let i = Int(id)
            nodes[i].combinedStamp &+= 1
            let left = nodes[i].x
            let right = x(nodes[i].next)
            let entry = HeapEntry(
                priority: priority(nodes[i].combinedLoss, left, right), left: left, node: id,
                stamp: nodes[i].combinedStamp)
            if let top = combinedHeap.first, nodes[Int(top.node)].combinedStamp != top.stamp {
                combinedHeap.replaceFirst(with: entry)  // the top is outdated anyway
            } else {
                combinedHeap.push(entry)
            }
        }
        combinedDirty.removeAll(keepingCapacity: true)
        if combinedHeap.count > 2 * combinedIndex.count + 64 { rebuildCombinedHeap() }
    }

    /// The current top of the real heap (dropping outdated entries above it).
    mutating func topReal() -> HeapEntry? {
        if !realDirty.isEmpty { flushReal() }
        while let entry = realHeap.first {
            if nodes[Int(entry.node)].realStamp == entry.stamp { return entry }
            realHeap.removeFirst()
        }
        return nil
    }

    /// The current top of the combined heap (dropping outdated entries above it).
    mutating func topCombined() -> HeapEntry? {
        if !combinedDirty.isEmpty { flushCombined() }
        while let entry = combinedHeap.first {
            if nodes[Int(entry.node)].combinedStamp == entry.stamp { return entry }
            combinedHeap.removeFirst()
        }
        return nil
    }

    /// Rebuilds the real heap from the nodes: one entry per real interval.
    mutating func rebuildRealHeap() {
        for id in realDirty { nodes[Int(id)].realStamp &+= 1 }
        realDirty.removeAll(keepingCapacity: true)
        var entries: [HeapEntry] = []
        entries.reserveCapacity(2 * realCount + 64)
        for entry in realIndex {
            let node = nodes[Int(entry.node)]
            guard node.nextReal != Learner1D.Node.none else { continue }
            entries.append(
                HeapEntry(
                    priority: priority(node.realLoss, node.x, x(node.nextReal)), left: node.x, node: entry.node,
                    stamp: node.realStamp))
        }
        realHeap.rebuild(entries)
    }

    /// Rebuilds the combined heap from the nodes: one entry per combined interval.
    mutating func rebuildCombinedHeap() {
        for id in combinedDirty { nodes[Int(id)].combinedStamp &+= 1 }
        combinedDirty.removeAll(keepingCapacity: true)
        var entries: [HeapEntry] = []
        entries.reserveCapacity(2 * combinedIndex.count + 64)
        for entry in combinedIndex {
            let node = nodes[Int(entry.node)]
            guard node.next != Learner1D.Node.none else { continue }
            entries.append(
                HeapEntry(
                    priority: priority(node.combinedLoss, node.x, x(node.next)), left: node.x, node: entry.node,
                    stamp: node.combinedStamp))
        }
        combinedHeap.rebuild(entries)
    }
}
