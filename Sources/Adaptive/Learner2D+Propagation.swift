extension Learner2D.Mesh {
    /// Keeps the gradients near SciPy's global solution after vertex `v` was inserted
    /// or changed, at O(1) cost: Gauss–Seidel relaxation driven by a work list that
    /// starts with `v` and its neighbours; a vertex whose gradient changes by more than
    /// ``propagationTolerance`` (SciPy's relative change) puts its neighbours on the list.
    ///
    /// Relaxing only `v` and its neighbours (even with many sweeps) leaves the next ring
    /// stale, and those errors pile up in the coarse parts of the mesh: on W3 that cost
    /// about 2% of mean interpolation error against python-adaptive, which re-solves all
    /// gradients at every refill. Returns the vertices whose triangles need rescoring:
    /// `v`, its neighbours and every vertex that changed by more than
    /// ``rescoreTolerance``.
    @discardableResult
    mutating func propagateGradients(around v: Int) -> [Int] {
        let seeds = [v] + tri.neighbors(of: v)
        guard needsGradients else { return seeds }
        if vertexMarks.count < vertexCount {
            vertexMarks.append(contentsOf: repeatElement(0, count: vertexCount - vertexMarks.count))
        }
        let scale = valueScale
        var touched = seeds
        var spokes: [Learner2D.Spoke] = []
        spokes.reserveCapacity(16)
        for k in 0..<vdim {
            nextMark()
            let queued = vertexMark
            var queue = seeds
            var head = 0
            for w in seeds { vertexMarks[w] = queued }
            while head < queue.count && head < Self.maxPropagation {
                let w = queue[head]
                head += 1
                vertexMarks[w] = 0
                spokes.removeAll(keepingCapacity: true)
                appendSpokes(of: w, to: &spokes)
                let change = relaxVertex(w, k, scale: scale, spokes: spokes[...])
                if change > Self.rescoreTolerance && head > seeds.count { touched.append(w) }
                guard change > Self.propagationTolerance else { continue }
                for s in spokes where vertexMarks[s.w] != queued {
                    vertexMarks[s.w] = queued
                    queue.append(s.w)
                }
            }
        }
        return touched
    }

    /// A fresh mark for `vertexMarks`.
    mutating func nextMark() {
        vertexMark &+= 1
        if vertexMark == 0 {
            vertexMarks = Array(repeating: 0, count: vertexMarks.count)
            vertexMark = 1
        }
    }
}
