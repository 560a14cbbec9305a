import Foundation

/// CPython's `random.Random` (Mersenne Twister MT19937), for reproducing python-adaptive
/// workloads: the same seed gives the same `random()`, `uniform` and `gauss` values,
/// bit for bit.
///
///     var rng = PythonRandom(seed: 0)
///     rng.gauss(0.5, 1)      // 1.4417154046806644, python's random.Random(0).gauss(0.5, 1)
///     PythonRandom.gauss(seed: 1, mu: 0.5, sigma: 1)   // 1.7881847531554629
///
/// Seeding with an integer n ≥ 0 is `init_by_array` with the 32-bit words of n
/// (CPython ≥ 3.2; the sign of a negative seed is dropped, as in CPython).
/// Seeding costs a few µs (CPython's seeding runs over the 624-word state twice, one
/// word after the other; the state it starts from is computed once).
public struct PythonRandom: Sendable {
    private var state: [UInt32] = []
    private var index = 624
    /// `gauss` makes two values at a time and keeps the second (CPython's `gauss_next`).
    private var gaussNext: Double?

    /// `random.Random(seed)`.
    public init(seed: Int) {
        var n = seed.magnitude
        var key: [UInt32] = []
        repeat {
            key.append(UInt32(truncatingIfNeeded: n))
            n >>= 32
        } while n > 0
        initByArray(key)
    }

    /// `init_genrand(19650218)`, where every seeding starts: the same for every seed.
    private static let initialState: [UInt32] = {
        var mt = [UInt32](repeating: 0, count: 624)
        mt[0] = 19_650_218
        for i in 1..<624 {
            mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i)
        }
        return mt
    }()

    private mutating func initByArray(_ key: [UInt32]) {
        state = Self.initialState
        state.withUnsafeMutableBufferPointer { mt in
            var i = 1, j = 0
            for _ in 0..<max(624, key.count) {
                mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
                i += 1
                j += 1
                if i >= 624 { mt[0] = mt[623]; i = 1 }
                if j >= key.count { j = 0 }
            }
            for _ in 0..<623 {
                mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
                i += 1
                if i >= 624 { mt[0] = mt[623]; i = 1 }
            }
            mt[0] = 0x8000_0000
        }
        index = 624
    }

    /// The next 32 random bits (`genrand_uint32`). The state is twisted one word at a
    /// time, just before the word is used (the same words as twisting all 624 at once,
    /// since word k only depends on words k + 1 and k + 397 of the previous round and
    /// on words already twisted), so a fresh generator drawing a few numbers is cheap.
    public mutating func nextUInt32() -> UInt32 {
        if index >= 624 { index = 0 }
        let k = index
        var y = state.withUnsafeMutableBufferPointer { mt in
            let upper = (mt[k] & 0x8000_0000) | (mt[k == 623 ? 0 : k + 1] & 0x7FFF_FFFF)
            let twisted = mt[k < 227 ? k + 397 : k - 227] ^ (upper >> 1) ^ ((upper & 1) == 0 ? 0 : 0x9908_B0DF)
            mt[k] = twisted
            return twisted
        }
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// A double in [0, 1) with 53 random bits: python's `random()`.
    public mutating func random() -> Double {
        let a = Double(nextUInt32() >> 5), b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// python's `uniform(a, b)`: `a + (b - a) * random()`.
    public mutating func uniform(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * random()
    }

    /// python's `gauss(mu, sigma)` (Box–Muller, two values per pair of draws).
    public mutating func gauss(_ mu: Double = 0, _ sigma: Double = 1) -> Double {
        if let z = gaussNext {
            gaussNext = nil
            return mu + z * sigma
        }
        let x2pi = random() * (2 * Double.pi)
        let g2rad = (-2.0 * log(1.0 - random())).squareRoot()
        gaussNext = sin(x2pi) * g2rad
        return mu + cos(x2pi) * g2rad * sigma
    }

    /// `random.Random(seed).gauss(mu, sigma)`: W5's `g(n)`.
    public static func gauss(seed: Int, mu: Double, sigma: Double) -> Double {
        var rng = PythonRandom(seed: seed)
        return rng.gauss(mu, sigma)
    }
}
