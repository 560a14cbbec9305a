extension TriangulationND {
    /// What an insertion changed: the new vertex and the finite simplices removed and
    /// added (slot ids; a removed slot may reappear among the added ones).
    public struct Insertion: Sendable {
        public var vertex: Int
        public var removed: [Int]
        public var added: [Int]
    }

    /// Inserts `p` (with `dimension` finite coordinates) and restores the Delaunay
    /// property; `hint` is a simplex near `p`. Throws for a repeated point.
    @discardableResult
    public mutating func insert(_ p: [Double], hint: Int? = nil) throws -> Insertion {
        guard p.count == dimension, p.allSatisfy(\.isFinite) else {
            throw AdaptiveError("TriangulationND: expected \(dimension) finite coordinates, got \(p)")
        }
        guard lastSlot >= 0 else { return try insertBeforeFirstSimplex(p) }
        let start = locateSlot(p, hint: hint)
        if !isGhost(start), vertices(of: start).contains(where: { point($0) == p }) {
            throw AdaptiveError("TriangulationND: point \(p) is already in the triangulation")
        }
        let v = vertexCount
        coordinates += p
        vertexSlot.append(-1)
        return cavityInsert(v, from: start)
    }

    /// A slot whose closed region contains `p`: finite if `p` is in the hull, else a
    /// ghost whose facet sees `p`.
    func locateSlot(_ p: [Double], hint: Int?) -> Int {
        var s = lastSlot
        if let h = hint, h >= 0, h < isAlive.count, isAlive[h] { s = h }
        if isGhost(s), let g = (0..<width).first(where: { vertexIDs[s * width + $0] == Self.ghost }) {
            s = neighborIDs[s * width + g]
        }
        var state = randomState
        walk: while true {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let first = Int((state >> 33) % UInt64(width))
            for k in 0..<width {
                let i = (first + k) % width
                if orientation(s, replacing: i, with: p) < 0 {
                    s = neighborIDs[s * width + i]
                    if isGhost(s) { break walk }
                    continue walk
                }
            }
            break
        }
        return s
    }

    /// Whether the closed circumsphere of slot `s` contains `p`. For a ghost: `p` lies
    /// beyond its facet, or on the facet's hyperplane and in the closed circumsphere of
    /// its facet, which there is the same as the circumsphere of the finite simplex
    /// behind the facet. With this rule no boundary facet of a cavity is coplanar with
    /// `p`, so no flat simplex is created, even for co-spherical and coplanar points.
    func circumsphereContains(_ s: Int, _ p: [Double]) -> Bool {
        guard let g = (0..<width).first(where: { vertexIDs[s * width + $0] == Self.ghost }) else {
            return inSphere(s, p) * Predicates.inSphereParity(dimension) >= 0
        }
        let o = orientation(s, with: p)
        if o != 0 { return o > 0 }
        let behind = neighborIDs[s * width + g]
        return inSphere(behind, p) * Predicates.inSphereParity(dimension) >= 0
    }

    /// The vertex of the finite simplex across a ghost's facet that is not on the facet.
    func innerVertex(behind ghostSlot: Int, ghostAt g: Int) -> Int {
        let n = neighborIDs[ghostSlot * width + g]
        let facet = Set(vertexIDs[(ghostSlot * width)..<((ghostSlot + 1) * width)])
        return vertices(of: n).first { !facet.contains($0) }!
    }

    mutating func cavityInsert(_ v: Int, from start: Int) -> Insertion {
        let p = point(v)
        epoch &+= 1
        if epoch == 0 {
            inMark = Array(repeating: 0, count: inMark.count)
            outMark = inMark
            epoch = 1
        }
        var cavity = [start]
        inMark[start] = epoch
        var boundary: [(slot: Int, face: Int, outside: Int)] = []
        var k = 0
        while k < cavity.count {
            let s = cavity[k]
            k += 1
            for i in 0..<width {
                let n = neighborIDs[s * width + i]
                if inMark[n] == epoch { continue }
                if outMark[n] != epoch && circumsphereContains(n, p) {
                    inMark[n] = epoch
                    cavity.append(n)
                } else {
                    outMark[n] = epoch
                    boundary.append((s, i, n))
                }
            }
        }
        var removed: [Int] = []
        for s in cavity {
            if !isGhost(s) {
                removed.append(s)
                liveRealCount -= 1
            }
        }
        // New simplex = cavity simplex with the vertex opposite the boundary facet
        // replaced by v (same orientation). Record their vertex lists first (flat): the
        // cavity slots are reused.
        var newVertices = [Int](repeating: 0, count: boundary.count * width)
        for (j, b) in boundary.enumerated() {
            for i in 0..<width { newVertices[j * width + i] = vertexIDs[b.slot * width + i] }
            newVertices[j * width + b.face] = v
        }
        for s in cavity {
            isAlive[s] = false
            freeSlots.append(s)
        }
        let slots = boundary.map { _ in allocateSlot() }
        var ridges = RidgeTable(dimension: dimension)
        var added: [Int] = []
        for (j, b) in boundary.enumerated() {
            let s = slots[j]
            let base = j * width
            for i in 0..<width {
                let w = newVertices[base + i]
                vertexIDs[s * width + i] = w
                if w != Self.ghost { vertexSlot[w] = s }
            }
            neighborIDs[s * width + b.face] = b.outside
            // In the outside slot, the facet is opposite its one vertex not on the facet
            // (matched by content: the old slot id may already be reused).
            let o = b.outside
            if let i = (0..<width).first(where: { k in
                let x = vertexIDs[o * width + k]
                return !(0..<width).contains { $0 != b.face && newVertices[base + $0] == x }
            }) {
                neighborIDs[o * width + i] = s
            }
            // The facets through v: opposite each other vertex; matched by their ridge.
            for i in 0..<width where i != b.face {
                ridges.add(newVertices, base, width, skipping: i, b.face, slot: s, position: i)
            }
            if newVertices[base..<(base + width)].allSatisfy({ $0 != Self.ghost }) {
                added.append(s)
                liveRealCount += 1
            }
        }
        for (a, b) in ridges.pairs() {
            neighborIDs[a.slot * width + a.position] = b.slot
            neighborIDs[b.slot * width + b.position] = a.slot
        }
        lastSlot = slots[0]
        return Insertion(vertex: v, removed: removed, added: added)
    }

    mutating func allocateSlot() -> Int {
        if let s = freeSlots.popLast() {
            isAlive[s] = true
            return s
        }
        let s = isAlive.count
        isAlive.append(true)
        vertexIDs.append(contentsOf: repeatElement(0, count: width))
        neighborIDs.append(contentsOf: repeatElement(0, count: width))
        inMark.append(0)
        outMark.append(0)
        return s
    }
}
