// `tell` and `tell_pending` (spec §1.6): python-adaptive's `_update_losses` and
// `_update_interpolated_loss_in_interval`, on the linked points.

extension Learner1D.Core {
    typealias Node = Learner1D.Node

    // Note: the small helpers called from mutating methods are inlined: a call would
    // pass a copy of the whole state.

    @inline(__always)
    func checkInBounds(_ x: Double, _ what: String) throws {
        guard x >= lower && x <= upper else { throw outOfBounds(x, what) }
    }

    func outOfBounds(_ x: Double, _ what: String) -> AdaptiveError {
        let f = AdaptiveError.format
        return AdaptiveError("Learner1D: \(what) x = \(f(x)) is outside the bounds {\(f(lower)), \(f(upper))}")
    }

    /// Checks the length of a told value against the learner's output length.
    func checkComponents(_ count: Int, at x: Double) throws {
        let f = AdaptiveError.format
        guard count > 0 else { throw AdaptiveError("Learner1D: the value at x = \(f(x)) is empty") }
        if let vdim, vdim != count {
            throw AdaptiveError(
                "Learner1D: the value at x = \(f(x)) has \(count) component\(count == 1 ? "" : "s"), "
                    + "expected \(vdim) like the earlier values")
        }
    }

    typealias CombinedIndex = SortedChunkedArray<Learner1D.IndexEntry>.Index

    /// Where `x` goes in the combined index, and the node at exactly `x` if any.
    @inline(__always)
    func locate(_ x: Double) -> (index: CombinedIndex, node: Int32?) {
        let index = combinedIndex.lowerBound(x)
        guard index != combinedIndex.endIndex, combinedIndex[index].x == x else { return (index, nil) }
        return (index, combinedIndex[index].node)
    }

    func isEvaluated(_ x: Double) -> Bool {
        locate(x).node.map { !nodes[Int($0)].isPending } ?? false
    }

    /// Adds a node for `x` (not present; `index` from `locate`) to the combined list.
    mutating func insertCombined(_ x: Double, pending: Bool, at index: CombinedIndex) -> Int32 {
        let id = Int32(nodes.count)
        let next = index == combinedIndex.endIndex ? Node.none : combinedIndex[index].node
        let prev = index == combinedIndex.startIndex ? Node.none : combinedIndex[combinedIndex.index(before: index)].node
        nodes.append(
            Node(
                x: x, y: 0, realLoss: .nan, combinedLoss: .nan, prev: prev, next: next, prevReal: Node.none,
                nextReal: pending ? Node.pendingMark : Node.none, realStamp: 0, combinedStamp: 0))
        if prev != Node.none { nodes[Int(prev)].next = id }
        if next != Node.none { nodes[Int(next)].prev = id }
        combinedIndex.insert(.init(x: x, node: id), at: index)
        return id
    }

    /// Adds an evaluated point (validated, not evaluated before). `stored` is the scalar
    /// value or the vector slot; `location` is `locate(x)`.
    mutating func insertEvaluated(
        _ x: Double, stored: Double, at location: (index: CombinedIndex, node: Int32?)
    ) {
        let id: Int32
        if let existing = location.node {
            id = existing
            pendingCount -= 1
        } else {
            id = insertCombined(x, pending: false, at: location.index)
        }
        let index = realIndex.lowerBound(x)
        let nextReal = index == realIndex.endIndex ? Node.none : realIndex[index].node
        let prevReal = index == realIndex.startIndex ? Node.none : realIndex[realIndex.index(before: index)].node
        realIndex.insert(.init(x: x, node: id), at: index)
        nodes[Int(id)].y = stored
        nodes[Int(id)].prevReal = prevReal
        nodes[Int(id)].nextReal = nextReal
        if prevReal != Node.none { nodes[Int(prevReal)].nextReal = id }
        if nextReal != Node.none { nodes[Int(nextReal)].prevReal = id }

        if isVector { yRange.include(values(of: id)) } else { yRange.include(stored) }
        updateLossesAfterTell(id)
        if yRange.scale > recomputeFactor * oldScale {
            recomputeAllLosses()
            oldScale = yRange.scale
        }
    }

    /// `_update_losses(x, real=True)`. The combined interval (a, b) and the real one
    /// (x_left, x_right) that x split are replaced by setting the losses of their
    /// halves (which also retires their heap entries).
    mutating func updateLossesAfterTell(_ id: Int32) {
        let (prev, next) = (nodes[Int(id)].prev, nodes[Int(id)].next)
        let (prevReal, nextReal) = (nodes[Int(id)].prevReal, nodes[Int(id)].nextReal)
        // Recompute every real interval whose neighbourhood contains x, left to right.
        var left = id
        var back = 0
        while back <= nn {
            let previous = nodes[Int(left)].prevReal
            if previous == Node.none { break }
            left = previous
            back += 1
        }
        for _ in 0..<(back + nn + 1) {
            let right = nodes[Int(left)].nextReal
            if right == Node.none { break }
            updateRealInterval(left)
            left = right
        }
        // Combined intervals with no real point on one side are unknown: +inf.
        if prevReal == Node.none && prev != Node.none { setCombinedLoss(prev, .infinity) }
        if nextReal == Node.none && next != Node.none { setCombinedLoss(id, .infinity) }
    }

    /// `_update_interpolated_loss_in_interval`: recomputes the real interval starting
    /// at `p` and gives each combined interval inside it its length-proportional share.
    mutating func updateRealInterval(_ p: Int32) {
        let q = nodes[Int(p)].nextReal
        let loss = computeLoss(at: p, divisor: yRange.divisor)
        setRealLoss(p, loss)
        let dx = x(q) - x(p)
        var s = p
        while s != q {
            let t = nodes[Int(s)].next
            setCombinedLoss(s, (x(t) - x(s)) * loss / dx)
            s = t
        }
    }

    /// `tell_pending(x)` for an x inside the bounds.
    mutating func addPending(_ x: Double) {
        guard x >= lower && x <= upper else { return }  // only reachable through round-off in ask
        let id: Int32
        let location = locate(x)
        if let existing = location.node {
            if !nodes[Int(existing)].isPending { return }  // already evaluated
            id = existing
        } else {
            id = insertCombined(x, pending: true, at: location.index)
            pendingCount += 1
        }
        let index = realIndex.lowerBound(x)
        let right = index == realIndex.endIndex ? Node.none : realIndex[index].node
        let left = index == realIndex.startIndex ? Node.none : realIndex[realIndex.index(before: index)].node
        let a = nodes[Int(id)].prev
        let b = nodes[Int(id)].next
        if left != Node.none && right != Node.none {
            // Inside a real interval: share its loss in proportion to length.
            let loss = nodes[Int(left)].realLoss
            let dx = self.x(right) - self.x(left)
            setCombinedLoss(a, (x - self.x(a)) * loss / dx)
            setCombinedLoss(id, (self.x(b) - x) * loss / dx)
        } else {
            if a != Node.none { setCombinedLoss(a, .infinity) }
            if b != Node.none { setCombinedLoss(id, .infinity) }
        }
    }

    /// Recomputes every real interval at the current scale (python does this when the
    /// y-scale has grown by `recomputeFactor`), then the combined shares.
    ///
    /// python-adaptive walks its loss manager backwards while updating it, so an
    /// interval that moves past the walk's position can keep its stale loss (spec
    /// §1.2). We recompute every interval: the intended behaviour. With the built-in
    /// losses both give the same points.
    mutating func recomputeAllLosses() {
        let divisor = yRange.divisor
        var id = realIndex.first?.node ?? Node.none
        while id != Node.none {
            let next = nodes[Int(id)].nextReal
            if next == Node.none { break }
            let loss = computeLoss(at: id, divisor: divisor)
            nodes[Int(id)].realLoss = loss
            id = next
        }
        rebuildShares()
        rebuildRealHeap()
        rebuildCombinedHeap()
    }
}
