import Foundation

// The state behind AverageLearner1D's lock: a Learner1D state on the means (`base`)
// plus python-adaptive's `_data_samples`, `_number_samples`, `error`, `_distances`,
// `rescaled_error` and `_undersampled_points`, and the helpers that keep them.

extension AverageLearner1D {
    /// What the learner knows of one evaluated x.
    struct PointSamples {
        /// The seeds and samples in the order they were told (python sums in that order).
        var seeds: [Int] = []
        var values: [Double] = []
        var seedSet: Set<Int> = []
        /// The running mean (python's `data[x]`).
        var mean: Double
        /// The error of the mean (+inf with one sample).
        var error = Double.infinity
        /// The distance to the right evaluated neighbour in the (x, mean) plane, raw
        /// units (python's `_distances[x]`); NaN while there is none.
        var distance = Double.nan

        var count: Int { values.count }
    }

    struct Core {
        var base: Learner1D.Core
        var settings: Settings
        /// The evaluated x's: their slot in `slots`.
        var slotOf: [Double: Int] = [:]
        var slots: [PointSamples] = []
        /// python's `_undersampled_points`, oldest first.
        var undersampled: [Double] = []
        var rescaled = ErrorQueue()
        var pending: Set<Point> = []
        var nsamples = 0
        /// Student t quantiles `t(1 − α, df)` by df (NaN: not computed yet).
        var quantiles: [Double] = []

        init(base: Learner1D.Core, settings: Settings) {
            self.base = base
            self.settings = settings
            self.base.vdim = 1
        }

        func checkInBounds(_ x: Double) throws {
            guard x >= base.lower && x <= base.upper else {
                let f = AdaptiveError.format
                throw AdaptiveError("AverageLearner1D: x = \(f(x)) is outside the bounds {\(f(base.lower)), \(f(base.upper))}")
            }
        }

        /// `tell_pending((seed, x))` for an x inside the bounds; a told pair is ignored.
        mutating func addPending(_ point: Point) {
            if let slot = slotOf[point.x] {
                if slots[slot].seedSet.contains(point.seed) { return }
            } else {
                base.addPending(point.x)
            }
            pending.insert(point)
        }

        /// python's `_calc_error_in_mean`: `t(1 − α, n − 1) · sqrt(Σ(y − ȳ)² / (n − 1) / n)`.
        mutating func errorInMean(_ slot: Int) -> Double {
            let p = slots[slot]
            let n = p.count
            var sum = 0.0
            for y in p.values {
                let d = y - p.mean
                sum += d * d
            }
            let variance = sum / Double(n - 1)
            return quantile(n - 1) * (variance / Double(n)).squareRoot()
        }

        mutating func quantile(_ df: Int) -> Double {
            if df >= quantiles.count { quantiles.append(contentsOf: repeatElement(.nan, count: df + 1 - quantiles.count)) }
            if quantiles[df].isNaN {
                quantiles[df] = StudentT.quantile(1 - settings.alpha, degreesOfFreedom: Double(df))
            }
            return quantiles[df]
        }

        /// The evaluated neighbours of the evaluated x at node `id`, as slots.
        func neighborSlots(_ id: Int32) -> (left: Int?, right: Int?) {
            let node = base.nodes[Int(id)]
            let none = Learner1D.Node.none
            let left = node.prevReal == none ? nil : slotOf[base.x(node.prevReal)]
            let right = node.nextReal == none ? nil : slotOf[base.x(node.nextReal)]
            return (left, right)
        }

        /// python's `_update_distances(x)`.
        mutating func updateDistances(_ slot: Int, x: Double, id: Int32) {
            let (left, right) = neighborSlots(id)
            let node = base.nodes[Int(id)]
            let y = slots[slot].mean
            if let left {
                let xl = base.x(node.prevReal)
                slots[left].distance = hypot(x - xl, y - slots[left].mean)
            }
            if let right {
                let xr = base.x(node.nextReal)
                slots[slot].distance = hypot(xr - x, slots[right].mean - y)
            }
        }

        /// python's `_update_rescaled_error_in_mean(x, point_type)`: the neighbours'
        /// rescaled errors (if they have one) and, for a resampled x, its own.
        mutating func updateRescaledError(_ slot: Int, x: Double, id: Int32, resampled: Bool) {
            let (left, right) = neighborSlots(id)
            if left == nil && right == nil { return }
            let node = base.nodes[Int(id)]
            let dLeft: Double, dRight: Double
            if let left {
                dLeft = slots[left].distance
                let xl = base.x(node.prevReal)
                if rescaled.contains(xl) {
                    let leftNode = base.nodes[Int(node.prevReal)]
                    let norm = leftNode.prevReal == Learner1D.Node.none
                        ? slots[left].distance
                        : pythonMin(slots[slotOf[base.x(leftNode.prevReal)]!].distance, slots[left].distance)
                    rescaled.set(xl, slots[left].error / norm)
                }
            } else {
                dLeft = slots[slot].distance
            }
            if let right {
                dRight = slots[slot].distance
                let xr = base.x(node.nextReal)
                if rescaled.contains(xr) {
                    let rightNode = base.nodes[Int(node.nextReal)]
                    let norm = rightNode.nextReal == Learner1D.Node.none
                        ? slots[slot].distance
                        : pythonMin(slots[slot].distance, slots[right].distance)
                    rescaled.set(xr, slots[right].error / norm)
                }
            } else {
                dRight = slots[left!].distance
            }
            if resampled {
                rescaled.set(x, slots[slot].error / pythonMin(dLeft, dRight))
            }
        }

        /// Drops x from the rescaled errors once it needs no more samples.
        mutating func retireIfPrecise(_ slot: Int, x: Double) {
            if slots[slot].error <= settings.minError || slots[slot].count >= settings.maxSamples {
                rescaled.remove(x)
            }
        }

        mutating func leaveUndersampled(_ x: Double) {
            if let i = undersampled.firstIndex(of: x) { undersampled.remove(at: i) }
        }
    }
}

/// Python's `min(a, b)`: `a` unless `b < a` (so a NaN first argument wins).
@inline(__always)
func pythonMin(_ a: Double, _ b: Double) -> Double { b < a ? b : a }
