extension TriangulationND {
    /// Pairs the new simplices of a cavity across their facets through the new vertex: a
    /// facet is identified by its ridge (its vertices other than the new one), sorted.
    /// Ridges of up to three vertices are packed into one integer (21 bits per id, the
    /// ghost as all ones), larger ones go into an array-keyed table.
    struct RidgeTable {
        private var packed: [UInt64: (slot: Int, position: Int)] = [:]
        private var general: [[Int]: (slot: Int, position: Int)] = [:]
        private let usePacked: Bool

        init(dimension: Int) {
            usePacked = dimension - 1 <= 3
            packed.reserveCapacity(32)
        }

        /// Records the ridge of `vertices[base..<base + width]` without positions `a` and `b`
        /// for (slot, position), or returns the earlier facet with the same ridge (and forgets it).
        mutating func match(
            _ vertices: [Int], _ base: Int, _ width: Int, skipping a: Int, _ b: Int, slot: Int, position: Int
        ) -> (slot: Int, position: Int)? {
            if usePacked {
                // Codes of the ridge's vertices (the ghost as all ones), sorted, packed.
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
                    let key = c0 | c1 << 21 | c2 << 42
                    if let other = packed.removeValue(forKey: key) { return other }
                    packed[key] = (slot, position)
                    return nil
                }
            }
            return generalMatch(vertices, base, width, a, b, slot, position)
        }

        private mutating func generalMatch(
            _ vertices: [Int], _ base: Int, _ width: Int, _ a: Int, _ b: Int, _ slot: Int, _ position: Int
        ) -> (slot: Int, position: Int)? {
            let ridge = (0..<width).filter { $0 != a && $0 != b }.map { vertices[base + $0] }.sorted()
            if let other = general.removeValue(forKey: ridge) { return other }
            general[ridge] = (slot, position)
            return nil
        }
    }
}
