// Whole-state operations: recomputing the combined shares, `remove_unfinished`,
// `loss()` and the exports.

extension Learner1D.Core {
    /// Gives every combined interval its share `(b − a) · L / (x_right − x_left)` of the
    /// real interval containing it, or +inf outside all real intervals: exactly the
    /// values the incremental updates maintain. The heaps must be rebuilt after.
    mutating func rebuildShares() {
        var id = combinedIndex.first?.node ?? Node.none
        var containing = Node.none  // the real point starting the real interval we are in
        while id != Node.none {
            let node = nodes[Int(id)]
            if node.next == Node.none { break }
            if !node.isPending { containing = node.nextReal == Node.none ? Node.none : id }
            if containing == Node.none {
                nodes[Int(id)].combinedLoss = .infinity
            } else {
                let real = nodes[Int(containing)]
                nodes[Int(id)].combinedLoss = (x(node.next) - node.x) * real.realLoss / (x(real.nextReal) - real.x)
            }
            id = node.next
        }
    }

    /// `remove_unfinished()`: forget the pending points; the combined intervals become
    /// copies of the real ones (same losses, bit for bit).
    mutating func removeUnfinished() {
        var pool: [Node] = []
        pool.reserveCapacity(realCount)
        var entries: [IndexEntry] = []
        entries.reserveCapacity(realCount)
        for entry in realIndex {
            var node = nodes[Int(entry.node)]
            let id = Int32(pool.count)
            let last = node.nextReal == Node.none
            node.prevReal = id == 0 ? Node.none : id - 1
            node.nextReal = last ? Node.none : id + 1
            node.prev = node.prevReal
            node.next = node.nextReal
            node.combinedLoss = node.realLoss
            node.realStamp = 0  // the heaps start afresh (and no node is dirty)
            node.combinedStamp = 0
            pool.append(node)
            entries.append(.init(x: node.x, node: id))
        }
        nodes = pool
        realDirty = []  // old ids; the heaps are rebuilt below
        combinedDirty = []
        realIndex = SortedChunkedArray(sortedElements: entries)
        combinedIndex = realIndex
        pendingCount = 0
        rebuildRealHeap()
        rebuildCombinedHeap()
    }

    /// `loss(real)`: the stored loss of the first interval in priority order.
    mutating func loss(real: Bool) -> Double {
        if lowerMissing || upperMissing { return .infinity }
        if real {
            return topReal().map { nodes[Int($0.node)].realLoss } ?? .infinity
        }
        return topCombined().map { nodes[Int($0.node)].combinedLoss } ?? .infinity
    }

    var samples: Learner1D.Samples {
        let width = vdim ?? 1
        var xs: [Double] = []
        var values: [Double] = []
        xs.reserveCapacity(realCount)
        values.reserveCapacity(realCount * width)
        for entry in realIndex {
            xs.append(entry.x)
            if isVector {
                values.append(contentsOf: self.values(of: entry.node))
            } else {
                values.append(nodes[Int(entry.node)].y)
            }
        }
        return Learner1D.Samples(xs: xs, values: values, vdim: width)
    }

    var pendingPoints: [Double] {
        var result: [Double] = []
        result.reserveCapacity(pendingCount)
        for entry in combinedIndex where nodes[Int(entry.node)].isPending { result.append(entry.x) }
        return result
    }

    func intervals(real useReal: Bool) -> [Learner1D.IntervalLoss] {
        var result: [Learner1D.IntervalLoss] = []
        for entry in useReal ? realIndex : combinedIndex {
            let node = nodes[Int(entry.node)]
            let next = useReal ? node.nextReal : node.next
            if next == Node.none { continue }
            result.append(.init(left: node.x, right: x(next), loss: useReal ? node.realLoss : node.combinedLoss))
        }
        return result
    }
}
