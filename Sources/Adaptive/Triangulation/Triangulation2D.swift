/// An incremental Delaunay triangulation of points in the plane.
///
///     var tri = Triangulation2D()
///     for p in [SIMD2(0.0, 0), SIMD2(1, 0), SIMD2(0, 1), SIMD2(1, 1)] {
///         _ = try tri.insert(p)
///     }
///     tri.triangles        // two counter-clockwise triangles
///
/// **Algorithm.** Bowyer–Watson: a new point is located by walking from a hint (the
/// last triangle touched, or one the caller knows), every triangle whose closed
/// circumcircle contains it is removed, and the hole is re-triangulated by joining
/// the point to the hole's boundary. Points outside the convex hull need no special
/// case: each hull edge carries a *ghost triangle* with a vertex at infinity, whose
/// "circumcircle" is the open half-plane beyond the edge (plus the edge itself). So
/// the hull grows by the same code path, and the walk ends in a ghost triangle when
/// the point is outside.
///
/// **Robustness.** Orientation and in-circle tests are exact (``Predicates``), so
/// co-circular, collinear and nearly degenerate inputs produce a valid triangulation:
/// no flat or inverted triangles, and every triangle is Delaunay. Co-circular points
/// count as *inside* (as python-adaptive's triangulation does), which decides the
/// diagonal of a square: inserting the corners of a square in the order
/// (0,0), (0,1), (1,0), (1,1) splits it along (0,0)–(1,1).
///
/// **Collinear starts.** Points inserted while all points so far are collinear are
/// kept aside; the first point off their line creates the first triangle and the
/// others are then inserted in order (their vertex indices do not change).
///
/// **Complexity.** Expected O(√n) for a walk from a far hint, O(1) from a nearby hint,
/// and O(1) amortised for the cavity of a typical point: a learner that inserts near
/// the triangle it just refined pays O(1) per point. About 100 bytes per point.
///
/// Triangles are numbered by storage slot; a slot freed by an insertion is reused by
/// a later one, so a triangle id is only valid until the next insertion reports it
/// removed. Vertex ids are the insertion order and never change.
public struct Triangulation2D: Sendable {
    /// The ghost vertex ("infinity") in ``triangleVertices`` storage.
    @usableFromInline static let ghost = -1

    /// Vertex coordinates in insertion order.
    public internal(set) var points: [SIMD2<Double>] = []
    /// Three vertex ids per slot, counter-clockwise; a ghost triangle has the ghost
    /// vertex last and its hull edge first (`u → v` with the outside on its left).
    @usableFromInline var vertexIDs: [Int] = []
    /// Three neighbour slots per slot: neighbour `i` lies across the edge opposite vertex `i`.
    @usableFromInline var neighborIDs: [Int] = []
    @usableFromInline var isAlive: [Bool] = []
    var freeSlots: [Int] = []
    /// A slot containing each vertex (-1 while the vertex waits for a first triangle).
    var vertexSlot: [Int] = []
    /// Points kept aside while all points so far are collinear.
    var waiting: [Int] = []
    /// Where the next walk starts when no hint is given.
    var lastSlot = -1
    var liveRealCount = 0
    var randomState: UInt64 = 0x9E37_79B9_7F4A_7C15

    // Scratch for insertions (epoch-stamped marks, no clearing).
    var inMark: [UInt32] = []
    var outMark: [UInt32] = []
    var epoch: UInt32 = 0

    /// An empty triangulation.
    public init() {}

    /// The Delaunay triangulation of `points`, inserted in order. Throws on a repeated
    /// or non-finite point.
    public init(_ points: [SIMD2<Double>]) throws {
        for p in points { _ = try insert(p) }
    }

    /// The number of vertices (inserted points).
    public var vertexCount: Int { points.count }

    /// Whether a first triangle exists (three points not on one line were inserted).
    public var isTriangulated: Bool { waiting.isEmpty && !points.isEmpty && lastSlot >= 0 }

    /// The number of (finite) triangles.
    public var triangleCount: Int { liveRealCount }

    /// The number of triangle slots; ids are below this.
    public var slotCount: Int { isAlive.count }

    /// Whether `t` is a live, finite triangle.
    @inlinable public func isTriangle(_ t: Int) -> Bool {
        t >= 0 && t < isAlive.count && isAlive[t] && vertexIDs[3 * t + 2] != Self.ghost
    }

    /// The three vertex ids of triangle `t`, counter-clockwise.
    @inlinable public func vertices(of t: Int) -> (Int, Int, Int) {
        (vertexIDs[3 * t], vertexIDs[3 * t + 1], vertexIDs[3 * t + 2])
    }

    /// The triangle across the edge opposite vertex `i` (0, 1, 2) of `t`, or nil on the hull.
    public func neighbor(of t: Int, opposite i: Int) -> Int? {
        let n = neighborIDs[3 * t + i]
        return isTriangle(n) ? n : nil
    }

    /// All live triangles as counter-clockwise vertex-id triples, by slot.
    public var triangles: [(Int, Int, Int)] { triangleIDs.map { vertices(of: $0) } }

    /// The ids of all live triangles, ascending.
    public var triangleIDs: [Int] { (0..<isAlive.count).filter { isTriangle($0) } }

    /// The area of triangle `t` (positive).
    @inlinable public func area(of t: Int) -> Double {
        let (a, b, c) = vertices(of: t)
        let pa = points[a], pb = points[b], pc = points[c]
        return 0.5 * abs((pa.x - pc.x) * (pb.y - pc.y) - (pa.y - pc.y) * (pb.x - pc.x))
    }

    /// The ids of the triangles (finite and ghost) around vertex `v`, counter-clockwise.
    func slotsAround(_ v: Int) -> [Int] {
        let start = vertexSlot[v]
        guard start >= 0 else { return [] }
        var result: [Int] = []
        var t = start
        repeat {
            result.append(t)
            // t = (v, a, b) counter-clockwise: the next triangle counter-clockwise
            // around v shares the edge (v, b), which is opposite a.
            let i = localIndex(of: v, in: t)
            t = neighborIDs[3 * t + (i + 1) % 3]
        } while t != start && result.count <= points.count * 2 + 8
        return result
    }

    /// The finite triangles having `v` as a vertex.
    public func triangles(around v: Int) -> [Int] {
        slotsAround(v).filter { vertexIDs[3 * $0 + 2] != Self.ghost }
    }

    /// The vertices joined to `v` by an edge, counter-clockwise.
    public func neighbors(of v: Int) -> [Int] {
        slotsAround(v).compactMap { t in
            let i = localIndex(of: v, in: t)
            let w = vertexIDs[3 * t + (i + 1) % 3]
            return w == Self.ghost ? nil : w
        }
    }

    /// Whether vertex `v` lies on the convex hull.
    public func isOnHull(_ v: Int) -> Bool {
        slotsAround(v).contains { vertexIDs[3 * $0 + 2] == Self.ghost }
    }

    /// The hull vertices, counter-clockwise (empty before the first triangle).
    public var hull: [Int] {
        guard let start = (0..<isAlive.count).first(where: { isAlive[$0] && vertexIDs[3 * $0 + 2] == Self.ghost })
        else { return [] }
        // Ghost (u, v, ∞) has hull edge u → v with the outside on the left, so the hull
        // counter-clockwise runs v → u; the next ghost lies across the edge (∞, u).
        var result: [Int] = []
        var g = start
        repeat {
            result.append(vertexIDs[3 * g + 1])
            g = neighborIDs[3 * g + 1]
        } while g != start && result.count <= points.count
        return result
    }

    @inlinable func localIndex(of v: Int, in t: Int) -> Int {
        vertexIDs[3 * t] == v ? 0 : (vertexIDs[3 * t + 1] == v ? 1 : 2)
    }

    /// The total area of the triangles.
    public var totalArea: Double { triangleIDs.reduce(0) { $0 + area(of: $1) } }
}
