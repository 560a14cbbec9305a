extension TriangulationND {
    /// A finite simplex whose closed region contains `p`, or nil outside the hull.
    public func simplex(containing p: [Double], hint: Int? = nil) -> Int? {
        guard isTriangulated, p.count == dimension else { return nil }
        let s = locateSlot(p, hint: hint)
        return isGhost(s) ? nil : s
    }

    /// Every finite simplex whose closed region contains `p` (several when `p` is on a
    /// shared face), found by a search from the located one.
    public func simplices(containing p: [Double], hint: Int? = nil) -> [Int] {
        guard let first = simplex(containing: p, hint: hint) else { return [] }
        var found: Set<Int> = [first]
        var stack = [first]
        while let s = stack.popLast() {
            for i in 0..<width {
                // Only across facets that contain p (orientation 0 with p replacing vertex i).
                guard orientation(s, replacing: i, with: p) == 0 else { continue }
                let n = neighborIDs[s * width + i]
                if isSimplex(n) && !found.contains(n) && contains(n, p) {
                    found.insert(n)
                    stack.append(n)
                }
            }
        }
        return found.sorted()
    }

    /// Whether the closed finite simplex `s` contains `p`.
    public func contains(_ s: Int, _ p: [Double]) -> Bool {
        (0..<width).allSatisfy { orientation(s, replacing: $0, with: p) >= 0 }
    }

    /// python-adaptive's `get_opposing_vertices`: for each vertex of `s` (in the order
    /// of ``vertices(of:)``), the vertex of the neighbour across the opposite facet, or
    /// nil on the hull.
    public func opposingVertices(of s: Int) -> [Int?] {
        (0..<width).map { i in
            guard let n = neighbor(of: s, opposite: i) else { return nil }
            let mine = Set(vertices(of: s))
            return vertices(of: n).first { !mine.contains($0) }
        }
    }

    /// Structural and Delaunay checks; the problems found (empty when valid). For tests.
    public func validate() -> [String] {
        var problems: [String] = []
        guard isTriangulated else { return problems }
        for s in 0..<isAlive.count where isAlive[s] {
            let vs = vertices(of: s)
            if let g = vs.firstIndex(of: Self.ghost) {
                let inner = point(innerVertex(behind: s, ghostAt: g))
                if Predicates.orientation(rows(s, with: inner)) >= 0 {
                    problems.append("ghost \(s) \(vs): wrong orientation")
                }
            } else if Predicates.orientation(vs.map(point)) <= 0 {
                problems.append("simplex \(s) \(vs): not positively oriented")
            }
            for i in 0..<width {
                let n = neighborIDs[s * width + i]
                guard n >= 0, n < isAlive.count, isAlive[n] else {
                    problems.append("slot \(s): dead neighbour")
                    continue
                }
                let facet = Set(vs.enumerated().filter { $0.offset != i }.map(\.element))
                let theirs = vertices(of: n)
                let shared = theirs.filter { facet.contains($0) }.count
                if shared != dimension || !neighborIDs[(n * width)..<((n + 1) * width)].contains(s) {
                    problems.append("slot \(s): neighbour \(n) does not share facet")
                    continue
                }
                let opposite = theirs.first { !facet.contains($0) }!
                if !vs.contains(Self.ghost) && opposite != Self.ghost {
                    let inside = Predicates.inSphere(vs.map(point), point(opposite)) * Predicates.inSphereParity(dimension)
                    if inside > 0 { problems.append("simplex \(s): vertex \(opposite) inside its circumsphere") }
                }
            }
        }
        return problems
    }
}
