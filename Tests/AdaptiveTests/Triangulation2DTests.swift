import Foundation
import Testing

@testable import Adaptive


/// The area of the polygon through the hull vertices (shoelace formula).
func hullArea(_ tri: Triangulation2D) -> Double {
    let h = tri.hull.map { tri.points[$0] }
    var sum = 0.0
    for k in h.indices {
        let a = h[k], b = h[(k + 1) % h.count]
        sum += a.x * b.y - a.y * b.x
    }
    return sum / 2
}

func sortedTriangles(_ tri: Triangulation2D) -> Set<[Int]> {
    Set(tri.triangles.map { [$0.0, $0.1, $0.2].sorted() })
}

@Suite("Triangulation2D")
struct Triangulation2DTests {
    @Test func squareIsSplitAlongTheFirstDiagonal() throws {
        let tri = try Triangulation2D([SIMD2(-1, -1), SIMD2(-1, 1), SIMD2(1, -1), SIMD2(1, 1)])
        #expect(sortedTriangles(tri) == [[0, 1, 3], [0, 2, 3]])
        #expect(tri.validate().isEmpty)
        #expect(Set(tri.hull) == [0, 1, 2, 3])
    }

    @Test func pythonAdaptiveUnitExample() throws {
        let pts: [SIMD2<Double>] = [SIMD2(2, 2), SIMD2(2, 4), SIMD2(0, 3), SIMD2(2, 0), SIMD2(4, 2), SIMD2(5, 5)]
        let tri = try Triangulation2D(pts)
        #expect(sortedTriangles(tri) == [[0, 1, 4], [0, 1, 2], [0, 2, 3], [0, 3, 4], [1, 4, 5]])
        #expect(tri.validate().isEmpty)
        #expect(Set(tri.neighbors(of: 0)) == [1, 2, 3, 4])
        #expect(Set(tri.neighbors(of: 5)) == [1, 4])
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func randomPointsAreDelaunayAndConserveArea(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed))
        var tri = Triangulation2D()
        for k in 0..<400 {
            let p = SIMD2(Double.random(in: -1...1, using: &rng), Double.random(in: -1...1, using: &rng))
            let before = Set(tri.triangleIDs)
            let change = try tri.insert(p)
            let after = Set(tri.triangleIDs)
            // The reported change is exactly the set difference (ids may be reused).
            #expect(before.subtracting(change.removed).union(change.added) == after)
            if k % 50 == 0 { #expect(tri.validate().isEmpty) }
        }
        #expect(tri.validate().isEmpty)
        #expect(abs(tri.totalArea - hullArea(tri)) < 1e-12)
        // Euler: 2n - 2 - h triangles.
        #expect(tri.triangleCount == 2 * tri.vertexCount - 2 - tri.hull.count)
    }

    @Test func gridIsFullOfCocircularPoints() throws {
        var tri = Triangulation2D()
        var rng = SeededGenerator(seed: 7)
        var grid: [SIMD2<Double>] = []
        for i in 0...20 { for j in 0...20 { grid.append(SIMD2(Double(i) / 20, Double(j) / 20)) } }
        grid.shuffle(using: &rng)
        for p in grid { try tri.insert(p) }
        #expect(tri.validate().isEmpty)
        #expect(tri.triangleCount == 2 * 400)
        #expect(abs(tri.totalArea - 1) < 1e-12)
    }

    @Test func pointsOnACircle() throws {
        var tri = Triangulation2D()
        for k in 0..<64 {
            let a = Double(k) * 2 * Double.pi / 64
            try tri.insert(SIMD2(cos(a), sin(a)))
        }
        try tri.insert(SIMD2(0, 0))
        #expect(tri.validate().isEmpty)
        #expect(tri.hull.count == 64)
    }

    @Test func collinearStartAndPointsOnTheHull() throws {
        var tri = Triangulation2D()
        for k in 0..<10 { try tri.insert(SIMD2(Double(k) * 0.1, Double(k) * 0.1)) }
        #expect(!tri.isTriangulated)
        #expect(tri.triangleCount == 0)
        let change = try tri.insert(SIMD2(1, 0))
        #expect(change.added.count == 9)
        #expect(tri.validate().isEmpty)
        // More collinear points on the hull edge and beyond it.
        try tri.insert(SIMD2(0.5, 0))
        try tri.insert(SIMD2(1.5, 0))
        try tri.insert(SIMD2(-0.5, -0.5))
        #expect(tri.validate().isEmpty)
        #expect(abs(tri.totalArea - hullArea(tri)) < 1e-12)
    }

    @Test func nearlyDegenerateInput() throws {
        // Points on a line with rounding noise: the exact predicates keep it valid.
        var tri = Triangulation2D()
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<300 {
            let t = Double.random(in: 0...1, using: &rng)
            try tri.insert(SIMD2(t, t * 0.1 + 0.3))
        }
        try tri.insert(SIMD2(0.5, 0.5))
        try tri.insert(SIMD2(0.5, -0.5))
        #expect(tri.validate().isEmpty)
        #expect(abs(tri.totalArea - hullArea(tri)) < 1e-12)
    }

    @Test func duplicatesAndNonFinitePointsThrow() throws {
        var tri = try Triangulation2D([SIMD2(0, 0), SIMD2(1, 0)])
        #expect(throws: AdaptiveError.self) { try tri.insert(SIMD2(1, 0)) }
        try tri.insert(SIMD2(0, 1))
        #expect(throws: AdaptiveError.self) { try tri.insert(SIMD2(0, 1)) }
        #expect(throws: AdaptiveError.self) { try tri.insert(SIMD2(.nan, 1)) }
        #expect(tri.vertexCount == 3)
    }

    @Test func containmentQueries() throws {
        let tri = try Triangulation2D([SIMD2(0, 0), SIMD2(1, 0), SIMD2(0, 1), SIMD2(1, 1)])
        #expect(tri.triangles(containing: SIMD2(0.5, 0.5)).count == 2)  // on the diagonal
        #expect(tri.triangles(containing: SIMD2(0.2, 0.1)).count == 1)
        #expect(tri.triangles(containing: SIMD2(0, 0)).count == tri.triangles(around: 0).count)
        #expect(tri.triangles(containing: SIMD2(2, 0)).isEmpty)
        let t = try #require(tri.triangle(containing: SIMD2(0.2, 0.1)))
        let l = tri.barycentric(SIMD2(0.2, 0.1), in: t)
        #expect(l.min() >= 0 && abs(l.sum() - 1) < 1e-15)
    }

    @Test func predicatesAreExact() {
        // a, b, c on the line y = x at awkward values; c nudged by one ulp.
        let a = SIMD2(0.1, 0.1), b = SIMD2(0.3, 0.3)
        let c = SIMD2(0.7, 0.7.nextUp)
        #expect(Predicates.orient2d(a, b, SIMD2(0.7, 0.7)) == 0)
        #expect(Predicates.orient2d(a, b, c) > 0)
        #expect(Predicates.orient2d(b, a, c) < 0)
        // Co-circular: the four corners of a rotated square.
        #expect(Predicates.incircle(SIMD2(1, 0), SIMD2(0, 1), SIMD2(-1, 0), SIMD2(0, -1)) == 0)
        #expect(Predicates.incircle(SIMD2(1, 0), SIMD2(0, 1), SIMD2(-1, 0), SIMD2(0, (-1.0).nextUp)) > 0)
        // N-D: the same answers, and the parity of the in-sphere sign.
        #expect(Predicates.orientation([[0, 0], [1, 0], [0, 1]]) == 1)
        for d in 2...4 {
            var simplex = [[Double]](repeating: [Double](repeating: 0, count: d), count: d + 1)
            for i in 0..<d { simplex[i + 1][i] = 1 }
            let o = Predicates.orientation(simplex)
            let inside = [Double](repeating: 0.1, count: d)
            let outside = [Double](repeating: 2, count: d)
            #expect(o * Predicates.inSphere(simplex, inside) * Predicates.inSphereParity(d) == 1)
            #expect(o * Predicates.inSphere(simplex, outside) * Predicates.inSphereParity(d) == -1)
            var corner = [Double](repeating: 0, count: d)
            corner[0] = 1
            corner[1] = 1  // on the circumsphere of the standard simplex
            #expect(Predicates.inSphere(simplex, corner) == 0)
        }
    }
}
