import Foundation

/// Student's t distribution: the CDF and its inverse (scipy's `t.cdf`, `t.ppf`), which
/// AverageLearner1D needs for the error of a mean (`t.ppf(1 − α, n − 1)`).
///
///     StudentT.quantile(0.975, degreesOfFreedom: 10)   // 2.2281388519649385
///
/// The CDF uses the regularized incomplete beta function (a continued fraction,
/// Lentz's method); the quantile refines a Cornish–Fisher start by Newton steps on
/// the tail probability, to about 1e-14 relative. One and two degrees of freedom
/// have closed forms.
public enum StudentT {
    /// P(T ≤ t) for `degreesOfFreedom` ν > 0.
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        if t.isNaN || !(nu > 0) { return .nan }
        let tail = upperTail(abs(t), nu)
        return t >= 0 ? 1 - tail : tail
    }

    /// The t with P(T ≤ t) = p, for 0 < p < 1 (±inf at 0 and 1, NaN outside).
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        guard p >= 0 && p <= 1 && nu > 0 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if p < 0.5 { return -upperQuantile(p, nu) }
        return upperQuantile(1 - p, nu)
    }

    /// The t > 0 with P(T > t) = q, q < 1/2.
    static func upperQuantile(_ q: Double, _ nu: Double) -> Double {
        if nu == 1 { return 1 / tan(Double.pi * q) }
        if nu == 2 { return (1 - 2 * q) / (2 * q * (1 - q)).squareRoot() }
        var t = cornishFisher(q, nu)
        let logNorm = logGammaHalfRatio(nu / 2) - 0.5 * log(nu * Double.pi)
        for _ in 0..<60 {
            let tail = upperTail(t, nu)
            let density = exp(logNorm - (nu + 1) / 2 * log1p(t * t / nu))
            var step = (tail - q) / density
            // Keep t positive; Newton from the left of a convex tail never overshoots far.
            while t + step <= 0 { step /= 2 }
            t += step
            if abs(step) <= 1e-15 * t { break }
        }
        return t
    }

    /// P(T > t) for t ≥ 0: `I_x(ν/2, 1/2) / 2` with `x = ν / (ν + t²)`, with the
    /// logarithms written so that large ν keeps full precision.
    static func upperTail(_ t: Double, _ nu: Double) -> Double {
        if t == .infinity { return 0 }
        if t == 0 { return 0.5 }
        let a = nu / 2, b = 0.5
        let s = t * t / nu
        let x = 1 / (1 + s), oneMinusX = s / (1 + s)
        // log B(a, b)⁻¹ + a log x + b log(1 − x)
        let logFront = logGammaHalfRatio(a) - 0.5723649429247001  // lgamma(1/2)
            - a * log1p(s) + b * (log(s) - log1p(s))
        if x < (a + 1) / (a + b + 2) {
            return 0.5 * exp(logFront) * betaContinuedFraction(a, b, x) / a
        }
        return 0.5 * (1 - exp(logFront) * betaContinuedFraction(b, a, oneMinusX) / b)
    }

    /// `lgamma(a + 1/2) − lgamma(a)`, for large a from Stirling's series with the two
    /// large leading terms cancelled analytically (their difference in floating point
    /// would lose digits).
    static func logGammaHalfRatio(_ a: Double) -> Double {
        if a < 25 { return lgamma(a + 0.5) - lgamma(a) }
        func series(_ z: Double) -> Double {
            let w = 1 / (z * z)
            return (1.0 / 12 - w * (1.0 / 360 - w * (1.0 / 1260 - w / 1680))) / z
        }
        return 0.5 * log(a) + (a * log1p(0.5 / a) - 0.5) + (series(a + 0.5) - series(a))
    }

    /// A start for the quantile: the normal quantile with Cornish–Fisher corrections.
    static func cornishFisher(_ q: Double, _ nu: Double) -> Double {
        let z = -normalQuantile(q)
        let z2 = z * z
        let g1 = (z2 + 1) * z / 4
        let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
        let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
        return max(z + g1 / nu + g2 / (nu * nu) + g3 / (nu * nu * nu), 1e-3)
    }

    /// The standard normal quantile (Acklam's rational approximation, ~1e-9).
    static func normalQuantile(_ p: Double) -> Double {
        let a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690, -30.66479806614716,
                 2.506628277459239]
        let b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572]
        let c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
                 4.374664141464968, 2.938163982698783]
        let d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]
        func tail(_ q: Double) -> Double {
            let r = (-2 * log(q)).squareRoot()
            return (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5])
                / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1)
        }
        if p < 0.02425 { return tail(p) }
        if p > 1 - 0.02425 { return -tail(1 - p) }
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }

    /// `I_x(a, b)`, the regularized incomplete beta function, for a, b > 0, 0 ≤ x ≤ 1.
    public static func regularizedIncompleteBeta(_ a: Double, _ b: Double, _ x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(a, b, x) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(b, a, 1 - x) / b
    }

    /// The continued fraction of the incomplete beta function (modified Lentz).
    static func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...500 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}
