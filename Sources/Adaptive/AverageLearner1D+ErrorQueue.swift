// python-adaptive's `rescaled_error`: an `ItemSortedDict` ordered by decreasing value,
// of which `ask` reads the first item. Equal values keep the order in which they were
// set (sortedcontainers inserts after equal keys, and setting a key re-inserts it), so
// the queue orders by (value descending, time of setting ascending).

extension AverageLearner1D {
    /// The points' rescaled errors by decreasing value: a binary heap with lazy
    /// deletion. Setting or removing a point's error retires its older entries, which
    /// are dropped when they reach the top or when they outnumber the current ones.
    struct ErrorQueue {
        struct Entry: HeapOrdered, Sendable {
            var value: Double
            /// When the value was set: ties go to the earlier one.
            var stamp: UInt64
            var x: Double

            /// Whether `self` comes before `other`. NaN comes last (python's order is
            /// undefined there; a NaN error never exceeds delta).
            @inline(__always)
            static func precedes(_ a: Entry, _ b: Entry) -> Bool {
                let u = a.value.isNaN ? -Double.infinity : a.value
                let v = b.value.isNaN ? -Double.infinity : b.value
                return u > v || (u == v && a.stamp < b.stamp)
            }
        }

        private(set) var heap = BinaryHeap<Entry>()
        /// The stamp of each point's current entry.
        private(set) var current: [Double: UInt64] = [:]
        private var nextStamp: UInt64 = 0

        var isEmpty: Bool { current.isEmpty }
        func contains(_ x: Double) -> Bool { current[x] != nil }

        /// `rescaled_error[x] = value`.
        mutating func set(_ x: Double, _ value: Double) {
            nextStamp += 1
            current[x] = nextStamp
            heap.push(Entry(value: value, stamp: nextStamp, x: x))
            if heap.count > 2 * current.count + 64 { heap.filter { current[$0.x] == $0.stamp } }
        }

        /// `rescaled_error.pop(x, None)`.
        mutating func remove(_ x: Double) {
            current[x] = nil
        }

        /// `rescaled_error.peekitem(0)`: the largest value and its point.
        mutating func first() -> (x: Double, value: Double)? {
            while let top = heap.first {
                if current[top.x] == top.stamp { return (top.x, top.value) }
                heap.removeFirst()
            }
            return nil
        }

        /// The current values, by point (for inspection).
        var values: [Double: Double] {
            var result: [Double: Double] = [:]
            for entry in heap.entries where current[entry.x] == entry.stamp { result[entry.x] = entry.value }
            return result
        }
    }
}
