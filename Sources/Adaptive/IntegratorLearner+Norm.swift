// The 2-norms of coefficient vectors (python's `scipy.linalg.norm`), safe from
// overflow near singularities.

extension IntegratorLearner.Core {
    /// The 2-norm of the first `n` coefficients of interval `id`, summed in order.
    func norm(_ id: Int32, _ n: Int) throws -> Double {
        let base = Int(id) * CQUAD.maxNodes
        var sum = 0.0
        for k in 0..<n { sum += coeffs[base + k] * coeffs[base + k] }
        return try checkedNorm(id, sumOfSquares: sum, count: n) { coeffs[base + $0] }
    }

    /// `sum.squareRoot()`, or, when the squares overflowed or underflowed, the 2-norm
    /// recomputed with scaling, as python's BLAS `nrm2` does: near a singularity (1/√x
    /// at x ≈ 1e-320 is 4e159) the naive sum gave an infinite error, so the learner
    /// stopped being done where python's stays done. Normal sums keep their bits.
    ///
    /// Throws ``DivergentIntegralError`` when a value is not finite, i.e. the fit of
    /// interval `id` overflowed (values near 1e308, as 1/x gives near 0): python's
    /// `norm` raises a ValueError there (`DivergentIntegralError` is one too).
    func checkedNorm(_ id: Int32, sumOfSquares sum: Double, count: Int, _ value: (Int) -> Double) throws -> Double {
        if sum.isFinite && sum >= Double.leastNormalMagnitude { return sum.squareRoot() }
        var scale = 0.0
        for k in 0..<count {
            let v = abs(value(k))
            guard v.isFinite else {
                let ival = intervals[Int(id)]
                throw DivergentIntegralError(a: ival.a, b: ival.b, npoints: toldCount)
            }
            scale = max(scale, v)
        }
        guard scale > 0 else { return 0 }
        var scaled = 0.0
        for k in 0..<count { let v = value(k) / scale; scaled += v * v }
        return scale * scaled.squareRoot()
    }
}
