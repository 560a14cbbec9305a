// `tell`, `tell_many` and `tell_many_at_point` (spec §4.3), in python-adaptive's order
// of updates: the Learner1D state, then counts, errors, distances and rescaled errors.

extension AverageLearner1D.Core {
    /// `tell((seed, x), y)` for an x inside the bounds.
    mutating func tell(_ seed: Int, _ x: Double, _ y: Double) throws {
        pending.remove(AverageLearner1D.Point(seed: seed, x: x))
        if let slot = slotOf[x] {
            guard slots[slot].seedSet.insert(seed).inserted else { return }   // known pair
            try tellResampled(slot, seed: seed, x: x, y: y)
        } else {
            try tellNew(seed, x, y)
        }
    }

    /// The first sample at x: a new point of the Learner1D on the means.
    mutating func tellNew(_ seed: Int, _ x: Double, _ y: Double) throws {
        var lossError: (any Error)?
        do { try base.tell(x, y) } catch { lossError = error }   // in bounds: only a custom loss throws
        let slot = slots.count
        slots.append(AverageLearner1D.PointSamples(seeds: [seed], values: [y], seedSet: [seed], mean: y))
        slotOf[x] = slot
        nsamples += 1
        undersampled.append(x)
        rescaled.set(x, .infinity)
        let id = base.evaluatedNode(x)!
        updateDistances(slot, x: x, id: id)
        updateRescaledError(slot, x: x, id: id, resampled: false)
        if let lossError { throw lossError }
    }

    /// Another sample at x (its seed already added to the seed set).
    mutating func tellResampled(_ slot: Int, seed: Int, x: Double, y: Double) throws {
        let n0 = Double(slots[slot].count)
        slots[slot].mean = slots[slot].mean * n0 / (n0 + 1) + y / (n0 + 1)
        slots[slot].seeds.append(seed)
        slots[slot].values.append(y)
        nsamples += 1
        let n = slots[slot].count
        let id = base.evaluatedNode(x)!
        if n >= settings.minSamples && undersampled.contains(x) {
            // Leave the undersampled set with more than neighbor_sampling × the mean
            // sample count of the neighbours.
            let (left, right) = neighborSlots(id)
            let neighbors: Double
            switch (left, right) {
            case let (l?, r?): neighbors = Double(slots[l].count + slots[r].count) / 2
            case let (l?, nil): neighbors = Double(slots[l].count)
            case let (nil, r?): neighbors = Double(slots[r].count)
            case (nil, nil): neighbors = 0
            }
            if Double(n) > settings.neighborSampling * neighbors { leaveUndersampled(x) }
        }
        slots[slot].error = errorInMean(slot)
        updateDistances(slot, x: x, id: id)
        updateRescaledError(slot, x: x, id: id, resampled: true)
        retireIfPrecise(slot, x: x)
        try base.resample(x, value: slots[slot].mean, samples: [y])
    }

    /// `tell_many`: the samples grouped by x in order of first appearance (a seed
    /// repeated at one x: the last value wins, as in python's dict). Inputs are in bounds.
    mutating func tellMany(_ points: [AverageLearner1D.Point], _ ys: [Double]) throws {
        var order: [Double] = []
        var groups: [Double: (seeds: [Int], values: [Double], index: [Int: Int])] = [:]
        for (p, y) in zip(points, ys) {
            if groups[p.x] == nil {
                order.append(p.x)
                groups[p.x] = ([], [], [:])
            }
            if let i = groups[p.x]!.index[p.seed] {
                groups[p.x]!.values[i] = y
            } else {
                groups[p.x]!.index[p.seed] = groups[p.x]!.seeds.count
                groups[p.x]!.seeds.append(p.seed)
                groups[p.x]!.values.append(y)
            }
        }
        var firstError: (any Error)?
        for x in order {
            let group = groups[x]!
            do {
                if group.seeds.count == 1 {
                    try tell(group.seeds[0], x, group.values[0])
                } else {
                    try tellManyAtPoint(x, seeds: group.seeds, values: group.values)
                }
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        if let firstError { throw firstError }
    }

    /// `tell_many_at_point(x, {seed: y})`: many samples of one x at once (distinct
    /// seeds). Leaves the undersampled set with more than `minSamples` samples,
    /// whatever the neighbours have (python's rule here).
    mutating func tellManyAtPoint(_ x: Double, seeds: [Int], values: [Double]) throws {
        var seeds = seeds, values = values
        for seed in seeds { pending.remove(AverageLearner1D.Point(seed: seed, x: x)) }
        var lossError: (any Error)?
        if slotOf[x] == nil {
            do { try tellNew(seeds.removeFirst(), x, values.removeFirst()) } catch { lossError = error }
        }
        let slot = slotOf[x]!
        let known = slots[slot].seedSet
        let fresh = seeds.indices.filter { !known.contains(seeds[$0]) }
        if !fresh.isEmpty {
            let count = slots[slot].count
            var sum = 0.0
            for i in fresh { sum += values[i] }
            let m = Double(fresh.count)
            let n = count + fresh.count
            slots[slot].mean = (sum / m * m + slots[slot].mean * Double(count)) / Double(n)
            for i in fresh {
                slots[slot].seeds.append(seeds[i])
                slots[slot].values.append(values[i])
                slots[slot].seedSet.insert(seeds[i])
            }
            nsamples += fresh.count
            if n > settings.minSamples { leaveUndersampled(x) }
            slots[slot].error = errorInMean(slot)
            let id = base.evaluatedNode(x)!
            updateDistances(slot, x: x, id: id)
            updateRescaledError(slot, x: x, id: id, resampled: true)
            retireIfPrecise(slot, x: x)
            var low = slots[slot].values[0], high = low
            for y in slots[slot].values.dropFirst() {
                if y < low { low = y }
                if y > high { high = y }
            }
            do { try base.resample(x, value: slots[slot].mean, samples: [low, high]) } catch {
                if lossError == nil { lossError = error }
            }
        }
        if let lossError { throw lossError }
    }
}
