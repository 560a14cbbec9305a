/// The constants of Gonnet's CQUAD as python-adaptive uses them
/// (`adaptive/learner/integrator_coeffs.py`, spec §4.4).
///
/// Four nested Clenshaw–Curtis rules of 5, 9, 17 and 33 nodes (depths 0…3) on
/// [-1, 1]; every node of depth d is a node of depth d + 1, bit for bit, so an
/// interval's values are kept in 33 *slots*, node k of depth d being slot
/// `k · step(d)`.
///
/// The tables (nodes, inverse Vandermonde matrices of the normalised Legendre
/// basis, shift matrices, Newton polynomials for down-dating, condition numbers)
/// come from numpy/scipy computations at import in python-adaptive, whose last bits
/// depend on LAPACK; they are embedded from adaptive 1.5.2 (numpy 2.4.6, scipy
/// 1.17.1) in `CQUADCoefficients+Tables.swift` so the learner picks python's points.
/// Small formulas (`alpha`, `gamma`) are embedded too, for the same reason.
enum CQUAD {
    /// Nodes per rule, depth 0…3.
    static let ns = [5, 9, 17, 33]
    /// The most nodes of a rule.
    static let maxNodes = 33
    /// If a refinement changes the coefficients by more than `hint` relatively, the
    /// error estimate is unreliable and the interval is split (Gonnet's thesis §6.2).
    static let hint = 0.1
    /// numpy's `spacing(1)`.
    static let eps = Double.ulpOfOne
    /// Nodes closer than this (relative to their value) end refinement.
    static let minSep = 16 * eps
    /// More than this many divergent splits (and more than half the depth): divergent.
    static let ndivMax = 20

    /// Distance in slots between the nodes of depth `d`: 8, 4, 2, 1.
    @inline(__always)
    static func step(_ depth: Int) -> Int { 8 >> depth }

    /// The node k of depth d on [-1, 1].
    @inline(__always)
    static func xi(_ depth: Int, _ k: Int) -> Double { CQUADTables.xi3[k * step(depth)] }

    /// The slots of the nodes of each depth, as bit masks.
    static let depthMasks: [UInt64] = (0..<4).map { depth in
        var mask: UInt64 = 0
        for k in 0..<ns[depth] { mask |= 1 << UInt64(k * step(depth)) }
        return mask
    }

    /// `V_inv[d]`: values at the nodes → normalised Legendre coefficients, stored by
    /// columns (see ``multiply(columns:rows:by:count:into:)``), the four one after
    /// another from `vInvStart[d]`.
    static let vInvColumns: [Double] = [
        CQUADTables.vInv0, CQUADTables.vInv1, CQUADTables.vInv2, CQUADTables.vInv3,
    ].enumerated().flatMap { depth, matrix in columns(ofRowMajor: matrix, size: ns[depth]) }
    static let vInvStart = [0, 25, 25 + 81, 25 + 81 + 289]
    /// `b_def[d]`: the Newton polynomial over the nodes of depth d (length ns[d] + 1).
    static let bDef: [[Double]] = [
        CQUADTables.bDef0, CQUADTables.bDef1, CQUADTables.bDef2, CQUADTables.bDef3,
    ]
    /// The shift matrices of a left and a right half, 33×33, stored by columns.
    static let tLeftColumns = columns(ofRowMajor: CQUADTables.tLeft, size: maxNodes)
    static let tRightColumns = columns(ofRowMajor: CQUADTables.tRight, size: maxNodes)
    /// Legendre three-term recurrence coefficients.
    static let alpha = CQUADTables.alpha
    static let gamma = CQUADTables.gamma
    /// Condition numbers of the Vandermonde matrices.
    static let vCond = CQUADTables.vCond

    /// Computes the normalised Legendre coefficients of the values `fx` at the nodes of
    /// `depth` into `c` (python's `_calc_coeffs`). Non-finite values are replaced by 0
    /// and their degrees of freedom removed by down-dating (Gonnet's algorithm 5).
    /// Dot products are summed left to right (numpy's BLAS may differ in the last bit;
    /// the points chosen do not, see the tests).
    static func coefficients(
        _ fx: UnsafeMutableBufferPointer<Double>, depth: Int, into c: UnsafeMutableBufferPointer<Double>
    ) {
        let n = ns[depth]
        var nonFinite: UInt64 = 0
        for i in 0..<n where !fx[i].isFinite {
            nonFinite |= 1 << UInt64(i)
            fx[i] = 0
        }
        vInvColumns.withUnsafeBufferPointer { v in
            multiply(columns: v.baseAddress! + vInvStart[depth], rows: n, by: fx.baseAddress!, count: n,
                     into: c.baseAddress!)
        }
        if nonFinite != 0 { downdate(c, nonFinite: nonFinite, depth: depth) }
    }

    /// `out[0..<rows] = M · x[0..<count]` for the `rows × count` matrix M whose column j
    /// is `columns[j·rows ..< (j + 1)·rows]`. Each row's dot product is summed from
    /// 0.0 in the order of j, with a separate multiply and add (no fused multiply-add),
    /// so the result is the same, bit for bit, as summing row by row left to right;
    /// going down the columns lets the compiler use vector instructions across rows.
    /// Rows go eight at a time, their sums kept in registers across the columns.
    static func multiply(
        columns: UnsafePointer<Double>, rows: Int, by x: UnsafePointer<Double>, count: Int,
        into out: UnsafeMutablePointer<Double>
    ) {
        let raw = UnsafeRawPointer(columns)
        let stride = rows * MemoryLayout<Double>.stride
        var row = 0
        while row + 8 <= rows {
            var sum = SIMD8<Double>()
            var column = raw + row * MemoryLayout<Double>.stride
            for j in 0..<count {
                sum += column.loadUnaligned(as: SIMD8<Double>.self) * SIMD8(repeating: x[j])
                column += stride
            }
            UnsafeMutableRawPointer(out + row).storeBytes(of: sum, as: SIMD8<Double>.self)
            row += 8
        }
        while row < rows {
            var sum = 0.0
            for j in 0..<count { sum += columns[j * rows + row] * x[j] }
            out[row] = sum
            row += 1
        }
    }

    /// A square row-major matrix stored by columns.
    static func columns(ofRowMajor matrix: [Double], size n: Int) -> [Double] {
        (0..<(n * n)).map { i in matrix[(i % n) * n + i / n] }
    }

    /// Gonnet's algorithm 5 (python's `_downdate`): removes, for each non-finite node
    /// in index order, the highest remaining degree of freedom.
    static func downdate(_ c: UnsafeMutableBufferPointer<Double>, nonFinite: UInt64, depth: Int) {
        var b = bDef[depth]
        var offset = 0  // python's `b = b[1:]` after each node
        var m = ns[depth] - 1
        for i in 0..<ns[depth] where nonFinite & (1 << UInt64(i)) != 0 {
            b[offset + m + 1] /= alpha[m]
            let xii = xi(depth, i)
            // python's alpha[m - 1] wraps to the last element when every node is bad
            b[offset + m] = (b[offset + m] + xii * b[offset + m + 1]) / alpha[m >= 1 ? m - 1 : alpha.count - 1]
            var j = m - 1
            while j > 0 {
                b[offset + j] = (b[offset + j] + xii * b[offset + j + 1] - gamma[j + 1] * b[offset + j + 2])
                    / alpha[j - 1]
                j -= 1
            }
            offset += 1
            let factor = c[m] / b[offset + m]
            for k in 0..<m { c[k] -= factor * b[offset + k] }
            c[m] = 0
            m -= 1
        }
    }
}
