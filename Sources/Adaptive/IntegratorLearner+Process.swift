import Foundation

// Telling values and completing a refinement level of an interval: python's
// `IntegratorLearner.tell` and `_Interval.complete_process` with its helpers.

extension IntegratorLearner.Core {
    /// python's `tell`: records y at x in every interval containing x (in rdepth
    /// order) and processes each refinement level that became complete.
    mutating func tell(_ x: Double, _ y: Double) throws {
        if x.bitPattern == lastHandedOut.bits && lastHandedOut.node >= 0 { return try tell(node: lastHandedOut.node, y) }
        guard let n = nodeIDs.find(x) else {
            throw AdaptiveError(
                "IntegratorLearner: point \(AdaptiveError.format(x)) doesn't belong to any interval")
        }
        try tell(node: n, y)
    }

    mutating func tell(node n: Int32, _ y: Double) throws {
        switch nodes[Int(n)].status {
        case .queued: toldCount += 1; tellOrder.append(n)
        case .pending: toldCount += 1; pendingCount -= 1; tellOrder.append(n)
        case .told: break
        }
        nodes[Int(n)].status = .told
        nodes[Int(n)].y = y
        var entry = nodes[Int(n)].mapHead
        while entry >= 0 {
            let e = mapEntries[Int(entry)]
            let i = Int(e.interval)
            intervals[i].known |= 1 << UInt64(e.slot)
            let ival = intervals[i]
            let from = ival.depthComplete < 0 ? (ival.parent >= 0 ? 0 : 2) : ival.depthComplete + 1
            // A removed interval keeps the estimate it was removed with. (Told one by
            // one it has no level left to complete; with points in flight it may have
            // been refined first, and python's later fit of that level counted its
            // error as excess and stopped parallel runs early.)
            if from <= ival.depth && !ival.removed {
                for depth in from...ival.depth
                where intervals[i].known & CQUAD.depthMasks[depth] == CQUAD.depthMasks[depth] {
                    let (forceSplit, remove) = try completeProcess(e.interval, depth: depth)
                    if remove {
                        // An interval split while this level was out (points in flight)
                        // stays: python removes it with the children that now cover it,
                        // whose errors are not known yet, and ends "done" with an error of
                        // 1e-6 or +inf. Told one by one an interval completes before it
                        // is split, so this never happens there.
                        if !intervals[i].hasChildren { markRemoved(e.interval) }
                    } else if forceSplit && !intervals[i].hasChildren && activePosition[i] >= 0
                        && !prioritySplit.contains(e.interval)
                    {
                        // Once: two levels completing together (values told out of order)
                        // would queue it twice, and python's second split fails an assertion.
                        prioritySplit.append(e.interval)
                    }
                }
            }
            entry = e.next
        }
    }

    /// python's `propagate_removed` for the only intervals removed here, those without
    /// children (see `tell(node:_:)`): marks it removed; its estimate still counts in
    /// the error.
    mutating func markRemoved(_ i: Int32) {
        sumsDirty = true
        intervals[Int(i)].removed = true
        deactivate(i)
    }

    /// python's `complete_process(depth)`: coefficients, integral, error, divergence
    /// count and done leaves. Returns whether to force a split and whether to remove.
    mutating func completeProcess(_ id: Int32, depth: Int) throws -> (forceSplit: Bool, remove: Bool) {
        let i = Int(id)
        let n = CQUAD.ns[depth]
        intervals[i].depthComplete = depth
        sumsDirty = true
        let isFirst = intervals[i].parent < 0 && depth == 2
        let oldCount = intervals[i].cCount
        let base = i * CQUAD.maxNodes
        if depth > 0 && !isFirst {
            for k in 0..<oldCount { cOld[k] = coeffs[base + k] }
        }
        // The interval's values (python's `done_points`) are its nodes' values.
        for k in 0..<n { fx[k] = nodes[Int(slotNodes[base + k * CQUAD.step(depth)])].y }
        fx.withUnsafeMutableBufferPointer { fx in
            coeffs.withUnsafeMutableBufferPointer { c in
                CQUAD.coefficients(fx, depth: depth, into: UnsafeMutableBufferPointer(rebasing: c[base..<(base + n)]))
            }
        }
        intervals[i].cCount = n
        if isFirst {
            intervals[i].c00 = 0
            return (false, false)
        }
        let width = intervals[i].b - intervals[i].a
        intervals[i].igral = width * coeffs[base] / 2.0.squareRoot()

        var forceSplit = false
        if depth > 0 {
            let cDiff = try calcErr(id, oldCount: oldCount)
            forceSplit = cDiff > CQUAD.hint * (try norm(id, n))
        } else {
            intervals[i].c00 = coeffs[base]
            let parent = intervals[i].parent
            if intervals[Int(parent)].depthComplete >= 0 {
                shift(parent, to: id)
                _ = try calcErr(id, oldCount: CQUAD.maxNodes)
                try calcNdiv(id)
            }
            let child = intervals[i].firstChild
            if child >= 0 {
                // (A removed child keeps its estimate: see `tell(node:_:)`.)
                for c in child..<(child + 2) where !intervals[Int(c)].removed {
                    if intervals[Int(c)].depthComplete >= 0 { try calcNdiv(c) }
                    if intervals[Int(c)].depthComplete == 0 {
                        shift(id, to: c)
                        _ = try calcErr(c, oldCount: CQUAD.maxNodes)
                    }
                }
            }
        }
        updateDoneLeaves(id)
        let ival = intervals[i]
        let remove = ival.err < abs(ival.igral) * CQUAD.eps * CQUAD.vCond[depth]
        return (forceSplit, remove)
    }

    /// `cOld = T[:, :len(parent.c)] @ parent.c`, with T the shift matrix of the child's half.
    mutating func shift(_ parent: Int32, to child: Int32) {
        let p = intervals[Int(parent)]
        let isLeft = intervals[Int(child)].a == p.a
        let m = p.cCount
        let pBase = Int(parent) * CQUAD.maxNodes
        let t = isLeft ? CQUAD.tLeftColumns : CQUAD.tRightColumns
        t.withUnsafeBufferPointer { t in
            coeffs.withUnsafeBufferPointer { c in
                cOld.withUnsafeMutableBufferPointer { cOld in
                    CQUAD.multiply(columns: t.baseAddress!, rows: CQUAD.maxNodes, by: c.baseAddress! + pBase, count: m,
                                   into: cOld.baseAddress!)
                }
            }
        }
    }

    /// python's `calc_err(c_old)` with `c_old = cOld[..<oldCount]`: err = width · ‖c_old − c‖
    /// (zero-padded); children not yet computed get half of it. Returns the norm.
    mutating func calcErr(_ id: Int32, oldCount: Int) throws -> Double {
        let i = Int(id)
        let n = intervals[i].cCount
        let base = i * CQUAD.maxNodes
        var sum = 0.0
        for k in 0..<max(oldCount, n) {
            let old = k < oldCount ? cOld[k] : 0
            let d = k < n ? old - coeffs[base + k] : old
            sum += d * d
        }
        let cDiff = try checkedNorm(id, sumOfSquares: sum, count: max(oldCount, n)) { k in
            k < n ? (k < oldCount ? cOld[k] : 0) - coeffs[base + k] : cOld[k]
        }
        let err = (intervals[i].b - intervals[i].a) * cDiff
        intervals[i].err = err
        let child = intervals[i].firstChild
        if child >= 0 {
            for c in child..<(child + 2) where intervals[Int(c)].depthComplete < 0 {
                updateHeuristicErr(c, err / 2)
            }
        }
        return cDiff
    }

    /// Half the parent's error for intervals whose own cannot be computed yet.
    mutating func updateHeuristicErr(_ id: Int32, _ value: Double) {
        intervals[Int(id)].err = value
        let child = intervals[Int(id)].firstChild
        guard child >= 0 else { return }
        let selfComplete = intervals[Int(id)].depthComplete >= 0
        for c in child..<(child + 2) {
            let dc = intervals[Int(c)].depthComplete
            if dc > 0 || (dc == 0 && selfComplete) { continue }
            updateHeuristicErr(c, value / 2)
        }
    }

    /// Counts a split whose integral more than doubled relative to the parent's.
    mutating func calcNdiv(_ id: Int32) throws {
        let i = Int(id)
        let parentC00 = intervals[Int(intervals[i].parent)].c00
        let div = parentC00 != 0 && intervals[i].c00 / parentC00 > 2
        if div { intervals[i].ndiv += 1 }
        try checkDivergence(id)
        if div, intervals[i].firstChild >= 0 {
            try updateNdivRecursively(intervals[i].firstChild)
            try updateNdivRecursively(intervals[i].firstChild + 1)
        }
    }

    mutating func updateNdivRecursively(_ id: Int32) throws {
        intervals[Int(id)].ndiv += 1
        try checkDivergence(id)
        let child = intervals[Int(id)].firstChild
        if child >= 0 {
            try updateNdivRecursively(child)
            try updateNdivRecursively(child + 1)
        }
    }

    @inline(__always)
    func checkDivergence(_ id: Int32) throws {
        let ival = intervals[Int(id)]
        if ival.ndiv > CQUAD.ndivMax && 2 * ival.ndiv > ival.rdepth {
            throw DivergentIntegralError(a: ival.a, b: ival.b, npoints: toldCount)
        }
    }
}
