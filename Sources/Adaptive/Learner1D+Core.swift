import Foundation

// The learner's state, kept behind `Learner1D`'s lock. Names follow python-adaptive's
// `learner1D.py` where they have an equivalent (spec §1.1).

extension Learner1D {
    /// A point of the combined (evaluated + pending) grid, in a pool addressed by
    /// `Int32` ids. Points are linked in x order twice: all points (`prev`/`next`,
    /// python's `neighbors_combined`) and evaluated points (`prevReal`/`nextReal`,
    /// python's `neighbors`). Each point carries the losses of the intervals starting
    /// at it; the `stamp`s tell which heap entries are current (see `LossHeap`).
    struct Node {
        var x: Double
        /// The value for scalar outputs, the slot in `Core.vectors` for vectors.
        var y: Double
        /// Loss of the real interval (x, nextReal.x), if there is one.
        var realLoss: Double
        /// Loss of the combined interval (x, next.x), if there is one.
        var combinedLoss: Double
        var prev: Int32
        var next: Int32
        var prevReal: Int32
        /// `Node.pendingMark` for pending points.
        var nextReal: Int32
        /// Heap entry stamps; odd while the loss changed and the heap has no entry yet.
        var realStamp: UInt32
        var combinedStamp: UInt32

        static let none: Int32 = -1
        static let pendingMark: Int32 = -2
        var isPending: Bool { nextReal == Self.pendingMark }
    }

    /// An entry of a point index: x and the id of its node.
    struct IndexEntry: ChunkedSortable {
        var x: Double
        var node: Int32
        var sortKey: Double { x }
    }

    /// The observed y-range with python-adaptive's semantics (spec §1.2): scalars use
    /// Python's `min`/`max` (a NaN never enters), vectors a per-component NaN-ignoring
    /// min/max, and the scale of a vector is the largest component range (NaN if a
    /// component has no non-NaN value yet, as `np.max` does).
    struct YRange {
        var low = Double.infinity
        var high = -Double.infinity
        var lows: [Double] = []
        var highs: [Double] = []
        /// `_scale[1]`: 0 until the first value.
        private(set) var scale = 0.0

        /// What y-values are divided by: the scale, or 1 while it is 0.
        var divisor: Double { scale != 0 ? scale : 1 }

        mutating func include(_ y: Double) {
            if y < low { low = y }
            if y > high { high = y }
            scale = high - low
        }

        mutating func include(_ y: ArraySlice<Double>) {
            if lows.isEmpty {
                lows = Array(y)
                highs = lows
            } else {
                for (k, value) in zip(lows.indices, y) {
                    lows[k] = fmin(lows[k], value)
                    highs[k] = fmax(highs[k], value)
                }
            }
            var largest = -Double.infinity
            for k in lows.indices {
                let range = highs[k] - lows[k]
                if range.isNaN {
                    largest = .nan
                    break
                }
                largest = max(largest, range)
            }
            scale = largest
        }
    }

    struct Core {
        let lower: Double
        let upper: Double
        let loss: Loss1D
        let nn: Int
        /// `_scale[0]`: always the width of the bounds (points outside are rejected).
        let xScale: Double
        /// Intervals narrower than this get loss 0 (`_dx_eps`).
        let dxEps: Double
        /// Full recompute when the y-scale exceeds this × the scale at the last one.
        var recomputeFactor = 2.0

        var nodes: [Node] = []
        /// All points by x (python's `neighbors_combined` keys).
        var combinedIndex = SortedChunkedArray<IndexEntry>()
        /// Evaluated points by x (python's `neighbors` keys).
        var realIndex = SortedChunkedArray<IndexEntry>()
        /// Real intervals by priority (python's `losses`).
        var realHeap = LossHeap()
        /// Combined intervals by priority (python's `losses_combined`).
        var combinedHeap = LossHeap()
        /// Nodes whose real / combined loss changed since their heap was last read.
        var realDirty: [Int32] = []
        var combinedDirty: [Int32] = []

        /// Output length: nil until the first value; 1 for scalars and 1-vectors.
        var vdim: Int?
        /// Vector values, `vdim` per slot, in the order they were told.
        var vectors: [Double] = []
        var yRange = YRange()
        /// `_oldscale[1]`: the y-scale at the last full recompute.
        var oldScale = 0.0
        var pendingCount = 0
        /// The first error a custom loss threw during the current operation.
        var lossError: (any Error)?

        init(lower: Double, upper: Double, loss: Loss1D) {
            self.lower = lower
            self.upper = upper
            self.loss = loss
            self.nn = loss.nthNeighbors
            xScale = upper - lower
            dxEps = 2 * max(abs(lower), abs(upper)) * Double.ulpOfOne
        }

        var isVector: Bool { (vdim ?? 1) > 1 }
        var realCount: Int { realIndex.count }

        /// Which bounds are neither evaluated nor pending (all points lie inside them).
        var lowerMissing: Bool { combinedIndex.first?.x != lower }
        var upperMissing: Bool { combinedIndex.last?.x != upper }
        var missingBounds: [Double] {
            (lowerMissing ? [lower] : []) + (upperMissing ? [upper] : [])
        }

        @inline(__always) func x(_ id: Int32) -> Double { nodes[Int(id)].x }

        /// The output value of a real node, as components.
        func values(of id: Int32) -> ArraySlice<Double> {
            let y = nodes[Int(id)].y
            guard isVector, let vdim else { return [y] }
            let start = Int(y) * vdim
            return vectors[start..<(start + vdim)]
        }

        // MARK: Interval losses

        /// Whether `intervalLoss` needs the window of neighbours (all but the scalar
        /// fast path of the built-ins without neighbours).
        var needsWindow: Bool { nn > 0 || isVector || !loss.isBuiltIn }

        /// The real points around the real interval starting at `left`: offsets
        /// −nn … nn+1, nil beyond the data.
        func window(at left: Int32) -> [Int32?] {
            var result = [Int32?](repeating: nil, count: 2 + 2 * nn)
            var id = left
            for k in stride(from: nn, through: 0, by: -1) {
                result[k] = id
                id = nodes[Int(id)].prevReal
                if id == Node.none { break }
            }
            id = nodes[Int(left)].nextReal
            for k in (nn + 1)..<(2 + 2 * nn) {
                if id == Node.none { break }
                result[k] = id
                id = nodes[Int(id)].nextReal
            }
            return result
        }

        /// python-adaptive's `_get_loss_in_interval` for the real interval p0–p1, with
        /// y-values divided by `divisor`. `window` (node ids at offsets −nn … nn+1 around
        /// p0) must be given when `needsWindow`. A NaN result is the canonical `.nan`.
        @inline(__always)
        func intervalLoss(_ p0: Int32, _ p1: Int32, divisor: Double, window: [Int32?]?) throws -> Double {
            let loss = try rawIntervalLoss(p0, p1, divisor: divisor, window: window)
            return loss.isNaN ? .nan : loss
        }

        @inline(__always)
        private func rawIntervalLoss(_ p0: Int32, _ p1: Int32, divisor: Double, window: [Int32?]?) throws
            -> Double
        {
            let x0 = nodes[Int(p0)].x
            let x1 = nodes[Int(p1)].x
            if x1 - x0 < dxEps { return 0 }
            guard let window else {
                return loss.scalarPair(
                    x0: x0 / xScale, x1: x1 / xScale, y0: nodes[Int(p0)].y / divisor, y1: nodes[Int(p1)].y / divisor)
            }
            if !isVector && loss.isBuiltIn {
                var xs = SIMD4<Double>(repeating: .nan)
                var ys = SIMD4<Double>(repeating: .nan)
                for (k, id) in window.enumerated() {
                    guard let id else { continue }
                    xs[k] = nodes[Int(id)].x / xScale
                    ys[k] = nodes[Int(id)].y / divisor
                }
                return loss.scalarQuad(xs, ys)
            }
            let xs = window.map { $0.map { x($0) / xScale } }
            let ys = window.map { $0.map { values(of: $0).map { $0 / divisor } } }
            if case .custom(let function) = loss.kind { return try function(xs, ys) }
            return loss.builtIn(xs, ys)
        }

        /// The loss of the real interval starting at `left` with y divided by
        /// `divisor`; +inf (and the error kept in `lossError`) if a custom loss throws.
        mutating func computeLoss(at left: Int32, divisor: Double) -> Double {
            let right = nodes[Int(left)].nextReal
            let points = needsWindow ? window(at: left) : nil
            do {
                return try intervalLoss(left, right, divisor: divisor, window: points)
            } catch {
                if lossError == nil { lossError = error }
                return .infinity
            }
        }

        /// Throws (and forgets) the error a custom loss raised during this operation.
        mutating func rethrowLossError() throws {
            if let error = lossError {
                lossError = nil
                throw error
            }
        }
    }
}
