#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The running min/max of data along one axis, with "sticky" values that padding must not
/// cross (a histogram's base 0, an image's edges: the data really ends there).
struct Extent {
    private(set) var lo = Double.infinity
    private(set) var hi = -Double.infinity
    private(set) var sticky: [Double] = []

    var isEmpty: Bool { lo > hi }

    @inline(__always) mutating func add(_ v: Double) {
        if v < lo { lo = v }
        if v > hi { hi = v }
    }

    mutating func addSticky(_ v: Double) {
        add(v)
        sticky.append(v)
    }

    mutating func formUnion(_ other: Extent) {
        if !other.isEmpty {
            add(other.lo)
            add(other.hi)
        }
        sticky += other.sticky
    }

    /// The shown domain: `explicit` if given; else the extent, with the finite bounds of
    /// `selection` replacing its ends, widened when degenerate and padded by 5% on each
    /// automatic side (in log space on log scales) without crossing a sticky value.
    func domain(isLog: Bool, explicit: ClosedRange<Double>?, selection: ClosedRange<Double>?) -> Domain {
        if let r = explicit, r.lowerBound.isFinite, r.upperBound.isFinite, r.upperBound > r.lowerBound,
            !isLog || r.lowerBound > 0
        {
            return Domain(lo: r.lowerBound, hi: r.upperBound, isLog: isLog)
        }
        var lo = isEmpty ? (isLog ? 1 : 0) : self.lo
        var hi = isEmpty ? (isLog ? 10 : 1) : self.hi
        var padLo = !isEmpty, padHi = !isEmpty
        if let s = selection {
            if s.lowerBound.isFinite && (!isLog || s.lowerBound > 0) { lo = s.lowerBound; padLo = false }
            if s.upperBound.isFinite { hi = s.upperBound; padHi = false }
            // Data entirely outside a half-open selection: show one unit beside its bound.
            if hi <= lo {
                if padLo { lo = isLog ? hi / 10 : hi - 1 } else { hi = isLog ? lo * 10 : lo + 1 }
                padLo = false
                padHi = false
            }
        }
        // Work in the scale's coordinates (log10 on log axes).
        var a = isLog ? log10(lo) : lo, b = isLog ? log10(hi) : hi
        if !(b - a > max(Swift.abs(a), Swift.abs(b)) * 1e-12) {
            let mid = (a + b) / 2
            let half = isLog ? 0.5 : (mid == 0 ? 1 : Swift.abs(mid) * 0.1)
            a = mid - half
            b = mid + half
            padLo = false
            padHi = false
        }
        let pad = (b - a) * 0.05
        var paddedLo = padLo ? a - pad : a, paddedHi = padHi ? b + pad : b
        for s in sticky where s.isFinite && (!isLog || s > 0) {
            let t = isLog ? log10(s) : s
            if paddedLo < t && t <= a { paddedLo = t }
            if paddedHi > t && t >= b { paddedHi = t }
        }
        return isLog ? Domain(lo: pow(10, paddedLo), hi: pow(10, paddedHi), isLog: true)
            : Domain(lo: paddedLo, hi: paddedHi, isLog: false)
    }
}
