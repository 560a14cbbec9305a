// Choosing points: python's `_ask_and_tell_pending`, `pop_from_stack`,
// `_fill_stack`, `add_ival` and `_Interval.split`.

extension IntegratorLearner.Core {
    /// The next `n` points and their loss improvements (the largest error of the
    /// intervals containing each). The points are pending from the moment their
    /// interval was added, as in python. Fewer (or none) when this ask uses every
    /// interval up, or none is left while points handed out are not told yet.
    mutating func ask(_ n: Int) throws -> (points: [Double], lossImprovements: [Double]) {
        // The arrays returned last time are refilled: once the caller has let go of
        // them, their storage is reused (no allocation per ask).
        var points: [Double] = [], improvements: [Double] = []
        swap(&points, &askedPoints)
        swap(&improvements, &askedImprovements)
        points.removeAll(keepingCapacity: true)
        improvements.removeAll(keepingCapacity: true)
        let couldRefine = !active.isEmpty || !prioritySplit.isEmpty
        while points.count < n, let (x, improvement) = try nextPoint(couldRefine: couldRefine) {
            points.append(x)
            improvements.append(improvement)
        }
        compactStack()
        askedPoints = points
        askedImprovements = improvements
        return (points, improvements)
    }

    /// `ask(1)` without arrays.
    mutating func askOne() throws -> (point: Double, lossImprovement: Double)? {
        defer { compactStack() }
        // Not `couldRefine`: calling a getter on the core here copied all of it.
        return try nextPoint(couldRefine: !active.isEmpty || !prioritySplit.isEmpty)
    }

    /// The next point of the stack, refilled when empty, and its loss improvement.
    /// Nil when nothing is left to refine and there was something at the start of the
    /// ask (`couldRefine`: this ask used the last intervals up, dropping those too
    /// narrow to split) or points handed out are not told yet: the learner is done
    /// once they are told. Otherwise that is python's RuntimeError.
    mutating func nextPoint(couldRefine: Bool) throws -> (point: Double, lossImprovement: Double)? {
        while stackHead == stack.count {
            do { try fillStack() } catch let error as AdaptiveError where active.isEmpty {
                if couldRefine || pendingCount > 0 { return nil }
                throw error
            }
        }
        let n = stack[stackHead]
        stackHead += 1
        let x = nodes[Int(n)].x
        lastHandedOut = (x.bitPattern, n)
        return (x, largestError(node: n))
    }

    /// Drops the points handed out from the front of the stack once they are many.
    mutating func compactStack() {
        if stackHead > 4096 && stackHead * 2 > stack.count {
            stack.removeFirst(stackHead)
            stackHead = 0
        }
    }

    /// The largest error of the intervals containing node n (python's loss improvement).
    @inline(__always)
    func largestError(node n: Int32) -> Double {
        var entry = nodes[Int(n)].mapHead
        var largest = -Double.infinity
        while entry >= 0 {
            let e = mapEntries[Int(entry)]
            largest = max(largest, intervals[Int(e.interval)].err)
            entry = e.next
        }
        return largest
    }

    /// python's `_fill_stack`: splits the forced interval or the one with the largest
    /// `(err, a)`, refines it, or drops it once its nodes are too close together.
    mutating func fillStack() throws {
        // A forced split queued for an interval that is no longer active (split or
        // removed since) is dropped.
        while let last = prioritySplit.last, activePosition[Int(last)] < 0 || intervals[Int(last)].hasChildren {
            prioritySplit.removeLast()
        }
        let forceSplit = !prioritySplit.isEmpty
        let id: Int32
        if forceSplit {
            id = prioritySplit.removeLast()
        } else {
            guard let best = extremeActive(largest: true) else {
                throw AdaptiveError("IntegratorLearner: no way to improve the integral estimate "
                    + "(every interval was removed at machine precision or is too narrow to split)")
            }
            id = best
        }
        try refine(id, forceSplit: forceSplit)
    }

    /// The action of `fillStack` on interval `id`, recorded in `refinements`. A replay
    /// (`load`) passes the interval the cap on active intervals dropped then (`capped`).
    mutating func refine(_ id: Int32, forceSplit: Bool, capped: Int32? = nil) throws {
        let told = toldCount
        let depth = intervals[Int(id)].depth
        let n = CQUAD.ns[depth]
        let p0 = node(id, 0, depth: depth), p1 = node(id, 1, depth: depth)
        let q0 = node(id, n - 2, depth: depth), q1 = node(id, n - 1, depth: depth)
        let splits = depth == 3 || forceSplit
        if p1 - p0 < p0 * CQUAD.minSep || q1 - q0 < q0 * CQUAD.minSep || !nextNodesDistinct(id, splits: splits) {
            deactivate(id)
        } else if splits {
            deactivate(id)
            let (left, right) = split(id)
            try addInterval(left)
            try addInterval(right)
        } else {
            intervals[Int(id)].depth += 1
            try addInterval(id)
        }
        var dropped: Int32 = -1
        if let capped {
            if capped >= 0 { deactivate(capped) }
            dropped = capped
        } else if active.count > Self.maxIvals, let worst = extremeActive(largest: false) {
            deactivate(worst)
            dropped = worst
        }
        refinements.append(IntegratorLearner.Refinement(told: told, interval: id, forced: forceSplit, dropped: dropped))
    }

    /// Whether the nodes that refining (or splitting) interval `id` would create are
    /// strictly increasing. python's separation test above cannot see coinciding nodes
    /// where `p0 · minSep` is 0 or negative: an interval starting at 0 or below, or at
    /// a subnormal `a` near a singularity (the product underflows). There python keeps
    /// splitting down to zero width, and every split adds intervals whose nodes are all
    /// told: its `ask` then gets quadratically slower and ours never returned. Where the
    /// python test works it fires first (nodes still 2 ulps or more apart), so this
    /// changes nothing there.
    func nextNodesDistinct(_ id: Int32, splits: Bool) -> Bool {
        let ival = intervals[Int(id)]
        guard splits else { return Self.nodesIncrease(ival.a, ival.b, depth: ival.depth + 1) }
        let middle = node(id, CQUAD.ns[ival.depth] / 2, depth: ival.depth)
        return Self.nodesIncrease(ival.a, middle, depth: 0) && Self.nodesIncrease(middle, ival.b, depth: 0)
    }

    /// Whether the nodes of [a, b] at `depth`, computed as `node` does, strictly increase.
    static func nodesIncrease(_ a: Double, _ b: Double, depth: Int) -> Bool {
        var previous = -Double.infinity
        for k in 0..<CQUAD.ns[depth] {
            let x = (a + b) / 2 + (b - a) * CQUAD.xi(depth, k) / 2
            guard x > previous else { return false }
            previous = x
        }
        return true
    }

    /// The active interval with the largest (or smallest) `(err, a)`.
    func extremeActive(largest: Bool) -> Int32? {
        guard var best = active.first else { return nil }
        var bestErr = intervals[Int(best)].err, bestA = intervals[Int(best)].a
        for id in active.dropFirst() {
            let ival = intervals[Int(id)]
            let better = largest
                ? (ival.err > bestErr || (ival.err == bestErr && ival.a > bestA))
                : (ival.err < bestErr || (ival.err == bestErr && ival.a < bestA))
            if better {
                best = id
                bestErr = ival.err
                bestA = ival.a
            }
        }
        return best
    }

    /// Splits at the middle node into two depth-0 children with half the error each.
    mutating func split(_ id: Int32) -> (Int32, Int32) {
        let ival = intervals[Int(id)]
        let middle = node(id, CQUAD.ns[ival.depth] / 2, depth: ival.depth)
        let left = newInterval(
            a: ival.a, b: middle, depth: 0, rdepth: ival.rdepth + 1, parent: id, ndiv: ival.ndiv, err: ival.err / 2)
        let right = newInterval(
            a: middle, b: ival.b, depth: 0, rdepth: ival.rdepth + 1, parent: id, ndiv: ival.ndiv, err: ival.err / 2)
        intervals[Int(id)].firstChild = left
        return (left, right)
    }

    /// python's `add_ival`: maps the interval's nodes at its depth, re-tells the known
    /// ones and puts the others on the stack as pending.
    mutating func addInterval(_ id: Int32) throws {
        let depth = intervals[Int(id)].depth
        let base = Int(id) * CQUAD.maxNodes
        for k in 0..<CQUAD.ns[depth] {
            let slot = k * CQUAD.step(depth)
            var n = slotNodes[base + slot]
            if n < 0 {
                // New to this interval (a refined interval has its previous nodes).
                n = nodeID(node(id, k, depth: depth))
                map(n, id, slot: slot)
                slotNodes[base + slot] = n
            }
            switch nodes[Int(n)].status {
            case .told: try tell(node: n, nodes[Int(n)].y)
            case .queued:
                nodes[Int(n)].status = .pending
                pendingCount += 1
                stack.append(n)
            case .pending: break
            }
        }
        activate(id)
    }

    /// Removes x from the points still to hand out, if it is there. When the queue is
    /// empty it is refilled first, as `ask` would (x may come from an
    /// `ask(_:tellPending: false)`, which refilled a copy).
    mutating func takeFromStack(_ x: Double) throws {
        func status() -> IntegratorLearner.Node.Status? { nodeIDs.find(x).map { nodes[Int($0)].status } }
        while stackHead == stack.count && status() != .pending && status() != .told { try fillStack() }
        guard status() == .pending, let n = nodeIDs.find(x), let i = stack[stackHead...].firstIndex(of: n) else { return }
        if i == stackHead { stackHead += 1 } else { stack.remove(at: i) }
    }

    /// Puts the points handed out and not told back on the stack, in front.
    mutating func requeuePending() {
        let queued = Set(stack[stackHead...])
        let handedOut = nodes.indices.filter { nodes[$0].status == .pending && !queued.contains(Int32($0)) }
            .sorted { nodes[$0].x < nodes[$1].x }.map { Int32($0) }
        stack = handedOut + stack[stackHead...]
        stackHead = 0
    }
}
