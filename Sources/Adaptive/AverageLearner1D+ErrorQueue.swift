// python-adaptive's `rescaled_error`: an `ItemSortedDict` ordered by decreasing value,
// of which `ask` reads the first item. Equal values keep the order in which they were
// set (sortedcontainers inserts after equal keys, and setting a key re-inserts it), so
// the queue orders by (value descending, time of setting ascending).

extension AverageLearner1D {
    /// The points' rescaled errors by decreasing value: a binary heap with lazy
    /// deletion. Setting or removing a point's error retires its older entries, which
    /// are dropped when they reach the top or when they outnumber the current ones.
    struct ErrorQueue {
        struct Entry {
            var value: Double
            /// When the value was set: ties go to the earlier one.
            var stamp: UInt64
            var x: Double

            /// Whether `self` comes before `other`. NaN comes last (python's order is
            /// undefined there; a NaN error never exceeds delta).
            @inline(__always)
            func precedes(_ other: Entry) -> Bool {
                let a = value.isNaN ? -Double.infinity : value
                let b = other.value.isNaN ? -Double.infinity : other.value
                return a > b || (a == b && stamp < other.stamp)
            }
        }

        private(set) var entries: [Entry] = []
        /// The stamp of each point's current entry.
        private(set) var current: [Double: UInt64] = [:]
        private var nextStamp: UInt64 = 0

        var isEmpty: Bool { current.isEmpty }
        func contains(_ x: Double) -> Bool { current[x] != nil }

        /// `rescaled_error[x] = value`.
        mutating func set(_ x: Double, _ value: Double) {
            nextStamp += 1
            current[x] = nextStamp
            push(Entry(value: value, stamp: nextStamp, x: x))
            if entries.count > 2 * current.count + 64 { compact() }
        }

        /// `rescaled_error.pop(x, None)`.
        mutating func remove(_ x: Double) {
            current[x] = nil
        }

        /// `rescaled_error.peekitem(0)`: the largest value and its point.
        mutating func first() -> (x: Double, value: Double)? {
            while let top = entries.first {
                if current[top.x] == top.stamp { return (top.x, top.value) }
                popFirst()
            }
            return nil
        }

        /// The current values, by point (for inspection).
        var values: [Double: Double] {
            var result: [Double: Double] = [:]
            for entry in entries where current[entry.x] == entry.stamp { result[entry.x] = entry.value }
            return result
        }

        private mutating func push(_ entry: Entry) {
            entries.append(entry)
            var child = entries.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard entry.precedes(entries[parent]) else { break }
                entries[child] = entries[parent]
                child = parent
            }
            entries[child] = entry
        }

        private mutating func popFirst() {
            let last = entries.removeLast()
            guard !entries.isEmpty else { return }
            var parent = 0
            let n = entries.count
            while true {
                var child = 2 * parent + 1
                if child >= n { break }
                if child + 1 < n && entries[child + 1].precedes(entries[child]) { child += 1 }
                guard entries[child].precedes(last) else { break }
                entries[parent] = entries[child]
                parent = child
            }
            entries[parent] = last
        }

        /// Drops every retired entry.
        private mutating func compact() {
            let live = entries.filter { current[$0.x] == $0.stamp }
            entries = []
            entries.reserveCapacity(live.count * 2)
            for entry in live { push(entry) }
        }
    }
}
