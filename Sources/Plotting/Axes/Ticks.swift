#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tick placement: nice linear ticks (steps 1, 2 or 5 × 10^k), decades on log axes, or
/// explicit positions.
///
/// Linear ticks are generated as exact decimals `k·m × 10^e`, then labelled with a uniform
/// number of decimals (`0.0, 0.2, ... 1.0`), or in compact scientific notation (`2e−5`,
/// `2.5e6`) when the largest tick is ≥ 1e5 or < 1e-3. Log axes label decades `10⁻⁵`.
enum Ticks {
    /// About `target` ticks at a nice step inside `lo...hi` (at least 2 when possible).
    static func linear(_ lo: Double, _ hi: Double, target: Double) -> TickSet {
        guard lo.isFinite, hi.isFinite, hi > lo else { return .empty }
        let target = max(1, target)
        let e0 = Int(floor(log10((hi - lo) / target)))
        var best: (score: Double, m: Int, e: Int, k0: Int, k1: Int)?
        for e in (e0 - 1)...(e0 + 1) {
            for m in [1, 2, 5] {
                let step = ScaledDecimal(n: m, e: e).value
                let a = (lo / step - 1e-9).rounded(.up), b = (hi / step + 1e-9).rounded(.down)
                guard Swift.abs(a) < 1e15, Swift.abs(b) < 1e15, b >= a else { continue }
                let count = b - a + 1
                let score = Swift.abs(count - target) + (count < 2 ? 1000 : 0)
                // Ties go to the smaller step (more ticks); callers thin them if labels collide.
                if best == nil || score < best!.score {
                    best = (score, m, e, Int(a), Int(b))
                }
            }
        }
        guard let best else { return .empty }
        let decimals = (best.k0...best.k1).map { ScaledDecimal(n: $0 * best.m, e: best.e) }
        let values = decimals.map(\.value)
        let maxAbs = values.map { Swift.abs($0) }.max() ?? 0
        let scientific = maxAbs >= 1e5 || (maxAbs > 0 && maxAbs < 1e-3)
        let labels = decimals.map { d in
            TickSet.typographic(scientific ? d.scientific() : d.plain(decimals: max(0, -best.e)))
        }
        return TickSet(values: values, labels: labels)
    }

    /// Ticks of a log axis over `lo...hi` (both > 0): decades, every `s`-th decade when
    /// there are many, minor ticks at 2...9 × 10^k; within less than two decades, 1-2-5
    /// ticks or, failing those, linear ones.
    static func log(_ lo: Double, _ hi: Double, target: Double) -> TickSet {
        guard lo > 0, hi > lo, lo.isFinite, hi.isFinite else { return .empty }
        let a = log10(lo), b = log10(hi)
        let k0 = Int((a - 1e-9).rounded(.up)), k1 = Int((b + 1e-9).rounded(.down))
        let decades = k1 - k0 + 1
        let inRange = { (v: Double) in v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) }
        if decades >= 2 {
            // The decade stride whose tick count is closest to the target.
            func count(_ s: Int) -> Int { (k0...k1).reduce(0) { $0 + ($1 % s == 0 ? 1 : 0) } }
            var stride = 1
            for s in [1, 2, 3, 5, 10, 20, 25, 50, 100] where count(s) >= 2 {
                if abs(Double(count(s)) - target) < abs(Double(count(stride)) - target) { stride = s }
            }
            let majors = (k0...k1).filter { $0 % stride == 0 }
            let majorSet = Set(majors)
            var minor: [Double] = []
            if stride == 1 && decades <= 12 {
                for d in (k0 - 1)...k1 {
                    for m in 2...9 {
                        let v = ScaledDecimal(n: m, e: d).value
                        if inRange(v) { minor.append(v) }
                    }
                }
            } else if stride <= 10 {
                minor = (k0...k1).filter { !majorSet.contains($0) }.map { ScaledDecimal(n: 1, e: $0).value }
            }
            return TickSet(values: majors.map { ScaledDecimal(n: 1, e: $0).value },
                           labels: majors.map(NumberFormat.powerOfTen), minor: minor)
        }
        // Less than two decades: 1-2-5 ticks (labelled individually), else linear ones.
        let dLo = Int(a.rounded(.down)) - 1, dHi = Int(b.rounded(.down)) + 1
        var picked: [ScaledDecimal] = []
        var minor: [Double] = []
        for d in dLo...dHi {
            for m in 1...9 {
                let s = ScaledDecimal(n: m, e: d)
                guard inRange(s.value) else { continue }
                if [1, 2, 5].contains(m) { picked.append(s) } else { minor.append(s.value) }
            }
        }
        if picked.count >= 2 {
            let values = picked.map(\.value)
            let scientific = values.last! >= 1e5 || values.first! < 1e-3
            let labels = picked.map { TickSet.typographic(scientific ? $0.scientific() : $0.plain(decimals: max(0, -$0.e))) }
            return TickSet(values: values, labels: labels, minor: minor)
        }
        return linear(lo, hi, target: target)
    }

    /// The given positions that fall inside `lo...hi`, sorted and unique, labelled compactly.
    static func explicit(_ positions: [Double], lo: Double, hi: Double) -> TickSet {
        let tolerance = (hi - lo) * 1e-9
        let values = Array(Set(positions.filter { $0.isFinite && $0 >= lo - tolerance && $0 <= hi + tolerance })).sorted()
        return TickSet(values: values, labels: values.map { TickSet.typographic(NumberFormat.compact($0)) })
    }
}

/// The ticks of one axis: major positions with their labels, and unlabelled minor ones.
struct TickSet: Equatable {
    var values: [Double]
    var labels: [String]
    var minor: [Double] = []

    static let empty = TickSet(values: [], labels: [])

    /// Labels with the typographic minus sign, as drawn.
    static func typographic(_ s: String) -> String {
        s.replacing("-", with: NumberFormat.minus)
    }
}
