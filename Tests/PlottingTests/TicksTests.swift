import Testing
@testable import Plotting

@Suite("Ticks")
struct TicksTests {
    @Test("0 to 1 gives 0, 0.2, ..., 1 with uniform decimals")
    func unitInterval() {
        let t = Ticks.linear(0, 1, target: 5)
        #expect(t.values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(t.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test("steps are 1, 2 or 5 times a power of ten", arguments: [
        (0.0, 10.0), (-3.7, 12.2), (0.001, 0.0093), (1e-9, 7e-9), (0, 2.5e6), (-1e12, 1e12), (1000, 1001),
        (-0.5, -0.1), (3, 3.0000004),
    ])
    func niceSteps(lo: Double, hi: Double) {
        let t = Ticks.linear(lo, hi, target: 6)
        #expect(t.values.count >= 2 && t.values.count <= 11, "\(t.values)")
        #expect(t.values.allSatisfy { $0 >= lo - 1e-9 * (hi - lo) && $0 <= hi + 1e-9 * (hi - lo) })
        let step = t.values[1] - t.values[0]
        let mantissa = step / pow(10, (log10(step) + 1e-6).rounded(.down))
        #expect([1, 2, 5].contains { abs(mantissa - $0) < 1e-6 }, "step \(step)")
        for (a, b) in zip(t.values, t.values.dropFirst()) { #expect(abs((b - a) - step) <= 1e-6 * step) }
        #expect(Set(t.labels).count == t.labels.count, "labels must differ: \(t.labels)")
    }

    @Test("tick values are exact decimals, not 0.30000000000000004")
    func exactValues() {
        let t = Ticks.linear(0, 0.9, target: 9)
        #expect(t.values.contains(0.3))
        #expect(t.labels.contains("0.3"))
    }

    @Test("tiny and huge magnitudes switch to compact scientific labels")
    func scientific() {
        #expect(Ticks.linear(0, 5e-5, target: 5).labels == ["0", "1e−5", "2e−5", "3e−5", "4e−5", "5e−5"])
        #expect(Ticks.linear(0, 2.5e6, target: 5).labels == ["0", "5e5", "1e6", "1.5e6", "2e6", "2.5e6"])
        #expect(Ticks.linear(-2e-7, 2e-7, target: 4).labels == ["−2e−7", "−1e−7", "0", "1e−7", "2e−7"])
        #expect(Ticks.linear(0, 50000, target: 5).labels == ["0", "10000", "20000", "30000", "40000", "50000"])
    }

    @Test("negative values use the typographic minus")
    func minus() {
        #expect(Ticks.linear(-1, 1, target: 4).labels == ["−1.0", "−0.5", "0.0", "0.5", "1.0"])
    }

    @Test("degenerate ranges give no ticks")
    func degenerate() {
        #expect(Ticks.linear(1, 1, target: 5).values.isEmpty)
        #expect(Ticks.linear(.nan, 1, target: 5).values.isEmpty)
        #expect(Ticks.log(-1, 10, target: 5).values.isEmpty)
    }

    @Test("log axes tick decades labelled 10^k, with minor ticks")
    func logDecades() {
        let t = Ticks.log(1, 1e4, target: 6)
        #expect(t.values == [1, 10, 100, 1000, 10000])
        #expect(t.labels == ["10⁰", "10¹", "10²", "10³", "10⁴"])
        #expect(t.minor.contains(2) && t.minor.contains(900) && !t.minor.contains(10))
        #expect(Ticks.log(3e-6, 2e-3, target: 6).labels == ["10⁻⁵", "10⁻⁴", "10⁻³"])
    }

    @Test("many decades are thinned to every few decades")
    func logManyDecades() {
        let t = Ticks.log(1e-30, 1e30, target: 6)
        #expect(t.values.count >= 4 && t.values.count <= 8)
        #expect(t.labels.contains("10⁰"))
        #expect(t.labels.allSatisfy { $0.hasPrefix("10") })
    }

    @Test("less than two decades: 1-2-5 ticks, then linear ticks")
    func logNarrow() {
        let t = Ticks.log(3, 60, target: 6)
        #expect(t.values == [5, 10, 20, 50])
        #expect(t.labels == ["5", "10", "20", "50"])
        let narrow = Ticks.log(3, 4, target: 5)
        #expect(narrow.values.count >= 2 && narrow.values.allSatisfy { $0 >= 3 && $0 <= 4 })
        #expect(Ticks.log(0.002, 0.03, target: 6).labels == ["0.002", "0.005", "0.01", "0.02"])
    }

    @Test("explicit positions are filtered to the range and labelled compactly")
    func explicit() {
        let t = Ticks.explicit([0.5, -1, 2, 1e-6, 0.5], lo: -2, hi: 1)
        #expect(t.values == [-1, 1e-6, 0.5])
        #expect(t.labels == ["−1", "1e−6", "0.5"])
    }

    @Test("compact number formatting", arguments: [
        (1.0, "1"), (0.5, "0.5"), (-2.25, "-2.25"), (1e-5, "1e-5"), (2.5e6, "2.5e6"), (123456.0, "123456"),
        (1234567.0, "1.23457e6"), (0.0001, "0.0001"), (1.0 / 3, "0.333333"), (.nan, "nan"), (-.infinity, "-inf"),
        (0.0, "0"), (999999.7, "1e6"),
    ])
    func compact(value: Double, expected: String) {
        #expect(NumberFormat.compact(value) == expected)
    }

    @Test("superscript powers of ten")
    func powers() {
        #expect(NumberFormat.powerOfTen(-12) == "10⁻¹²")
        #expect(NumberFormat.powerOfTen(0) == "10⁰")
    }
}

import Foundation
