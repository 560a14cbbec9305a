import Foundation

/// NumPy's LU factorisation as it runs on OpenBLAS (`numpy.linalg.det` and `solve`), so
/// that LearnerND's losses and containment tests round as python-adaptive's do.
extension SimplexGeometry {
    /// NumPy's general determinant: `sign · exp(Σ log|uᵢᵢ|)` of the LU factors.
    static func luDet(_ matrix: [Double], _ n: Int) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: n * n) { a in
            for i in 0..<(n * n) { a[i] = matrix[i] }
            return luDet(a.baseAddress!, n)
        }
    }

    /// ``luDet(_:_:)`` of the matrix at `a`, factored in place.
    static func luDet(_ a: UnsafeMutablePointer<Double>, _ n: Int) -> Double {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { pivots in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { x in
                luFactor(a, n, pivots.baseAddress!, x.baseAddress!)
                var sign = 1.0
                for i in 0..<n where pivots[i] != i { sign = -sign }
                var logdet = 0.0
                for k in 0..<n {
                    let u = a[k * n + k]
                    if u < 0 { sign = -sign }
                    logdet += log(abs(u))
                }
                return sign * exp(logdet)
            }
        }
    }

    /// LU with partial pivoting in place (row-major `a`), in the order of OpenBLAS's
    /// `dgetf2` as NumPy calls it: left-looking (column j gets the earlier columns'
    /// updates by dot products and a matrix-vector product, in that kernel's grouping),
    /// the first largest pivot, division as multiplication by the reciprocal. Writes the
    /// pivot row of each step to `pivots`; `x` is scratch for n numbers. Bit for bit
    /// NumPy's factors for the sizes a learner meets (checked against NumPy 2.4, n <= 9).
    static func luFactor(_ a: UnsafeMutablePointer<Double>, _ n: Int, _ pivots: UnsafeMutablePointer<Int>,
                         _ x: UnsafeMutablePointer<Double>) {
        for j in 0..<n {
            for i in 0..<j where pivots[i] != i { swap(&a[i * n + j], &a[pivots[i] * n + j]) }
            // Forward substitution with the unit lower factor: strided dot products.
            for i in 1..<max(j, 1) {
                var d1 = 0.0, d2 = 0.0, k = 0
                while k + 4 <= i {
                    let m1 = a[i * n + k] * a[k * n + j], m2 = a[i * n + k + 1] * a[(k + 1) * n + j]
                    let m3 = a[i * n + k + 2] * a[(k + 2) * n + j], m4 = a[i * n + k + 3] * a[(k + 3) * n + j]
                    d1 += m1 + m3
                    d2 += m2 + m4
                    k += 4
                }
                while k < i {
                    d1 += a[i * n + k] * a[k * n + j]
                    k += 1
                }
                a[i * n + j] -= d1 + d2
            }
            if j > 0 {
                for k in 0..<j { x[k] = a[k * n + j] }
                gemvUpdate(a, n, column: j, x)
            }
            var p = j
            for i in (j + 1)..<n where abs(a[i * n + j]) > abs(a[p * n + j]) { p = i }
            pivots[j] = p
            let t = a[p * n + j]
            if t != 0 {
                let r = 1 / t
                if p != j { for k in 0...j { swap(&a[j * n + k], &a[p * n + k]) } }
                for i in (j + 1)..<n { a[i * n + j] *= r }
            }
        }
    }

    /// `a[j..<n][j] -= a[j..<n][0..<j] · x`, grouped as OpenBLAS's `dgemv_n` (Haswell
    /// kernels): rows in blocks of four take columns four (with fused multiply-adds),
    /// two and one at a time; the remaining rows take one sum each.
    private static func gemvUpdate(_ a: UnsafeMutablePointer<Double>, _ n: Int, column j: Int, _ x: UnsafeMutablePointer<Double>) {
        let m = n - j, tail = m & 3
        for r in j..<(j + m - tail) {
            var y = a[r * n + j], k = 0
            for _ in 0..<(j >> 2) {
                var t4 = a[r * n + k] * x[k], t5 = a[r * n + k + 1] * x[k + 1]
                t4 = t4.addingProduct(a[r * n + k + 2], x[k + 2])
                t5 = t5.addingProduct(a[r * n + k + 3], x[k + 3])
                y = y - (t4 + t5)
                k += 4
            }
            if j & 2 != 0 {
                y = y - (a[r * n + k] * x[k] + a[r * n + k + 1] * x[k + 1])
                k += 2
            }
            if j & 1 != 0 { y = y + a[r * n + k] * -x[k] }
            a[r * n + j] = y
        }
        for r in (j + m - tail)..<n {
            var t = 0.0
            for k in 0..<j { t += a[r * n + k] * x[k] }
            a[r * n + j] = a[r * n + j] + -t
        }
    }

    /// Solves `A x = b` (n×n row-major `A`) with the factors of ``luFactor``; nil if singular.
    static func solve(_ matrix: [Double], _ rhs: [Double], _ n: Int) -> [Double]? {
        var a = matrix, b = rhs
        var pivots = [Int](repeating: 0, count: n), x = [Double](repeating: 0, count: n)
        a.withUnsafeMutableBufferPointer { a in
            pivots.withUnsafeMutableBufferPointer { p in
                x.withUnsafeMutableBufferPointer { x in luFactor(a.baseAddress!, n, p.baseAddress!, x.baseAddress!) }
            }
        }
        for k in 0..<n where a[k * n + k] == 0 { return nil }
        for (i, p) in pivots.enumerated() where p != i { b.swapAt(i, p) }
        for i in 0..<n { for r in (i + 1)..<n { b[r] = b[r] + -b[i] * a[r * n + i] } }
        for i in stride(from: n - 1, through: 0, by: -1) {
            b[i] /= a[i * n + i]
            for r in 0..<i { b[r] = b[r] + -b[i] * a[r * n + i] }
        }
        return b
    }
}
