import Collections

extension LearnerND {
    /// The state behind the lock.
    struct Core: Sendable {
        let domain: Domain
        let loss: LossND
        /// python's `anisotropic`: points chosen in simplices stretched along the gradient.
        let anisotropic: Bool
        var d: Int { domain.dimension }

        /// Evaluated points (raw) in tell order; index = vertex id in ``tri``.
        var points: [[Double]] = []
        var index: [[Double]: Int] = [:]
        /// `vdim` raw values per point.
        var values: [Double] = []
        var vdim: Int?
        /// The evaluated points' Delaunay triangulation in scaled coordinates.
        var tri: TriangulationND

        var pending: OrderedSet<[Double]> = []
        /// Pending points not yet put into sub-triangulations, with their hint: done lazily
        /// (before the next ask or another point's tell), so that a point told right after
        /// it was asked costs no sub-triangulation. Python's order of events is kept.
        var deferred: [(point: [Double], hint: Int?)] = []
        /// For a pending point: a simplex (slot) containing it, where its insertion starts.
        var pendingToSimplex: [[Double]: Int] = [:]
        /// Per real simplex (slot) with pending points inside: their triangulation.
        var subtriangulations: [Int: SubTriangulation] = [:]
        var nextSubID: Int32 = 0

        /// Per slot: the loss, a generation (bumped when the slot's simplex goes), and a
        /// stamp (bumped at every loss change) for the max-loss heap.
        var losses: [Double] = []
        var generations: [UInt32] = []
        var stamps: [UInt32] = []
        var queue = PooledHeap<QueueEntry>()
        var pushCount: UInt64 = 0
        /// The largest losses, kept from the first `loss()` on (a run to a number of points
        /// never needs them).
        var maxLosses = BinaryHeap<MaxLossEntry>()
        var tracksMaxLoss = false
        /// Per slot: the sorted vertex ids of its simplex (the queue's key).
        var keys: [VertexTuple] = []

        /// python's `_min_value`, `_max_value`, `_old_scale`, `_output_multiplier`.
        var minValue: Double?
        var maxValue = 0.0
        var oldScale = 1.0
        var outputMultiplier = 1.0
        /// python's `_recompute_losses_factor`: rescore all when the range grew this much.
        var recomputeFactor = 1.1
        /// python's private `random.Random(1)`, for points drawn before a first simplex.
        var random = PythonRandom(seed: 1)
        /// The first error thrown by a custom loss since it was last reported.
        var firstError: (any Error)?

        init(domain: Domain, loss: LossND, anisotropic: Bool = false) throws {
            self.domain = domain
            self.loss = loss
            self.anisotropic = anisotropic
            tri = try TriangulationND(dimension: domain.dimension)
        }

        func scaled(_ p: [Double]) -> [Double] { (0..<d).map { p[$0] * domain.scale[$0] } }

        func value(of i: Int) -> [Double] {
            guard let vdim else { return [] }
            return Array(values[(i * vdim)..<((i + 1) * vdim)])
        }

        func check(_ p: [Double], _ what: String) throws {
            guard p.count == d, p.allSatisfy(\.isFinite) else {
                throw AdaptiveError("LearnerND: a \(what) point must have \(d) finite coordinates, got \(Self.describe(p))")
            }
            guard domain.contains(p) else {
                throw AdaptiveError("LearnerND: \(what) point \(Self.describe(p)) is outside the bounds")
            }
        }

        static func describe(_ p: [Double]) -> String {
            "{" + p.map { AdaptiveError.format($0) }.joined(separator: ", ") + "}"
        }

        /// python's `tell`: store, widen the value range (maybe rescoring everything),
        /// insert into the triangulation, rescore the simplices that changed.
        mutating func tell(_ p: [Double], _ value: [Double]) throws {
            try check(p, "told")
            guard !value.isEmpty else { throw AdaptiveError("LearnerND: a value needs at least one component") }
            if let vdim, value.count != vdim {
                throw AdaptiveError("LearnerND: expected a value with \(vdim) components at \(Self.describe(p)), got \(value.count)")
            }
            if index[p] != nil { return }
            if vdim == nil { vdim = value.count }
            deferred.removeAll { $0.point == p }
            materializePending()
            pending.remove(p)
            let hint = pendingToSimplex.removeValue(forKey: p).flatMap { tri.isSimplex($0) ? $0 : nil }
            // As python: the range first (a rescoring sees the triangulation without p).
            updateRange(value)
            let wasTriangulated = tri.isTriangulated
            let change = try tri.insert(scaled(p), hint: hint)
            index[p] = points.count
            points.append(p)
            values += value
            growSlots()
            if wasTriangulated {
                updateLosses(removed: change.removed, added: change.added)
            } else if tri.isTriangulated {
                startLosses()
            }
            try reportError()
        }

        mutating func reportError() throws {
            if let error = firstError {
                firstError = nil
                throw error
            }
        }

        mutating func growSlots() {
            let extra = tri.slotCount - losses.count
            guard extra > 0 else { return }
            losses += repeatElement(0, count: extra)
            generations += repeatElement(0, count: extra)
            stamps += repeatElement(0, count: extra)
            keys += repeatElement(VertexTuple([]), count: extra)
        }

        /// The first simplices: score them all, and split them by the points pending now.
        mutating func startLosses() {
            deferred = []
            recomputeAll()
            for p in pending { addPendingToSimplices(p, hint: nil) }
        }

        /// python's `_update_range`: the joint range of all finite components; the output
        /// multiplier is 1 / range (1 if the range is 0 or tiny next to the values); all
        /// losses are recomputed when the range grew by more than 10% since the last time.
        mutating func updateRange(_ value: [Double]) {
            let finite = value.filter(\.isFinite)
            guard let low = finite.min(), let high = finite.max() else { return }
            guard let current = minValue else {
                minValue = low
                maxValue = high
                oldScale = high - low == 0 ? 1 : high - low
                return
            }
            minValue = min(current, low)
            maxValue = max(maxValue, high)
            let scale = maxValue - minValue!
            var multiplier = 1 / (scale == 0 ? 1 : scale)
            if 1e-15 * max(abs(minValue!), abs(maxValue)) * multiplier > 1e-2 { multiplier = 1 }
            outputMultiplier = multiplier
            if scale / oldScale > recomputeFactor {
                oldScale = scale
                recomputeAll()
            }
        }

        /// The largest real loss (+inf before a first simplex exists).
        mutating func maxLoss() -> Double {
            guard tri.isTriangulated else { return .infinity }
            if !tracksMaxLoss {
                tracksMaxLoss = true
                maxLosses = BinaryHeap()
                for s in tri.simplexIDs { trackLoss(s) }
            }
            while let top = maxLosses.first {
                let s = Int(top.slot)
                if tri.isSimplex(s) && stamps[s] == top.stamp { return losses[s] }
                _ = maxLosses.popFirst()
            }
            return .infinity
        }
    }
}
