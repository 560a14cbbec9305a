/// An incremental Delaunay triangulation of points in ℝᵈ, d >= 2: the N-dimensional
/// sibling of ``Triangulation2D`` (which is faster in the plane), with the same design.
///
///     var tri = try TriangulationND(dimension: 3)
///     for p in cubeCorners { try tri.insert(p) }
///     tri.simplices         // 6 tetrahedra (the cube is co-spherical: ties go inside)
///
/// **Algorithm.** Point location by a randomised visibility walk from a hint,
/// Bowyer–Watson insertion (every simplex whose closed circumsphere contains the
/// point is removed and the cavity is starred from it), and *ghost simplices*: every
/// hull facet carries a simplex with a vertex at infinity, "containing" the open half
/// space beyond the facet (and the facet itself), so points outside the hull are
/// inserted by the same code. Exact predicates (``Predicates``) make co-spherical and
/// coplanar inputs safe: no flat or inverted simplex is ever created.
///
/// **Conventions.** A finite simplex lists its vertices in positive orientation. A
/// ghost simplex has the ghost vertex (-1) somewhere; replacing it by a point `p`
/// gives a positively oriented simplex exactly when `p` lies beyond its hull facet.
/// Neighbour `i` of a slot lies across the facet opposite its vertex `i`. Slot ids are
/// reused after removal; vertex ids are the insertion order.
///
/// **Complexity.** The predicates evaluate determinants by cofactor expansion, fine
/// for d <= 5; the cost per insertion is O(cavity size · d!) plus the walk.
public struct TriangulationND: Sendable {
    static let ghost = -1

    /// The dimension d.
    public let dimension: Int
    /// Vertex coordinates, `dimension` per vertex, in insertion order.
    public internal(set) var coordinates: [Double] = []
    var vertexIDs: [Int] = []
    var neighborIDs: [Int] = []
    var isAlive: [Bool] = []
    var freeSlots: [Int] = []
    var vertexSlot: [Int] = []
    var waiting: [Int] = []
    var lastSlot = -1
    var liveRealCount = 0
    var randomState: UInt64 = 0x2545_F491_4F6C_DD1D
    var inMark: [UInt32] = []
    var outMark: [UInt32] = []
    var epoch: UInt32 = 0

    /// An empty triangulation of ℝᵈ. Throws unless d >= 2.
    public init(dimension: Int) throws {
        guard dimension >= 2 else {
            throw AdaptiveError("TriangulationND: dimension must be at least 2, got \(dimension)")
        }
        self.dimension = dimension
    }

    /// The Delaunay triangulation of `points`, inserted in order.
    public init(_ points: [[Double]]) throws {
        guard let d = points.first?.count else { throw AdaptiveError("TriangulationND: no points") }
        try self.init(dimension: d)
        for p in points { try insert(p) }
        guard isTriangulated else {
            throw AdaptiveError("TriangulationND: the points do not span \(d) dimensions")
        }
    }

    var width: Int { dimension + 1 }

    /// The number of vertices.
    public var vertexCount: Int { coordinates.count / dimension }
    /// Whether a first simplex exists (d + 1 affinely independent points were inserted).
    public var isTriangulated: Bool { lastSlot >= 0 && waiting.isEmpty }
    /// The number of finite simplices.
    public var simplexCount: Int { liveRealCount }
    /// The number of slots; simplex ids are below this.
    public var slotCount: Int { isAlive.count }

    /// The coordinates of vertex `v`.
    public func point(_ v: Int) -> [Double] { Array(coordinates[(v * dimension)..<((v + 1) * dimension)]) }

    /// Whether `s` is a live finite simplex.
    public func isSimplex(_ s: Int) -> Bool {
        s >= 0 && s < isAlive.count && isAlive[s] && !isGhost(s)
    }

    func isGhost(_ s: Int) -> Bool {
        vertexIDs[(s * width)..<((s + 1) * width)].contains(Self.ghost)
    }

    /// The vertex ids of simplex `s` (positively oriented order).
    public func vertices(of s: Int) -> [Int] { Array(vertexIDs[(s * width)..<((s + 1) * width)]) }

    /// The ids of all live finite simplices, ascending.
    public var simplexIDs: [Int] { (0..<isAlive.count).filter { isSimplex($0) } }

    /// All finite simplices as sorted vertex-id arrays (python-adaptive's form).
    public var simplices: Set<[Int]> { Set(simplexIDs.map { vertices(of: $0).sorted() }) }

    /// The neighbour across the facet opposite vertex position `i` of `s`, or nil on the hull.
    public func neighbor(of s: Int, opposite i: Int) -> Int? {
        let n = neighborIDs[s * width + i]
        return isSimplex(n) ? n : nil
    }

    /// The d-volume of simplex `s`.
    public func volume(of s: Int) -> Double {
        let v = vertices(of: s)
        let origin = point(v[0])
        let rows = v.dropFirst().map { w in (0..<dimension).map { coordinates[w * dimension + $0] - origin[$0] } }
        let (det, _) = Predicates.laplace(rows)
        var factorial = 1.0
        for k in 1...dimension { factorial *= Double(k) }
        return abs(det) / factorial
    }

    /// The total volume of the finite simplices.
    public var totalVolume: Double { simplexIDs.reduce(0) { $0 + volume(of: $1) } }

    /// The coordinates of the slot's vertices with the ghost (and optionally the
    /// vertex at `replacing`) replaced by `p`.
    func rows(_ s: Int, replacing position: Int? = nil, with p: [Double]) -> [[Double]] {
        (0..<width).map { i in
            let v = vertexIDs[s * width + i]
            return (v == Self.ghost || i == position) ? p : point(v)
        }
    }

    /// The finite simplices having vertex `v`.
    public func simplices(around v: Int) -> [Int] {
        slotsAround(v).filter { !isGhost($0) }
    }

    /// The vertices sharing an edge with `v`, ascending.
    public func neighbors(of v: Int) -> [Int] {
        var result = Set<Int>()
        for s in slotsAround(v) { for w in vertices(of: s) where w != v && w != Self.ghost { result.insert(w) } }
        return result.sorted()
    }

    /// All slots (finite and ghost) containing vertex `v`: a search over neighbours.
    func slotsAround(_ v: Int) -> [Int] {
        let start = vertexSlot[v]
        guard start >= 0 else { return [] }
        var seen: Set<Int> = [start]
        var stack = [start]
        while let s = stack.popLast() {
            for i in 0..<width where vertexIDs[s * width + i] != v {
                let n = neighborIDs[s * width + i]
                if !seen.contains(n) && vertexIDs[(n * width)..<((n + 1) * width)].contains(v) {
                    seen.insert(n)
                    stack.append(n)
                }
            }
        }
        return seen.sorted()
    }

    /// The hull facets as sorted vertex-id arrays.
    public var hullFacets: Set<[Int]> {
        Set((0..<isAlive.count).filter { isAlive[$0] && isGhost($0) }.map { s in
            vertices(of: s).filter { $0 != Self.ghost }.sorted()
        })
    }

    /// The vertices on the hull.
    public var hull: Set<Int> { Set(hullFacets.flatMap { $0 }) }
}
