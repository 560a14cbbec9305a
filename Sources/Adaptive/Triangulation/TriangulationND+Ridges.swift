extension TriangulationND {
    /// Pairs the new simplices of a cavity across their facets through the new vertex: a
    /// facet is identified by its ridge (its vertices other than the new one). Ridges of
    /// up to three vertices are packed into one integer (21 bits per id, the ghost as all
    /// ones) and paired by sorting; larger ones are paired through an array-keyed table.
    struct RidgeTable {
        typealias Facet = (slot: Int, position: Int)
        private var packed: [(key: UInt64, facet: Facet)] = []
        private var general: [[Int]: Facet] = [:]
        private var generalPairs: [(Facet, Facet)] = []
        private let usePacked: Bool

        init(dimension: Int) {
            usePacked = dimension - 1 <= 3
            packed.reserveCapacity(64)
        }

        /// Records the ridge of `vertices[base..<base + width]` without positions `a` and
        /// `b`, the facet opposite `position` of `slot`.
        mutating func add(_ vertices: [Int], _ base: Int, _ width: Int, skipping a: Int, _ b: Int, slot: Int, position: Int) {
            if usePacked {
                var c0: UInt64 = 0x1F_FFFE, c1: UInt64 = 0x1F_FFFE, c2: UInt64 = 0x1F_FFFE
                var count = 0, fits = true
                for k in 0..<width where k != a && k != b {
                    let w = vertices[base + k]
                    if w != TriangulationND.ghost && (w < 0 || w >= 0x1F_FFFE) { fits = false }
                    let code: UInt64 = w == TriangulationND.ghost ? 0x1F_FFFF : UInt64(truncatingIfNeeded: w)
                    switch count {
                    case 0: c0 = code
                    case 1: c1 = code
                    default: c2 = code
                    }
                    count += 1
                }
                if fits {
                    if c0 > c1 { swap(&c0, &c1) }
                    if c1 > c2 { swap(&c1, &c2) }
                    if c0 > c1 { swap(&c0, &c1) }
                    packed.append((c0 | c1 << 21 | c2 << 42, (slot, position)))
                    return
                }
            }
            let ridge = (0..<width).filter { $0 != a && $0 != b }.map { vertices[base + $0] }.sorted()
            if let other = general.removeValue(forKey: ridge) {
                generalPairs.append((other, (slot, position)))
            } else {
                general[ridge] = (slot, position)
            }
        }

        /// The facets with the same ridge, two by two.
        mutating func pairs() -> [(Facet, Facet)] {
            packed.sort { $0.key < $1.key }
            var result = generalPairs
            var i = 0
            while i + 1 < packed.count {
                if packed[i].key == packed[i + 1].key {
                    result.append((packed[i].facet, packed[i + 1].facet))
                    i += 2
                } else {
                    i += 1
                }
            }
            return result
        }
    }
}
