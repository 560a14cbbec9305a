// The AverageLearner's state, kept behind its lock: the running sums and, per seed,
// whether it is unused, pending or told. Seeds are usually dense (0, 1, 2, …), so they
// live in arrays indexed by seed; seeds far beyond the number told go to tables.

extension AverageLearner {
    enum SeedStatus: UInt8 { case unused, pending, told }

    struct Core {
        var npoints = 0
        var pendingCount = 0
        var sum = 0.0
        var sumOfSquares = 0.0

        /// Status and value of the dense seeds `0 ..< denseStatus.count`.
        var denseStatus = PagedArray<SeedStatus>(filler: .unused)
        var denseValues = PagedArray<Double>(filler: 0)
        /// The other seeds.
        var sparseValues: [Int: Double] = [:]
        var sparsePending: Set<Int> = []
        /// The standard deviation and the real loss, computed when a value is told.
        var std = Double.infinity
        var realLoss = Double.infinity
        /// The loss with one more point (python's `loss(n=npoints + 1)`), for ask(1).
        var nextLoss = Double.infinity
        /// The arrays the last `ask` returned, refilled by the next one (see `setAsked`).
        var askedPoints: [Int] = []
        var askedImprovements: [Double] = []

        var mean: Double { sum / Double(npoints) }

        @inline(__always)
        func status(_ seed: Int) -> SeedStatus {
            if seed < denseStatus.count { return denseStatus[seed] }
            if sparseValues.isEmpty && sparsePending.isEmpty { return .unused }
            if sparseValues[seed] != nil { return .told }
            return sparsePending.contains(seed) ? .pending : .unused
        }

        /// Grows the dense arrays to hold `seed` when it is not far beyond them.
        @inline(__always)
        mutating func isDense(_ seed: Int) -> Bool {
            seed < denseStatus.count || grow(toInclude: seed)
        }

        @inline(never)
        mutating func grow(toInclude seed: Int) -> Bool {
            guard seed < 2 * denseStatus.count + 4096 else { return false }
            denseStatus.grow(toInclude: seed)
            denseValues.grow(toInclude: seed)
            let newCount = denseStatus.count
            // Move sparse entries that are now in range.
            for (s, v) in sparseValues where s < newCount {
                denseStatus[s] = .told
                denseValues[s] = v
                sparseValues[s] = nil
            }
            for s in sparsePending where s < newCount {
                denseStatus[s] = .pending
                sparsePending.remove(s)
            }
            return true
        }

        @inline(__always)
        mutating func setPending(_ seed: Int) {
            if isDense(seed) {
                // python adds a told seed to the pending set too; it then counts in
                // n_requested. We ignore it: a told seed is never evaluated again.
                if denseStatus[seed] == .unused {
                    denseStatus[seed] = .pending
                    pendingCount += 1
                }
            } else if sparseValues[seed] == nil, sparsePending.insert(seed).inserted {
                pendingCount += 1
            }
        }

        /// python's `tell`: a told seed is ignored (returns false); otherwise the sums
        /// are updated.
        @discardableResult @inline(__always)
        mutating func tell(_ seed: Int, _ value: Double) -> Bool {
            if isDense(seed) {
                switch denseStatus[seed] {
                case .told: return false
                case .pending: pendingCount -= 1
                case .unused: break
                }
                denseStatus[seed] = .told
                denseValues[seed] = value
            } else {
                guard sparseValues[seed] == nil else { return false }
                if sparsePending.remove(seed) != nil { pendingCount -= 1 }
                sparseValues[seed] = value
            }
            sum += value
            sumOfSquares += value * value
            npoints += 1
            return true
        }

        // The arrays `ask` returns are kept here and refilled in place by the next ask:
        // once the caller has dropped the previous ones their storage is unique again,
        // so asking allocates nothing (the caller's copies only cost a retain).

        mutating func setAsked<C: Collection<Int>>(_ seeds: C) {
            if askedPoints.count == seeds.count {
                for (i, seed) in zip(askedPoints.indices, seeds) { askedPoints[i] = seed }
            } else {
                askedPoints.removeAll(keepingCapacity: true)
                askedPoints.append(contentsOf: seeds)
            }
        }

        mutating func setAskedImprovements(_ improvement: Double) {
            if askedImprovements.count == askedPoints.count {
                for i in askedImprovements.indices { askedImprovements[i] = improvement }
            } else {
                askedImprovements = Array(repeating: improvement, count: askedPoints.count)
            }
        }

        mutating func removeUnfinished() {
            for i in denseStatus.indices where denseStatus[i] == .pending { denseStatus[i] = .unused }
            sparsePending.removeAll()
            pendingCount = 0
        }

        func sortedData() -> [(seed: Int, value: Double)] {
            var rows: [(seed: Int, value: Double)] = []
            rows.reserveCapacity(npoints)
            for i in denseStatus.indices where denseStatus[i] == .told { rows.append((i, denseValues[i])) }
            rows.append(contentsOf: sparseValues.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            return rows
        }

        func pendingSeeds() -> [Int] {
            denseStatus.indices.filter { denseStatus[$0] == .pending } + sparsePending.sorted()
        }
    }
}
