// The integrator's state, kept behind `IntegratorLearner`'s lock. Names follow
// python-adaptive's `integrator_learner.py` (spec §4.4).

extension IntegratorLearner {
    /// python's `_Interval`, in a pool addressed by `Int32` ids. Its nodes and
    /// coefficients live in `Core.slotNodes` / `Core.coeffs`, 33 slots per interval
    /// (its values are its nodes' values).
    struct Interval {
        var a: Double
        var b: Double
        /// Refinement level: 0…3 for 5…33 nodes.
        var depth: Int
        /// Number of splits from the first interval, which has 1.
        var rdepth: Int
        /// The deepest level whose coefficients were computed, -1 for none (python's None).
        var depthComplete: Int = -1
        var ndiv: Int
        var parent: Int32
        /// The left child; the right one is `firstChild + 1`; -1 if not split.
        var firstChild: Int32 = -1
        var igral: Double = 0
        var err: Double
        /// `c[0]` when depth 0 was completed (0 for the first interval).
        var c00: Double = 0
        /// How many coefficients are stored (python's `len(c)`), 0 before the first.
        var cCount: Int = 0
        /// Which of the 33 value slots are known.
        var known: UInt64 = 0
        var removed = false
        /// In one of the `doneLeaves` lists (python's: in some interval's `done_leaves`).
        var isDoneLeaf = false
        /// Scratch mark of `updateDoneLeaves`, false outside it.
        var isInOld = false

        var hasChildren: Bool { firstChild >= 0 }
    }

    /// One `fillStack` action, as a save file records it: `interval` was refined,
    /// split (`forced`: from the priority list) or dropped after `told` nodes were told,
    /// and `dropped` (or -1) left the active intervals for the `maxIvals` cap.
    struct Refinement: Equatable {
        var told: Int
        var interval: Int32
        var forced: Bool
        var dropped: Int32
    }

    /// One interval containing an x, linked in the order of python's
    /// `SortedSet(key=rdepth)` (ties in insertion order).
    struct MapEntry {
        var interval: Int32
        var slot: Int32
        var next: Int32
    }

    /// A node: its value once told, and the head of its list of intervals.
    struct Node {
        enum Status: UInt8 { case queued, pending, told }
        var x: Double
        var y: Double = 0
        var status: Status = .queued
        var mapHead: Int32 = -1
    }

    struct Core {
        let tol: Double
        let lower: Double
        let upper: Double
        static let maxIvals = 1000

        var intervals: [Interval] = []
        /// 33 coefficients per interval.
        var coeffs: [Double] = []
        /// The node of each of an interval's 33 slots, -1 until its depth reaches it.
        var slotNodes: [Int32] = []
        /// python's `done_leaves`: nil once propagated to the parent (python's None).
        var doneLeaves: [[Int32]?] = []

        /// python's `ivals`: the active intervals, with each interval's position in it.
        var active: [Int32] = []
        var activePosition: [Int32] = []
        var prioritySplit: [Int32] = []

        /// Every node of every interval so far, found by x in `nodeIDs`: python's
        /// `data` (status told), `pending_points` (status pending) and `x_mapping`.
        var nodes: [Node] = []
        var nodeIDs = DoubleIndexTable(capacity: 1024)
        var toldCount = 0
        var pendingCount = 0
        /// python's `_stack`: the nodes to hand out, from `stackHead` on.
        var stack: [Int32] = []
        var stackHead = 0
        /// The last point handed out (its bits) and its node: the one usually told
        /// next, found without the hash table.
        var lastHandedOut: (bits: UInt64, node: Int32) = (0, -1)
        /// The arrays the last `ask` returned, refilled by the next one.
        var askedPoints: [Double] = []
        var askedImprovements: [Double] = []
        /// The intervals containing each node, linked from `Node.mapHead` by `next`.
        var mapEntries: [MapEntry] = []
        /// The history a save file replays: the nodes in the order they were first told,
        /// and every refinement of the stack with how many nodes were told before it.
        var tellOrder: [Int32] = []
        var refinements: [IntegratorLearner.Refinement] = []

        /// Scratch buffers for one `completeProcess`.
        var fx = [Double](repeating: 0, count: 33)
        var cOld = [Double](repeating: 0, count: 33)

        /// Cached sums over the approximating intervals; valid unless `sumsDirty`.
        var sumsDirty = true {
            didSet { if sumsDirty { doneCache = 0 } }
        }
        /// `isDone()` as last computed, 1 (false) or 2 (true); 0 when the sums or the
        /// active intervals have changed since. What `IntegratorLearner.isDone` reads
        /// without the lock.
        var doneCache: UInt8 = 0
        var cachedIgral = 0.0
        var cachedErr = Double.infinity
        var cachedExcess = 0.0

        init(lower: Double, upper: Double, tol: Double) {
            self.lower = lower
            self.upper = upper
            self.tol = tol
            // Room for the first interval at depth 3 and its first splits, so that short
            // integrals (33 points for exp on (0, 1)) do not grow their arrays.
            intervals.reserveCapacity(8)
            coeffs.reserveCapacity(8 * CQUAD.maxNodes)
            slotNodes.reserveCapacity(8 * CQUAD.maxNodes)
            nodes.reserveCapacity(64)
            mapEntries.reserveCapacity(128)
            stack.reserveCapacity(64)
            // python's `make_first`: depth 2, err = the largest double (inf/2 == inf).
            let first = newInterval(
                a: lower, b: upper, depth: 2, rdepth: 1, parent: -1, ndiv: 0, err: .greatestFiniteMagnitude)
            // Adding the first interval tells nothing, so it cannot throw.
            try! addInterval(first)
        }

        // MARK: - Pool

        mutating func newInterval(
            a: Double, b: Double, depth: Int, rdepth: Int, parent: Int32, ndiv: Int, err: Double
        ) -> Int32 {
            let id = Int32(intervals.count)
            intervals.append(Interval(a: a, b: b, depth: depth, rdepth: rdepth, ndiv: ndiv, parent: parent, err: err))
            coeffs.append(contentsOf: repeatElement(0, count: CQUAD.maxNodes))
            slotNodes.append(contentsOf: repeatElement(-1, count: CQUAD.maxNodes))
            doneLeaves.append([])
            activePosition.append(-1)
            return id
        }

        /// Node k of the interval at `depth`, computed as python does so that nodes
        /// shared by parent and child are the same doubles.
        @inline(__always)
        func node(_ i: Int32, _ k: Int, depth: Int) -> Double {
            let ival = intervals[Int(i)]
            return (ival.a + ival.b) / 2 + (ival.b - ival.a) * CQUAD.xi(depth, k) / 2
        }

        mutating func activate(_ i: Int32) {
            guard activePosition[Int(i)] < 0 else { return }
            activePosition[Int(i)] = Int32(active.count)
            active.append(i)
            doneCache = 0
        }

        mutating func deactivate(_ i: Int32) {
            let position = Int(activePosition[Int(i)])
            guard position >= 0 else { return }
            let last = active.removeLast()
            if last != i {
                active[position] = last
                activePosition[Int(last)] = Int32(position)
            }
            activePosition[Int(i)] = -1
            doneCache = 0
        }

        /// The node at x, created if new.
        mutating func nodeID(_ x: Double) -> Int32 {
            let (id, inserted) = nodeIDs.findOrInsert(x, newID: Int32(nodes.count))
            if inserted { nodes.append(Node(x: x)) }
            return id
        }

        /// Adds `interval` to the intervals containing node `n`, keeping rdepth order
        /// (ties in insertion order); nothing if it is there already.
        mutating func map(_ n: Int32, _ interval: Int32, slot: Int) {
            let rdepth = intervals[Int(interval)].rdepth
            var previous: Int32 = -1
            var current = nodes[Int(n)].mapHead
            while current >= 0 {
                let e = mapEntries[Int(current)]
                if e.interval == interval { return }
                if intervals[Int(e.interval)].rdepth > rdepth { break }
                previous = current
                current = e.next
            }
            let id = Int32(mapEntries.count)
            mapEntries.append(MapEntry(interval: interval, slot: Int32(slot), next: current))
            if previous < 0 {
                nodes[Int(n)].mapHead = id
            } else {
                mapEntries[Int(previous)].next = id
            }
        }

        // MARK: - Sums over the approximating intervals

        mutating func updateSums() {
            guard sumsDirty else { return }
            sumsDirty = false
            let leaves = doneLeaves[0] ?? []
            var igral = 0.0, err = 0.0, excess = 0.0
            for leaf in leaves {
                let ival = intervals[Int(leaf)]
                igral += ival.igral
                err += ival.err
                if ival.removed { excess += ival.err }
            }
            cachedIgral = igral
            cachedErr = leaves.isEmpty ? .infinity : (err > .greatestFiniteMagnitude ? .infinity : err)
            cachedExcess = excess
        }

        /// python's `done()`.
        mutating func isDone() -> Bool {
            updateSums()
            let err = cachedErr, igral = cachedIgral
            let done = err == 0 || err < abs(igral) * tol
                || (err - cachedExcess < abs(igral) * tol && abs(igral) * tol < cachedExcess)
                || active.isEmpty
            doneCache = done ? 2 : 1
            return done
        }

        /// python's `loss()`: `| |igral|·tol − err |`.
        mutating func loss() -> Double {
            updateSums()
            return abs(abs(cachedIgral) * tol - cachedErr)
        }
    }
}
