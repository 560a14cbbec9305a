extension LearnerND {
    /// The pending points inside one real simplex, triangulated together with its
    /// vertices (python's `_subtriangulations[simplex]`), in raw coordinates. Local
    /// vertex ids: the simplex's vertices in ascending order, then the pending points.
    struct SubTriangulation: Sendable {
        let id: Int32
        var tri: TriangulationND
        var generations: [UInt32] = []
        var pendingPoints: [[Double]] = []

        init(id: Int32, vertices: [[Double]], orientation: Int) throws {
            self.id = id
            tri = try TriangulationND(simplex: vertices, orientation: orientation)
            generations = Array(repeating: 0, count: tri.slotCount)
        }

        /// Inserts `p`; returns the pieces added.
        mutating func insert(_ p: [Double]) throws -> [Int] {
            let change = try tri.insert(p)
            pendingPoints.append(p)
            if generations.count < tri.slotCount {
                generations += repeatElement(0, count: tri.slotCount - generations.count)
            }
            for s in change.removed { generations[s] &+= 1 }
            for s in change.added { generations[s] &+= 1 }
            return change.added
        }

        func isCurrent(_ slot: Int, _ generation: UInt32) -> Bool {
            tri.isSimplex(slot) && generations[slot] == generation
        }

        var liveSlots: [Int] { tri.simplexIDs }

        /// The raw coordinates of piece `s`, vertices in ascending local id.
        func vertices(of s: Int) -> [Double] { tri.vertices(of: s).sorted().flatMap { tri.point($0) } }
    }
}

extension LearnerND.Core {
    /// python's `tell_pending`: the point splits every simplex containing it.
    mutating func tellPending(_ p: [Double], hint: Int?) throws {
        try check(p, "pending")
        guard index[p] == nil, !pending.contains(p) else { return }
        pending.append(p)
        if tri.isTriangulated { deferred.append((p, hint)) }
    }

    /// Puts the deferred pending points into the sub-triangulations of their simplices.
    mutating func materializePending() {
        guard !deferred.isEmpty else { return }
        let points = deferred
        deferred = []
        for (p, hint) in points where pending.contains(p) {
            addPendingToSimplices(p, hint: hint.flatMap { tri.isSimplex($0) ? $0 : nil })
        }
    }

    mutating func addPendingToSimplices(_ p: [Double], hint: Int?) {
        for s in simplicesContaining(p, hint: hint) { addPending(p, to: s, queueing: true) }
    }

    /// The simplices containing `p` up to python's tolerance (1e-8 in barycentric
    /// coordinates): the located one, and when `p` is near its boundary, the others
    /// around the face `p` lies on.
    func simplicesContaining(_ p: [Double], hint: Int?) -> [Int] {
        guard let start = tri.nearestSimplex(to: scaled(p), hint: hint) else { return [] }
        let ids = tri.vertices(of: start).sorted()
        guard let tail = SimplexGeometry.barycentric(ids.flatMap { points[$0] }, d, p) else { return [] }
        let alpha = [1 - tail.reduce(0, +)] + tail
        if alpha.allSatisfy({ $0 > 1e-6 }) { return [start] }
        guard alpha.allSatisfy({ $0 > -1e-6 }) else {
            return SimplexGeometry.contains(ids.flatMap { points[$0] }, d, p) ? [start] : []
        }
        let face = zip(ids, alpha).filter { $0.1 > 1e-8 }.map(\.0)
        guard let first = face.first else { return [start] }
        return tri.simplices(around: first).filter { s in
            let vs = tri.vertices(of: s)
            return face.allSatisfy(vs.contains)
                && SimplexGeometry.contains(vs.sorted().flatMap { points[$0] }, d, p)
        }
    }

    /// Inserts pending `p` into the sub-triangulation of `s` (made on demand) and, with
    /// `queueing`, queues the new pieces.
    mutating func addPending(_ p: [Double], to s: Int, queueing: Bool) {
        if subtriangulations[s] == nil {
            let slotOrder = tri.vertices(of: s)
            let sorted = slotOrder.sorted()
            // The slot's order is positively oriented; sorting is a permutation of it (and
            // scaling back to raw coordinates keeps orientations).
            var parity = 1
            for i in 0..<slotOrder.count { for j in (i + 1)..<slotOrder.count where slotOrder[i] > slotOrder[j] { parity = -parity } }
            let vertices = sorted.map { points[$0] }
            guard let sub = try? LearnerND.SubTriangulation(id: nextSubID, vertices: vertices, orientation: parity) else { return }
            nextSubID &+= 1
            subtriangulations[s] = sub
        }
        pendingToSimplex[p] = s
        guard let added = try? subtriangulations[s]!.insert(p) else { return }
        if queueing { queuePieces(of: s, added) }
    }

    /// python's `_update_subsimplex_losses`: each piece gets the real loss × its volume
    /// share.
    mutating func queuePieces(of s: Int, _ pieces: [Int]) {
        guard let sub = subtriangulations[s] else { return }
        let ids = tri.vertices(of: s).sorted()
        let density = losses[s] / SimplexGeometry.volumeFromFirst(ids.flatMap { points[$0] }, d)
        for piece in pieces where sub.tri.isSimplex(piece) {
            let l = SimplexGeometry.volumeFromFirst(sub.vertices(of: piece), d) * density
            push(LearnerND.QueueEntry(
                rank: SimplexGeometry.roundedRank(l), loss: l, simplex: .init(ids), slot: Int32(s),
                generation: generations[s], sub: .init(sub.tri.vertices(of: piece).sorted()), isPiece: true, subID: sub.id,
                subSlot: Int32(piece), subGeneration: sub.generations[piece]))
        }
    }

    /// Forgets the pending points and queues the simplices they split again (python
    /// leaves those out of the queue: its "XXX: implement this method").
    mutating func removeUnfinished() {
        deferred = []
        pending.removeAll()
        pendingToSimplex.removeAll()
        let split = subtriangulations.keys.sorted()
        subtriangulations.removeAll()
        for s in split where tri.isSimplex(s) { queueReal(s) }
    }
}
