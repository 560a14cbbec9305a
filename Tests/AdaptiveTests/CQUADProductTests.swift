import Testing

@testable import Adaptive

// The integrator's matrix products, vectorised down the columns, against python's
// order of summation (each row left to right): the same bits.

@Suite struct CQUADProductTests {
    /// A row-major matrix times a vector, each row summed left to right from 0.
    static func rowByRow(_ matrix: [Double], rows: Int, columns: Int, stride: Int, _ x: [Double]) -> [Double] {
        (0..<rows).map { row in
            var sum = 0.0
            for j in 0..<columns { sum += matrix[row * stride + j] * x[j] }
            return sum
        }
    }

    @Test func columnProductsAreRowSumsBitForBit() {
        var rng = SeededGenerator(seed: 5)
        let tables = [CQUADTables.vInv0, CQUADTables.vInv1, CQUADTables.vInv2, CQUADTables.vInv3]
        for _ in 0..<50 {
            for depth in 0..<4 {
                let n = CQUAD.ns[depth]
                var fx = (0..<n).map { _ in Double.random(in: -1e3...1e3, using: &rng) }
                let expected = Self.rowByRow(tables[depth], rows: n, columns: n, stride: n, fx)
                var c = [Double](repeating: .nan, count: n)
                fx.withUnsafeMutableBufferPointer { fx in
                    c.withUnsafeMutableBufferPointer { CQUAD.coefficients(fx, depth: depth, into: $0) }
                }
                #expect(c.map(\.bitPattern) == expected.map(\.bitPattern), "depth \(depth)")
            }
            // The shift of a parent's first m coefficients to a child.
            let m = Int.random(in: 0...33, using: &rng)
            let parent = (0..<m).map { _ in Double.random(in: -1...1, using: &rng) }
            for (rowMajor, columns) in [(CQUADTables.tLeft, CQUAD.tLeftColumns), (CQUADTables.tRight, CQUAD.tRightColumns)] {
                let expected = Self.rowByRow(rowMajor, rows: 33, columns: m, stride: 33, parent)
                var out = [Double](repeating: .nan, count: 33)
                columns.withUnsafeBufferPointer { t in
                    parent.withUnsafeBufferPointer { p in
                        out.withUnsafeMutableBufferPointer {
                            CQUAD.multiply(columns: t.baseAddress!, rows: 33, by: p.baseAddress ?? UnsafePointer(t.baseAddress!),
                                           count: m, into: $0.baseAddress!)
                        }
                    }
                }
                #expect(out.map(\.bitPattern) == expected.map(\.bitPattern), "shift of \(m)")
            }
        }
    }
}
