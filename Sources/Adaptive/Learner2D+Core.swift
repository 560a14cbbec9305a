import Collections

extension Learner2D {
    /// The state behind the lock.
    struct Core: Sendable {
        let bounds: (x: (lower: Double, upper: Double), y: (lower: Double, upper: Double))
        let loss: Loss2D
        let stackSize: Int
        let mean: SIMD2<Double>
        let scale: SIMD2<Double>
        let corners: [SIMD2<Double>]
        /// Evaluated points (raw coordinates) in first-tell order; index = mesh vertex.
        var rawPoints: [SIMD2<Double>] = []
        var index: [SIMD2<Double>: Int] = [:]
        var vdim: Int?
        /// The evaluated points' mesh (remade when the first value fixes vdim).
        var real: Mesh
        var pending: OrderedSet<SIMD2<Double>> = []
        var stack: OrderedDictionary<SIMD2<Double>, Double> = [:]
        /// For candidates and pending points: a vertex (of `real`) of the triangle they
        /// were chosen in, where the insertion's walk starts.
        var hints: [SIMD2<Double>: Int] = [:]
        /// The mesh of the evaluated and the pending points; see Learner2D+Combined.swift.
        var combined: Mesh?
        /// Per evaluated point (index as in `rawPoints`): its vertex in `combined`.
        var combinedVertex: [Int] = []
        /// Per vertex of `combined`: the evaluated point's index, or -1 for a pending point.
        var combinedToReal: [Int] = []
        /// Per pending point in `combined`: its vertex there.
        var pendingVertex: [SIMD2<Double>: Int] = [:]

        init(bounds: (x: (lower: Double, upper: Double), y: (lower: Double, upper: Double)), loss: Loss2D, stackSize: Int) {
            self.bounds = bounds
            self.loss = loss
            self.stackSize = stackSize
            real = Mesh(loss: loss, vdim: 1)
            mean = SIMD2((bounds.x.lower + bounds.x.upper) / 2, (bounds.y.lower + bounds.y.upper) / 2)
            scale = SIMD2(bounds.x.upper - bounds.x.lower, bounds.y.upper - bounds.y.lower)
            corners = [
                SIMD2(bounds.x.lower, bounds.y.lower), SIMD2(bounds.x.lower, bounds.y.upper),
                SIMD2(bounds.x.upper, bounds.y.lower), SIMD2(bounds.x.upper, bounds.y.upper),
            ]
            for c in corners { stack[c] = .infinity }
        }

        func scaled(_ p: SIMD2<Double>) -> SIMD2<Double> { (p - mean) / scale }
        func unscaled(_ p: SIMD2<Double>) -> SIMD2<Double> { p * scale + mean }

        func value(of i: Int) -> [Double] {
            guard vdim != nil else { return [] }
            return Array(real.values[(i * real.vdim)..<((i + 1) * real.vdim)])
        }

        var boundsAreDone: Bool { corners.allSatisfy { index[$0] != nil } }

        func checkInBounds(_ p: SIMD2<Double>, _ what: String) throws {
            let inside = p.x >= bounds.x.lower && p.x <= bounds.x.upper && p.y >= bounds.y.lower && p.y <= bounds.y.upper
            guard inside else {
                let f = AdaptiveError.format
                throw AdaptiveError("Learner2D: \(what) point (\(f(p.x)), \(f(p.y))) is outside the bounds")
            }
        }

        mutating func tell(_ p: SIMD2<Double>, _ value: [Double]) throws {
            try checkInBounds(p, "told")
            if let d = vdim, value.count != d {
                let f = AdaptiveError.format
                throw AdaptiveError("Learner2D: the value at (\(f(p.x)), \(f(p.y))) has \(value.count) components, expected \(d) like the earlier values")
            }
            guard !value.isEmpty else { throw AdaptiveError("Learner2D: a value needs at least one component") }
            if value.count > 1, case .minimizeTriangleSurface = loss.kind {
                throw AdaptiveError("Learner2D: minimizeTriangleSurface needs scalar values, got \(value.count) components")
            }
            if vdim == nil {
                vdim = value.count
                real = Mesh(loss: loss, vdim: value.count)
            }
            pending.remove(p)
            stack.removeValue(forKey: p)
            let wasDone = boundsAreDone
            if let i = index[p] {
                // Told again: python overwrites the value; an equal value changes nothing.
                let old = self.value(of: i)
                if old.elementsEqual(value, by: { $0 == $1 || ($0.isNaN && $1.isNaN) }) { return }
                real.setValue(i, value)
                try tellCombined(p, value, existing: i)
            } else {
                index[p] = rawPoints.count
                rawPoints.append(p)
                let realHint = hints.removeValue(forKey: p)
                _ = try real.insert(scaled(p), value, hint: realHint.map { real.tri.vertexSlot[$0] })
                try tellCombined(p, value, existing: nil, hint: realHint)
            }
            // Pending points have values 0 until the corners are done: rebuild then.
            if !wasDone || !boundsAreDone { combined = nil }
            try rethrowLossError(&real)
        }

        func rethrowLossError(_ mesh: inout Mesh) throws {
            if let error = mesh.firstError {
                mesh.firstError = nil
                throw error
            }
        }

        mutating func tellPending(_ p: SIMD2<Double>) throws {
            try checkInBounds(p, "pending")
            markPending(p)
        }

        mutating func loss(real isReal: Bool) -> Double {
            guard boundsAreDone else { return .infinity }
            if isReal || pending.isEmpty {
                real.refresh()
                return real.maxLoss() ?? .infinity
            }
            guard (try? prepareCombined()) != nil else { return .infinity }
            return combined?.maxLoss() ?? .infinity
        }

        mutating func removeUnfinished() {
            pending.removeAll()
            combined = nil
            hints = hints.filter { stack[$0.key] != nil }
            for c in corners where index[c] == nil && stack[c] == nil { stack[c] = .infinity }
        }
    }
}
