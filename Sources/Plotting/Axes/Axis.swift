#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A shown data range on a linear or logarithmic scale.
struct Domain: Equatable {
    var lo: Double
    var hi: Double
    var isLog: Bool

    /// Position of `v` in the domain: 0 at `lo`, 1 at `hi` (NaN for v ≤ 0 on a log scale).
    func fraction(_ v: Double) -> Double {
        isLog ? (log10(v) - log10(lo)) / (log10(hi) - log10(lo)) : (v - lo) / (hi - lo)
    }

    /// The value at fraction `t` (inverse of ``fraction(_:)``).
    func value(at t: Double) -> Double {
        isLog ? pow(10, log10(lo) + t * (log10(hi) - log10(lo))) : lo + t * (hi - lo)
    }

    /// Whether `v` can be placed on this scale (finite, and positive on a log scale).
    @inline(__always) func accepts(_ v: Double) -> Bool {
        v.isFinite && (!isLog || v > 0)
    }
}

/// A domain mapped onto a pixel interval: `p0` is where `lo` lands, `p1` where `hi` lands
/// (for a y axis p0 is the bottom, so p0 > p1).
struct Axis {
    let domain: Domain
    let p0: Double
    let p1: Double
    private let offset: Double
    private let slope: Double

    init(_ domain: Domain, from p0: Double, to p1: Double) {
        self.domain = domain
        self.p0 = p0
        self.p1 = p1
        let (lo, hi) = domain.isLog ? (log10(domain.lo), log10(domain.hi)) : (domain.lo, domain.hi)
        slope = (p1 - p0) / (hi - lo)
        offset = p0 - lo * slope
    }

    /// The pixel coordinate of a data value (NaN or ±inf if the scale cannot place it).
    @inline(__always) func pixel(_ v: Double) -> Double {
        domain.isLog ? offset + slope * log10(v) : offset + slope * v
    }

    /// Pixel length of the axis.
    var length: Double { Swift.abs(p1 - p0) }

    /// Pixel positions of `ticks` (only those inside the axis).
    func pixels(_ values: [Double]) -> [Double] { values.map(pixel) }
}

/// An axis-aligned rectangle in SVG pixels (y down).
struct Rect: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }

    func contains(_ px: Double, _ py: Double) -> Bool { px >= x && px <= maxX && py >= y && py <= maxY }

    func insetBy(_ d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }

    func intersects(_ r: Rect) -> Bool { x < r.maxX && r.x < maxX && y < r.maxY && r.y < maxY }
}
