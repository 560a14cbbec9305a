// python's `done_leaves`: the intervals whose estimates make up the integral, kept
// per subtree and merged upwards as refinements complete.

extension IntegratorLearner.Core {
    /// Makes a newly computed interval an approximating leaf and merges leaves into
    /// the ancestors while all their unused children are done. The ancestors merged
    /// into (`old`, flagged `isInOld` until the end) are no longer leaves: they are
    /// removed from the merged lists, which are only scanned while one of them is
    /// still a leaf in some list. Flags instead of a search of `old` keep deep chains
    /// of splits (1/x near 0, a thousand levels) linear per call.
    mutating func updateDoneLeaves(_ id: Int32) {
        guard let own = doneLeaves[Int(id)], own.isEmpty else { return }
        doneLeaves[Int(id)] = [id]
        intervals[Int(id)].isDoneLeaf = true
        var ancestor = intervals[Int(id)].parent
        var old: [Int32] = []
        defer { for o in old { intervals[Int(o)].isInOld = false } }
        var oldLeaves = 0  // how many of `old` are still leaves in a list
        while ancestor >= 0 {
            let a = Int(ancestor)
            let child = intervals[a].firstChild
            let children: Range<Int32> = child >= 0 ? child..<(child + 2) : 0..<0
            var childWaits = false  // a child's own leaves are not done yet
            for c in children where doneLeaves[Int(c)]?.isEmpty == true { childWaits = true }
            if childWaits { break }
            var merged = doneLeaves[a] ?? []
            doneLeaves[a] = nil  // so that `merged` is unique and grows in place
            old.append(ancestor)
            intervals[a].isInOld = true
            if intervals[a].isDoneLeaf { oldLeaves += 1 }
            for c in children {
                guard let leaves = doneLeaves[Int(c)] else { continue }
                merged.append(contentsOf: leaves)
                doneLeaves[Int(c)] = nil
            }
            if oldLeaves > 0 {
                merged.removeAll { leaf in
                    guard intervals[Int(leaf)].isInOld else { return false }
                    intervals[Int(leaf)].isDoneLeaf = false
                    oldLeaves -= 1
                    return true
                }
            }
            doneLeaves[a] = merged
            ancestor = intervals[a].parent
        }
    }
}
