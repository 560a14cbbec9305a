extension Learner2D {
    /// A triangulation in scaled coordinates with values, vertex gradients and a queue
    /// of triangle losses, all updated locally when a point is inserted.
    ///
    /// While the mesh is small (at most ``globalLimit`` vertices) the gradients are
    /// solved globally from zero, exactly as SciPy's `estimate_gradients_2d_global`
    /// does at every python-adaptive stack refill, so the first points agree with
    /// python-adaptive. Beyond that, an insertion relaxes the gradients of the new
    /// vertex and its neighbours (warm-started Gauss–Seidel), passes the relaxation on
    /// outwards from every vertex whose gradient still changed noticeably, and rescores
    /// the triangles around the changed vertices: O(1) per point (about 20 vertex
    /// relaxations on W3), plus O(log n) for the queue. Up to
    /// ``warmSolveLimit`` vertices, each time the mesh has grown by ``warmSolveGrowth``
    /// the gradients are also re-solved over the whole mesh, warm-started, and every
    /// triangle rescored: on coarse meshes local relaxation lags behind the global
    /// solution, and the early choices shape the rest (amortised O(1) per point).
    struct Mesh: Sendable {
        static let globalLimit = 100
        static let tolerance = 1e-6
        static let maxSweeps = 400
        static let warmSolveLimit = 1000
        static let warmSolveGrowth = 1.1
        /// The relative gradient change above which a relaxed vertex passes the
        /// relaxation on to its neighbours (see `propagateGradients`).
        static let propagationTolerance = 0.1
        /// The relative gradient change above which a relaxed vertex's triangles are
        /// rescored. Lower than ``propagationTolerance``: a vertex that moved by a few
        /// percent does not spread the change, but its triangles must not keep losses
        /// from the old gradient (on W3 those stale losses let a few triangles on the
        /// ring's flank go unrefined: max error up to 40% above python-adaptive's).
        static let rescoreTolerance = 0.01
        /// The most vertex relaxations per propagation (per component).
        static let maxPropagation = 400

        var tri = Triangulation2D()
        let loss: Loss2D
        /// `loss.needsGradients` and whether `loss` is the default, read once: the
        /// per-triangle path then does not copy the loss's enum (with its closure).
        let needsGradients: Bool
        let isDefaultLoss: Bool
        let vdim: Int
        /// `vdim` raw values per vertex.
        var values: [Double] = []
        /// `2·vdim` per vertex: (∂x, ∂y) of each component, raw value units.
        var gradients: [Double] = []
        /// Per slot: area, deviation (raw units, summed over components), loss, generation.
        var areas: [Double] = []
        var deviations: [Double] = []
        var losses: [Double] = []
        var generations: [UInt32] = []
        var heap = LossHeap()
        /// Per slot: the key of its current queue entry, -inf without one. A loss that
        /// went down keeps its entry (see `rescore`).
        var queuedKeys: [Double] = []
        var minValues: [Double]
        var maxValues: [Double]
        /// The value scale the stored losses were computed with.
        var lossScale = 1.0
        /// Whether losses must be recomputed globally before the next query.
        var isDirty = false
        var isGlobal = true
        /// The vertex count at which the gradients are next re-solved globally.
        var nextWarmSolve = 0
        /// The first error thrown by a custom loss since the last `takeError()`.
        var firstError: (any Error)?
        /// Scratch: per-slot stamps to deduplicate the triangles to rescore.
        var stamps: [UInt32] = []
        var stamp: UInt32 = 0
        /// Scratch: per-vertex marks for the gradient work list.
        var vertexMarks: [UInt32] = []
        var vertexMark: UInt32 = 0

        init(loss: Loss2D, vdim: Int) {
            self.loss = loss
            needsGradients = loss.needsGradients
            if case .deviation = loss.kind { isDefaultLoss = true } else { isDefaultLoss = false }
            self.vdim = vdim
            minValues = Array(repeating: .infinity, count: vdim)
            maxValues = Array(repeating: -.infinity, count: vdim)
        }

        var vertexCount: Int { tri.vertexCount }

        /// The largest per-component range of the finite values, or 1 if that is 0.
        var valueScale: Double {
            var s = 0.0
            for k in 0..<vdim where maxValues[k] >= minValues[k] { s = max(s, maxValues[k] - minValues[k]) }
            return s > 0 ? s : 1
        }

        /// Inserts the scaled point `p` with `value` (vdim components).
        mutating func insert(_ p: SIMD2<Double>, _ value: [Double], hint: Int? = nil) throws -> Int {
            let change = try tri.insert(p, hint: hint)
            values.append(contentsOf: value)
            gradients.append(contentsOf: repeatElement(0, count: 2 * vdim))
            widenRange(value)
            growSlots()
            for t in change.removed {
                generations[t] &+= 1
                queuedKeys[t] = -.infinity
            }
            if isGlobal && tri.vertexCount > Self.globalLimit {
                isGlobal = false
                isDirty = true
            }
            if isGlobal || isDirty {
                isDirty = true
                return change.vertex
            }
            if valueScale != lossScale {
                propagateGradients(around: change.vertex)
                recomputeAll()
                return change.vertex
            }
            if vertexCount >= nextWarmSolve && vertexCount <= Self.warmSolveLimit {
                nextWarmSolve = Int(Double(vertexCount) * Self.warmSolveGrowth) + 1
                if needsGradients { solveGradientsGlobally(warm: true) }
                recomputeAll()
                return change.vertex
            }
            // `touched` holds the new vertex, so its triangles (all of `change.added`) too.
            rescore(trianglesAround(propagateGradients(around: change.vertex)))
            return change.vertex
        }

        /// Replaces the value of vertex `v` (a point told again with another value).
        /// The value range is updated in O(1) unless the old value was an extreme.
        mutating func setValue(_ v: Int, _ value: [Double]) {
            var wasExtreme = false
            for k in 0..<vdim {
                let old = values[v * vdim + k]
                if old.isFinite && (old <= minValues[k] || old >= maxValues[k]) { wasExtreme = true }
                values[v * vdim + k] = value[k]
            }
            if wasExtreme {
                minValues = Array(repeating: .infinity, count: vdim)
                maxValues = Array(repeating: -.infinity, count: vdim)
                for w in 0..<vertexCount { widenRange(Array(values[(w * vdim)..<((w + 1) * vdim)])) }
            } else {
                widenRange(value)
            }
            if isGlobal || isDirty || valueScale != lossScale {
                isDirty = true
                return
            }
            let touched = propagateGradients(around: v)
            rescore(trianglesAround(touched))
        }

        mutating func widenRange(_ value: [Double]) {
            for k in 0..<vdim where value[k].isFinite {
                minValues[k] = min(minValues[k], value[k])
                maxValues[k] = max(maxValues[k], value[k])
            }
        }

        mutating func growSlots() {
            let n = tri.slotCount
            if areas.count < n {
                let extra = n - areas.count
                areas.append(contentsOf: repeatElement(0, count: extra))
                deviations.append(contentsOf: repeatElement(0, count: extra))
                losses.append(contentsOf: repeatElement(0, count: extra))
                generations.append(contentsOf: repeatElement(0, count: extra))
                stamps.append(contentsOf: repeatElement(0, count: extra))
                queuedKeys.append(contentsOf: repeatElement(-.infinity, count: extra))
            }
        }

        /// Brings gradients and losses up to date (a global solve while small).
        mutating func refresh() {
            guard isDirty else { return }
            isDirty = false
            if needsGradients { solveGradientsGlobally() }
            recomputeAll()
        }

        /// The finite triangles around the given vertices, each once.
        mutating func trianglesAround(_ vertices: [Int]) -> [Int] {
            stamp &+= 1
            if stamp == 0 {
                stamps = Array(repeating: 0, count: stamps.count)
                stamp = 1
            }
            var result: [Int] = []
            result.reserveCapacity(8 * vertices.count)
            for v in vertices {
                let start = tri.vertexSlot[v]
                guard start >= 0 else { continue }
                var t = start
                repeat {
                    if stamps[t] != stamp && tri.vertexIDs[3 * t + 2] != Triangulation2D.ghost {
                        stamps[t] = stamp
                        result.append(t)
                    }
                    let i = tri.localIndex(of: v, in: t)
                    t = tri.neighborIDs[3 * t + (i + 1) % 3]
                } while t != start
            }
            return result
        }
    }
}
