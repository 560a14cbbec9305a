// Telling values: one at a time, and in bulk with the same resulting state.

extension Learner1D.Core {
    typealias IndexEntry = Learner1D.IndexEntry

    enum Values {
        case scalars([Double])
        case vectors([[Double]])
    }

    mutating func tell(_ x: Double, _ y: Double) throws {
        try checkInBounds(x, "told")
        let location = locate(x)
        if let node = location.node, !nodes[Int(node)].isPending { return }
        try checkComponents(1, at: x)
        vdim = 1
        insertEvaluated(x, stored: y, at: location)
        try rethrowLossError()
    }

    mutating func tell(_ x: Double, vector y: [Double]) throws {
        try checkInBounds(x, "told")
        let location = locate(x)
        if let node = location.node, !nodes[Int(node)].isPending { return }
        try checkComponents(y.count, at: x)
        insertEvaluated(x, stored: store(y), at: location)
        try rethrowLossError()
    }

    /// Records the output length and returns what `Node.y` holds for `y`: the
    /// value itself for 1 component, else the slot of the appended vector.
    mutating func store(_ y: [Double]) -> Double {
        vdim = y.count
        if y.count == 1 { return y[0] }
        let slot = vectors.count / y.count
        vectors.append(contentsOf: y)
        return Double(slot)
    }

    /// `tell_many`: the same state as telling the points one by one, in order (first
    /// occurrence of a repeated x wins; evaluated x's are ignored). Every input is
    /// validated before anything changes. `forceBulk` (for tests) always takes the
    /// bulk path, like python's `force=True`.
    mutating func tellMany(_ xs: [Double], _ values: Values, forceBulk: Bool = false) throws {
        let count: Int
        switch values {
        case .scalars(let ys): count = ys.count
        case .vectors(let ys): count = ys.count
        }
        guard xs.count == count else {
            throw AdaptiveError("Learner1D: tellMany got \(xs.count) xs but \(count) values")
        }
        for x in xs { try checkInBounds(x, "told") }
        var seen = Set<Double>()
        var accepted: [Int] = []
        for (i, x) in xs.enumerated() where !isEvaluated(x) && seen.insert(x).inserted {
            accepted.append(i)
        }
        // Validate the lengths as if told in order.
        var width = vdim
        for i in accepted {
            let n: Int
            if case .vectors(let ys) = values { n = ys[i].count } else { n = 1 }
            let f = AdaptiveError.format
            if n == 0 { throw AdaptiveError("Learner1D: the value at x = \(f(xs[i])) is empty") }
            if let width, width != n {
                throw AdaptiveError(
                    "Learner1D: the value at x = \(f(xs[i])) has \(n) component\(n == 1 ? "" : "s"), "
                        + "expected \(width) like the earlier values")
            }
            width = n
        }
        var points: [(x: Double, stored: Double)] = []
        points.reserveCapacity(accepted.count)
        for i in accepted {
            switch values {
            case .scalars(let ys):
                vdim = 1
                points.append((xs[i], ys[i]))
            case .vectors(let ys): points.append((xs[i], store(ys[i])))
            }
        }
        // Python's heuristic for its bulk path; both paths give the same state.
        if (forceBulk && !points.isEmpty) || (points.count > 2 && Double(points.count) > 0.5 * Double(realCount)) {
            bulkInsert(points)
        } else {
            for point in points { insertEvaluated(point.x, stored: point.stored, at: locate(point.x)) }
        }
        try rethrowLossError()
    }

    /// Inserts new evaluated points (unique, not evaluated before) with the result of
    /// inserting them one by one in the given order, in O((n + k) log(n + k)).
    ///
    /// One-by-one, an interval's final loss is the one computed at the last tell
    /// inside its neighbourhood (the points it is computed from) or at the last full
    /// recompute, whichever is later, with the y-scale of that moment. So: simulate
    /// the y-scale over the sequence, relink, and compute each touched interval once.
    mutating func bulkInsert(_ points: [(x: Double, stored: Double)]) {
        var range = yRange
        var old = oldScale
        var lastRecompute = 0
        var divisors = [yRange.divisor]
        divisors.reserveCapacity(points.count + 1)
        for (t, point) in points.enumerated() {
            if isVector {
                let start = Int(point.stored) * vdim!
                range.include(vectors[start..<(start + vdim!)])
            } else {
                range.include(point.stored)
            }
            divisors.append(range.divisor)
            if range.scale > recomputeFactor * old {
                lastRecompute = t + 1
                old = range.scale
            }
        }
        // The new nodes (or the pending nodes becoming real), by x, with their tell time.
        var time = [Int32](repeating: 0, count: nodes.count + points.count)
        var added: [(x: Double, node: Int32, isNew: Bool)] = []
        added.reserveCapacity(points.count)
        for (t, point) in points.enumerated() {
            let id: Int32
            let existing = locate(point.x).node
            if let existing {
                id = existing
                pendingCount -= 1
            } else {
                id = Int32(nodes.count)
                nodes.append(
                    Node(
                        x: point.x, y: 0, realLoss: .nan, combinedLoss: .nan, prev: Node.none, next: Node.none,
                        prevReal: Node.none, nextReal: Node.none, realStamp: 0, combinedStamp: 0))
            }
            nodes[Int(id)].y = point.stored
            nodes[Int(id)].nextReal = Node.none  // no longer pending
            time[Int(id)] = Int32(t + 1)
            added.append((point.x, id, existing == nil))
        }
        added.sort { $0.x < $1.x }
        // Merge into both orders and relink.
        let realOrder = Self.merge(realIndex, added.lazy.map { IndexEntry(x: $0.x, node: $0.node) })
        let combinedOrder = Self.merge(
            combinedIndex, added.lazy.filter(\.isNew).map { IndexEntry(x: $0.x, node: $0.node) })
        for (k, entry) in realOrder.enumerated() {
            nodes[Int(entry.node)].prevReal = k > 0 ? realOrder[k - 1].node : Node.none
            nodes[Int(entry.node)].nextReal = k + 1 < realOrder.count ? realOrder[k + 1].node : Node.none
        }
        for (k, entry) in combinedOrder.enumerated() {
            nodes[Int(entry.node)].prev = k > 0 ? combinedOrder[k - 1].node : Node.none
            nodes[Int(entry.node)].next = k + 1 < combinedOrder.count ? combinedOrder[k + 1].node : Node.none
        }
        realIndex = SortedChunkedArray(sortedElements: realOrder)
        combinedIndex = SortedChunkedArray(sortedElements: combinedOrder)
        // Recompute the intervals touched by the new points, at the scale of that moment.
        for j in 0..<max(0, realOrder.count - 1) {
            var t = Int32(lastRecompute)
            for w in max(0, j - nn)...min(realOrder.count - 1, j + nn + 1) {
                t = max(t, time[Int(realOrder[w].node)])
            }
            if t == 0 { continue }  // an interval untouched by the new points
            let id = realOrder[j].node
            nodes[Int(id)].realLoss = computeLoss(at: id, divisor: divisors[Int(t)])
        }
        yRange = range
        oldScale = old
        rebuildShares()
        rebuildRealHeap()
        rebuildCombinedHeap()
    }

    /// The entries of `index` and `added` (sorted, no x in common) in x order.
    static func merge(
        _ index: SortedChunkedArray<IndexEntry>, _ added: some Sequence<IndexEntry>
    ) -> [IndexEntry] {
        var result: [IndexEntry] = []
        result.reserveCapacity(index.count)
        var old = index.makeIterator()
        var nextOld = old.next()
        for entry in added {
            while let o = nextOld, o.x < entry.x {
                result.append(o)
                nextOld = old.next()
            }
            result.append(entry)
        }
        while let o = nextOld {
            result.append(o)
            nextOld = old.next()
        }
        return result
    }
}
