// A full consistency check of the learner's state, for tests (O(n log n)).

extension Learner1D {
    /// Every way the internal state disagrees with itself; empty when consistent.
    /// Checks the links against the indexes, that each heap holds exactly one current
    /// entry per interval with the right priority, and that each combined interval
    /// holds its share of the real interval containing it (+inf outside all real
    /// intervals), bit for bit (or, for a whole real interval, a copy of its loss, as
    /// `removeUnfinished` leaves it).
    func invariantViolations() -> [String] {
        core.withLock {
            $0.flushReal()  // changes no state, only makes the heaps current
            $0.flushCombined()
            return $0.invariantViolations()
        }
    }
}

extension Learner1D.Core {
    func invariantViolations() -> [String] {
        var problems: [String] = []
        func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

        func checkLinks(_ index: SortedChunkedArray<IndexEntry>, real: Bool) {
            let ids = index.map(\.node)
            for (k, entry) in index.enumerated() {
                let node = nodes[Int(entry.node)]
                let (prev, next) = real ? (node.prevReal, node.nextReal) : (node.prev, node.next)
                if node.x != entry.x { problems.append("index x \(entry.x) != node x \(node.x)") }
                if real && node.isPending { problems.append("pending node \(node.x) in the real index") }
                if prev != (k > 0 ? ids[k - 1] : Node.none) || next != (k + 1 < ids.count ? ids[k + 1] : Node.none) {
                    problems.append("\(real ? "real" : "combined") links wrong at \(node.x)")
                }
            }
        }
        problems += realIndex.structureViolations().map { "real index: \($0)" }
        problems += combinedIndex.structureViolations().map { "combined index: \($0)" }
        if !problems.isEmpty { return problems }
        checkLinks(realIndex, real: true)
        checkLinks(combinedIndex, real: false)
        if combinedIndex.filter({ nodes[Int($0.node)].isPending }).count != pendingCount {
            problems.append("pendingCount wrong")
        }
        if combinedIndex.filter({ !nodes[Int($0.node)].isPending }).map(\.x) != realIndex.map(\.x) {
            problems.append("evaluated points differ between the indexes")
        }
        if let first = combinedIndex.first?.x, let last = combinedIndex.last?.x, first < lower || last > upper {
            problems.append("a point outside the bounds")
        }

        func checkHeap(_ heap: Learner1D.LossHeap, real: Bool) {
            var current: [Int32: HeapEntry] = [:]
            for entry in heap.entries {
                let node = nodes[Int(entry.node)]
                guard entry.stamp == (real ? node.realStamp : node.combinedStamp) else { continue }
                if current[entry.node] != nil { problems.append("two current entries for \(node.x)") }
                current[entry.node] = entry
            }
            for entry in real ? realIndex : combinedIndex {
                let node = nodes[Int(entry.node)]
                let next = real ? node.nextReal : node.next
                let heapEntry = current.removeValue(forKey: entry.node)
                if next == Node.none { continue }
                let loss = real ? node.realLoss : node.combinedLoss
                let expected = priority(loss, node.x, x(next))
                if heapEntry?.priority != expected || heapEntry?.left != node.x {
                    problems.append("\(real ? "real" : "combined") interval at \(node.x) not queued right")
                }
            }
            if !current.isEmpty { problems.append("current heap entries for no interval") }
        }
        checkHeap(realHeap, real: true)
        checkHeap(combinedHeap, real: false)

        let realIntervals = intervals(real: true)
        var r = 0
        for interval in intervals(real: false) {
            while r < realIntervals.count && realIntervals[r].right <= interval.left { r += 1 }
            let expected: Double
            if r < realIntervals.count && realIntervals[r].left <= interval.left {
                let containing = realIntervals[r]
                expected = (interval.right - interval.left) * containing.loss / (containing.right - containing.left)
            } else {
                expected = .infinity
            }
            let isCopy = r < realIntervals.count && realIntervals[r] == interval
            if !same(expected, interval.loss) && !isCopy {
                problems.append("combined \(interval): expected share \(expected)")
            }
        }
        return problems
    }
}
