import Collections

// `ask`: python-adaptive's `_ask_points_without_adding` (spec §1.5), step for step.

extension Learner1D {
    /// "Put `parts − 1` equally spaced points into (left, right)"; `value` is the
    /// expected loss of each part.
    struct Qual: Comparable {
        var left: Double
        var right: Double
        var parts: Int
        var value: Double
        /// `finite_loss` of the 3-tuple (left, right, parts).
        var rounded: Double

        init(_ left: Double, _ right: Double, parts: Int, value: Double, xScale: Double) {
            self.left = left
            self.right = right
            self.parts = parts
            self.value = value
            rounded = Learner1D.finiteLoss(value, left: left, right: right, xScale: xScale, parts: parts)
        }

        /// `a < b` when `a` comes after `b` in python's order (−rounded, (left, right, parts)).
        static func < (a: Qual, b: Qual) -> Bool {
            if a.rounded != b.rounded { return a.rounded < b.rounded }
            if a.left != b.left { return a.left > b.left }
            if a.right != b.right { return a.right > b.right }
            return a.parts > b.parts
        }

        static func == (a: Qual, b: Qual) -> Bool {
            a.rounded == b.rounded && a.left == b.left && a.right == b.right && a.parts == b.parts
        }

        /// Python's `finite_loss(ival) >= finite_loss(qual)` for a combined interval
        /// (a 2-tuple, which sorts before a 3-tuple with the same start).
        func losesTo(rounded r: Double, left l: Double, right rr: Double) -> Bool {
            if r != rounded { return r > rounded }
            if l != left { return l > left }
            if rr != right { return rr > right }
            return false
        }
    }
}

extension Learner1D.Core {
    /// The points `ask(n)` returns and their expected losses. Changes nothing but
    /// the heaps' internal layout (outdated entries are dropped).
    mutating func askPoints(_ n: Int) -> (points: [Double], improvements: [Double]) {
        if n == 0 { return ([], []) }
        let missing = missingBounds
        if missing.count >= n {
            return (Array(missing.prefix(n)), Array(repeating: .infinity, count: n))
        }
        if combinedIndex.isEmpty { return (linspace(n), Array(repeating: .infinity, count: n)) }
        if missing.isEmpty && n == 1, let top = topCombined() {
            // The general algorithm for this case: bisect the top combined interval.
            let i = Int(top.node)
            let step = (x(nodes[i].next) - top.left) / 2
            return ([top.left + step], [nodes[i].combinedLoss / 2])
        }
        return distribute(n, missing: missing)
    }

    /// NumPy's `linspace(lower, upper, n)`: `i·step + lower`, the last one exactly `upper`.
    func linspace(_ n: Int) -> [Double] {
        let step = (upper - lower) / Double(n - 1)
        var points = (0..<n).map { Double($0) * step + lower }
        points[n - 1] = upper
        return points
    }

    /// The greedy allocation of `n − missing.count` points over the combined intervals
    /// (minimising max loss / parts), plus the missing bounds first.
    mutating func distribute(_ n: Int, missing: [Double]) -> (points: [Double], improvements: [Double]) {
        typealias Qual = Learner1D.Qual
        var quals = Heap<Qual>()
        if !missing.isEmpty, let first = combinedIndex.first?.x, let last = combinedIndex.last?.x {
            if lowerMissing { quals.insert(Qual(lower, first, parts: 1, value: .infinity, xScale: xScale)) }
            if upperMissing { quals.insert(Qual(last, upper, parts: 1, value: .infinity, xScale: xScale)) }
        }
        // The combined intervals in priority order are popped off the heap as needed,
        // and pushed back at the end.
        var taken: [HeapEntry] = []
        var current = topCombined()
        for _ in 0..<(n - missing.count) {
            // Python: take the next combined interval if there is no qual or if
            // `finite_loss(interval) >= finite_loss(top qual)`; else split the top qual more.
            var takeInterval = false
            if let entry = current {
                let node = nodes[Int(entry.node)]
                takeInterval =
                    quals.max.map { $0.losesTo(rounded: -entry.priority, left: node.x, right: x(node.next)) } ?? true
                if takeInterval {
                    quals.insert(Qual(node.x, x(node.next), parts: 2, value: node.combinedLoss / 2, xScale: xScale))
                    taken.append(combinedHeap.removeFirst())
                    current = topCombined()
                }
            }
            if !takeInterval {
                guard !quals.isEmpty else { break }  // nothing to split (unreachable with lower < upper)
                let q = quals.removeMax()
                let value = q.value * Double(q.parts) / Double(q.parts + 1)
                quals.insert(Qual(q.left, q.right, parts: q.parts + 1, value: value, xScale: xScale))
            }
        }
        for entry in taken { combinedHeap.push(entry) }
        var points = missing
        var improvements = Array(repeating: Double.infinity, count: missing.count)
        for q in quals.unordered.sorted(by: >) {
            let step = (q.right - q.left) / Double(q.parts)
            for i in 1..<q.parts {
                points.append(q.left + step * Double(i))
                improvements.append(q.value)
            }
        }
        return (points, improvements)
    }
}
