extension LearnerND.Core {
    /// The loss input of real simplex `s`: vertices in ascending id order, scaled
    /// coordinates and values (python's `_compute_loss`).
    func lossInput(_ s: Int) -> LearnerND.Simplex {
        let ids = tri.vertices(of: s).sorted()
        let vdim = self.vdim ?? 1
        var vertices: [Double] = [], scaledValues: [Double] = []
        vertices.reserveCapacity(ids.count * d)
        scaledValues.reserveCapacity(ids.count * vdim)
        for v in ids {
            vertices += tri.coordinates[(v * d)..<((v + 1) * d)]
            for k in 0..<vdim { scaledValues.append(outputMultiplier * values[v * vdim + k]) }
        }
        var simplex = LearnerND.Simplex(
            dimension: d, vdim: vdim, vertices: vertices, values: scaledValues, valueScale: outputMultiplier)
        if loss.nthNeighbors == 1 {
            let byVertex = Dictionary(uniqueKeysWithValues: zip(tri.vertices(of: s), tri.opposingVertices(of: s)))
            for v in ids {
                guard let w = byVertex[v] ?? nil else {
                    simplex.neighbors.append(nil)
                    simplex.neighborValues.append(nil)
                    continue
                }
                simplex.neighbors.append(Array(tri.coordinates[(w * d)..<((w + 1) * d)]))
                simplex.neighborValues.append((0..<vdim).map { outputMultiplier * values[w * vdim + $0] })
            }
        }
        return simplex
    }

    /// The loss of real simplex `s`. Built-in losses score simplices touching a
    /// non-finite value by their volume; a throwing custom loss gives +inf and its error
    /// is kept for the caller.
    mutating func computeLoss(_ s: Int) -> Double {
        if case .volumeInEmbedding = loss.kind, let fast = defaultLoss(s) { return fast }
        let input = lossInput(s)
        if case .custom = loss.kind {} else {
            let finite = input.values.allSatisfy(\.isFinite)
                && input.neighborValues.allSatisfy { $0?.allSatisfy(\.isFinite) ?? true }
            if !finite { return SimplexGeometry.volumeFromLast(input.vertices, d) }
        }
        do {
            return try loss.evaluate(input)
        } catch {
            if firstError == nil { firstError = error }
            return .infinity
        }
    }

    /// The default loss of `s` straight from the triangulation (no loss input built); nil
    /// when a value is not finite.
    func defaultLoss(_ s: Int) -> Double? {
        let vdim = self.vdim ?? 1, dim = d + vdim, count = d + 1
        let ids = keys[s]
        let coordinates = tri.coordinates, values = self.values, multiplier = outputMultiplier, d = self.d
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: count * dim) { lifted -> Double? in
            for i in 0..<count {
                let v = Int(ids.lanes[i])
                for k in 0..<d { lifted[i * dim + k] = coordinates[v * d + k] }
                for k in 0..<vdim {
                    let y = values[v * vdim + k]
                    guard y.isFinite else { return nil }
                    lifted[i * dim + d + k] = multiplier * y
                }
            }
            return SimplexGeometry.volumeInEmbedding(UnsafePointer(lifted.baseAddress!), count: count, dim: dim)
        }
    }

    /// Computes and records the loss of `s`.
    mutating func score(_ s: Int) {
        let l = computeLoss(s)
        losses[s] = l
        stamps[s] &+= 1
        if tracksMaxLoss { trackLoss(s) }
    }

    /// Puts the loss of `s` on the max-loss heap.
    mutating func trackLoss(_ s: Int) {
        let l = losses[s]
        maxLosses.push(LearnerND.MaxLossEntry(key: l.isNaN ? .infinity : l, slot: Int32(s), stamp: stamps[s]))
        if maxLosses.count > 3 * tri.simplexCount + 2048 {
            maxLosses.filter { tri.isSimplex(Int($0.slot)) && stamps[Int($0.slot)] == $0.stamp }
        }
    }

    /// Queues `s` whole, or its pending pieces with volume shares of its loss.
    mutating func queue(_ s: Int) {
        if !subtriangulations.isEmpty, let sub = subtriangulations[s] {
            queuePieces(of: s, sub.liveSlots)
        } else {
            queueReal(s)
        }
    }

    /// python's `_update_losses`: forget the removed simplices (their pending points
    /// become unbound), score the added ones and give them the unbound points inside;
    /// with `nthNeighbors` 1, rescore the simplices next to the added ones too.
    mutating func updateLosses(removed: [Int], added: [Int]) {
        var unbound: [[Double]] = []
        var seen = Set<[Double]>()
        for s in removed {
            generations[s] &+= 1
            stamps[s] &+= 1
            if !subtriangulations.isEmpty, let sub = subtriangulations.removeValue(forKey: s) {
                for p in sub.pendingPoints where index[p] == nil && seen.insert(p).inserted { unbound.append(p) }
            }
        }
        for s in added {
            generations[s] &+= 1
            keys[s] = LearnerND.VertexTuple(slot: s, vertexIDs: tri.vertexIDs, width: d + 1)
            score(s)
            for p in unbound where pending.contains(p) {
                let v = tri.vertices(of: s).sorted().flatMap { points[$0] }
                if SimplexGeometry.contains(v, d, p) { addPending(p, to: s, queueing: false) }
            }
            queue(s)
        }
        guard loss.nthNeighbors == 1, !added.isEmpty else { return }
        for s in neighborsOfAdded(added) {
            score(s)
            queue(s)
        }
    }

    /// python's `get_simplices_attached_to_points(vertices of the added simplices) - added`:
    /// the simplices with exactly d vertices among those.
    func neighborsOfAdded(_ added: [Int]) -> [Int] {
        var vertexSet = Set<Int>()
        for s in added { vertexSet.formUnion(tri.vertices(of: s)) }
        let addedSet = Set(added)
        var result = Set<Int>()
        for v in vertexSet {
            for s in tri.simplices(around: v) where !addedSet.contains(s) && !result.contains(s) {
                if tri.vertices(of: s).filter({ vertexSet.contains($0) }).count == d { result.insert(s) }
            }
        }
        return result.sorted()
    }

    /// python's `_recompute_all_losses`: rescore every simplex and rebuild the queue.
    mutating func recomputeAll() {
        guard tri.isTriangulated else { return }
        queue = PooledHeap()
        maxLosses = BinaryHeap()
        for s in tri.simplexIDs {
            keys[s] = LearnerND.VertexTuple(slot: s, vertexIDs: tri.vertexIDs, width: d + 1)
            score(s)
            queue(s)
        }
    }
}
