import Foundation
import Testing

@testable import Adaptive

private func standardSimplex(_ d: Int) -> [[Double]] {
    var points = [[Double](repeating: 0, count: d)]
    for i in 0..<d {
        var e = [Double](repeating: 0, count: d)
        e[i] = 1
        points.append(e)
    }
    return points
}

private func factorial(_ d: Int) -> Double { (1...d).reduce(1.0) { $0 * Double($1) } }

@Suite("TriangulationND")
struct TriangulationNDTests {
    @Test(arguments: [2, 3, 4])
    func standardSimplexAndOneMorePoint(d: Int) throws {
        var tri = try TriangulationND(standardSimplex(d))
        #expect(tri.simplices == [Array(0...d)])
        #expect(abs(tri.totalVolume - 1 / factorial(d)) < 1e-15)
        let change = try tri.insert([Double](repeating: 1.1, count: d))
        #expect(tri.simplices == [Array(0...d), Array(1...(d + 1))])
        #expect(change.added.count == 1 && change.removed.isEmpty)
        #expect(tri.hull == Set(0...(d + 1)))
        #expect(tri.validate().isEmpty)
    }

    @Test(arguments: [2, 3, 4])
    func pointInTheNegativeOrthant(d: Int) throws {
        var tri = try TriangulationND(standardSimplex(d))
        try tri.insert([Double](repeating: -1, count: d))
        #expect(tri.simplexCount == d + 1)
        #expect(tri.simplices.allSatisfy { $0.contains(0) })
        #expect(tri.hull == Set(1...(d + 1)))
        #expect(tri.validate().isEmpty)
    }

    @Test(arguments: [2, 3, 4])
    func interiorFaceAndCircumspherePoints(d: Int) throws {
        var interior = try TriangulationND(standardSimplex(d))
        try interior.insert([Double](repeating: 0.1, count: d), hint: 0)
        #expect(interior.simplexCount == d + 1)
        #expect(abs(interior.totalVolume - 1 / factorial(d)) < 1e-14)
        #expect(interior.validate().isEmpty)

        var edge = try TriangulationND(standardSimplex(d))
        var midpoint = [Double](repeating: 0, count: d)
        midpoint[0] = 0.5
        midpoint[1] = 0.5
        try edge.insert(midpoint)
        #expect(edge.simplexCount == 2)
        #expect(abs(edge.totalVolume - 1 / factorial(d)) < 1e-14)
        #expect(edge.validate().isEmpty)
        #expect(edge.simplices(containing: midpoint).count == 2)

        var sphere = try TriangulationND(standardSimplex(d))
        try sphere.insert([Double](repeating: 0.6, count: d))
        #expect(sphere.simplexCount == d)
        #expect(sphere.simplices.allSatisfy { $0.contains(0) && $0.contains(d + 1) })
        #expect(sphere.validate().isEmpty)
    }

    @Test func pythonAdaptiveUnitExample() throws {
        let tri = try TriangulationND([[2, 2], [2, 4], [0, 3], [2, 0], [4, 2], [5, 5]])
        #expect(tri.simplices == [[0, 1, 4], [0, 1, 2], [0, 2, 3], [0, 3, 4], [1, 4, 5]])
        let s = try #require(tri.simplexIDs.first { tri.vertices(of: $0).sorted() == [0, 1, 4] })
        let byVertex = Dictionary(uniqueKeysWithValues: zip(tri.vertices(of: s), tri.opposingVertices(of: s)))
        #expect(byVertex[0] == 5 && byVertex[1] == 3 && byVertex[4] == 2)
    }

    @Test func cubeCornersGiveSixTetrahedraAroundTheDiagonal() throws {
        var corners: [[Double]] = []
        for x in [-1.0, 1] { for y in [-1.0, 1] { for z in [-1.0, 1] { corners.append([x, y, z]) } } }
        let tri = try TriangulationND(corners)
        #expect(tri.simplexCount == 6)
        #expect(abs(tri.totalVolume - 8) < 1e-12)
        #expect(tri.validate().isEmpty)
        #expect(tri.simplices == [[0, 1, 3, 7], [0, 1, 5, 7], [0, 2, 3, 7], [0, 2, 6, 7], [0, 4, 5, 7], [0, 4, 6, 7]])
    }

    @Test(arguments: [2, 3, 4])
    func randomAndGridPointsInACube(d: Int) throws {
        var rng = SeededGenerator(seed: UInt64(d))
        var points: [[Double]] = []
        for k in 0..<(1 << d) { points.append((0..<d).map { Double((k >> $0) & 1) }) }
        for _ in 0..<(d == 4 ? 40 : 80) { points.append((0..<d).map { _ in Double.random(in: 0...1, using: &rng) }) }
        // Co-spherical grid points too.
        for _ in 0..<20 { points.append((0..<d).map { _ in Double(Int.random(in: 0...2, using: &rng)) / 2 }) }
        var tri = try TriangulationND(dimension: d)
        var seen = Set<[Double]>()
        for p in points where seen.insert(p).inserted {
            let before = Set(tri.simplexIDs)
            let change = try tri.insert(p)
            #expect(before.subtracting(change.removed).union(change.added) == Set(tri.simplexIDs))
        }
        #expect(tri.validate().isEmpty)
        #expect(abs(tri.totalVolume - 1) < 1e-12)
        #expect(tri.hull.count >= 1 << d)
    }

    @Test func invalidInput() throws {
        #expect(throws: AdaptiveError.self) { try TriangulationND(dimension: 1) }
        #expect(throws: AdaptiveError.self) { try TriangulationND([[0, 0], [1, 1], [2, 2]]) }
        #expect(throws: AdaptiveError.self) { try TriangulationND([[0, 0], [1, 0]]) }
        var tri = try TriangulationND(standardSimplex(3))
        #expect(throws: AdaptiveError.self) { try tri.insert([1, 0, 0]) }
        #expect(throws: AdaptiveError.self) { try tri.insert([1, 0]) }
    }
}
