/// A hash table from doubles to small integer ids, for learners that look points up
/// by exact value on every ask and tell (the integrator's nodes).
///
/// Open addressing with linear probing over the keys' bit patterns (`-0.0` is stored
/// as `0.0`, so they are one key, as in a Swift or Python dictionary; NaN is not a
/// valid key). Several times faster than `Dictionary<Double, Int32>`, whose SipHash
/// dominated the integrator's profile. Ids are not removed.
struct DoubleIndexTable {
    private var keys: [UInt64]
    private var ids: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        ids = Array(repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func bits(_ x: Double) -> UInt64 { x == 0 ? 0 : x.bitPattern }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        // Fibonacci hashing: the top bits of key · 2⁶⁴/φ, folded.
        let h = key &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
    }

    /// The id of x, or nil.
    @inline(__always)
    func find(_ x: Double) -> Int32? {
        let key = Self.bits(x)
        var i = slot(key)
        while true {
            let id = ids[i]
            if id < 0 { return nil }
            if keys[i] == key { return id }
            i = (i + 1) & mask
        }
    }

    /// The id of x, inserting `newID` if x is not there yet.
    @inline(__always)
    mutating func findOrInsert(_ x: Double, newID: Int32) -> (id: Int32, inserted: Bool) {
        let key = Self.bits(x)
        var i = slot(key)
        while true {
            let id = ids[i]
            if id < 0 { break }
            if keys[i] == key { return (id, false) }
            i = (i + 1) & mask
        }
        keys[i] = key
        ids[i] = newID
        count += 1
        if 2 * count > mask + 1 { grow() }
        return (newID, true)
    }

    private mutating func grow() {
        let oldKeys = keys, oldIDs = ids
        let size = 2 * (mask + 1)
        keys = Array(repeating: 0, count: size)
        ids = Array(repeating: -1, count: size)
        mask = size - 1
        for j in oldIDs.indices where oldIDs[j] >= 0 {
            var i = slot(oldKeys[j])
            while ids[i] >= 0 { i = (i + 1) & mask }
            keys[i] = oldKeys[j]
            ids[i] = oldIDs[j]
        }
    }
}
