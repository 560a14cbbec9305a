// python's `done_leaves`: the intervals whose estimates make up the integral, kept
// per subtree and merged upwards as refinements complete.

extension IntegratorLearner.Core {
    /// Makes a newly computed interval an approximating leaf and merges leaves into
    /// the ancestors while all their unused children are done. The ancestors merged
    /// into (`old`) are no longer leaves: they are removed from the merged lists,
    /// which are only scanned while one of them is still in a list.
    mutating func updateDoneLeaves(_ id: Int32) {
        guard let own = doneLeaves[Int(id)], own.isEmpty else { return }
        doneLeaves[Int(id)] = [id]
        intervals[Int(id)].isDoneLeaf = true
        var ancestor = intervals[Int(id)].parent
        var old: [Int32] = []
        var oldLeaves = 0  // how many of `old` are still in a list
        while ancestor >= 0 {
            let child = intervals[Int(ancestor)].firstChild
            let children: Range<Int32> = child >= 0 ? child..<(child + 2) : 0..<0
            var childWaits = false  // a child's own leaves are not done yet
            for c in children where doneLeaves[Int(c)]?.isEmpty == true { childWaits = true }
            if childWaits { break }
            var merged = doneLeaves[Int(ancestor)] ?? []
            doneLeaves[Int(ancestor)] = nil  // so that `merged` is unique and grows in place
            old.append(ancestor)
            if intervals[Int(ancestor)].isDoneLeaf { oldLeaves += 1 }
            for c in children {
                guard let leaves = doneLeaves[Int(c)] else { continue }
                merged.append(contentsOf: leaves)
                doneLeaves[Int(c)] = nil
            }
            if oldLeaves > 0 {
                // Those of `old` still in a list are marked, so that the scan reads one
                // flag per leaf instead of searching `old`.
                for o in old { intervals[Int(o)].isInOld = true }
                merged.removeAll { leaf in
                    guard intervals[Int(leaf)].isInOld else { return false }
                    intervals[Int(leaf)].isDoneLeaf = false
                    return true
                }
                oldLeaves = 0
                for o in old {
                    intervals[Int(o)].isInOld = false
                    if intervals[Int(o)].isDoneLeaf { oldLeaves += 1 }
                }
            }
            doneLeaves[Int(ancestor)] = merged
            ancestor = intervals[Int(ancestor)].parent
        }
    }
}
