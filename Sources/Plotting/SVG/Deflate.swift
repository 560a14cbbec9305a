/// A small zlib (RFC 1950/1951) compressor: greedy LZ77 with a one-entry hash table and the
/// fixed Huffman code. Written here so the PNG of an embedded heat map is the same bytes on
/// every machine (system zlib versions differ). Runs of equal cells (upsampled images) and
/// repeated rows compress to almost nothing.
enum Deflate {
    static func zlib(_ data: [UInt8]) -> [UInt8] {
        var w = BitWriter()
        w.bytes.reserveCapacity(data.count / 4 + 64)
        w.bytes += [0x78, 0x01]
        w.write(1, bits: 1)  // final block
        w.write(1, bits: 2)  // fixed Huffman codes
        let n = data.count
        var table = [Int32](repeating: -1, count: 1 << 15)
        @inline(__always) func hash(_ i: Int) -> Int {
            (Int(data[i]) << 10 ^ Int(data[i + 1]) << 5 ^ Int(data[i + 2])) & 0x7FFF
        }
        var i = 0
        while i < n {
            var length = 0, distance = 0
            if i + 2 < n {
                let h = hash(i)
                let candidate = Int(table[h])
                table[h] = Int32(i)
                if candidate >= 0 && i - candidate <= 32768 {
                    let limit = min(258, n - i)
                    var k = 0
                    while k < limit && data[candidate + k] == data[i + k] { k += 1 }
                    if k >= 3 { length = k; distance = i - candidate }
                }
            }
            if length > 0 {
                w.lengthDistance(length, distance)
                for j in (i + 1)..<(i + length) where j + 2 < n { table[hash(j)] = Int32(j) }
                i += length
            } else {
                w.literal(Int(data[i]))
                i += 1
            }
        }
        w.literal(256)  // end of block
        w.flush()
        var a: UInt32 = 1, b: UInt32 = 0
        var start = 0
        while start < n {  // Adler-32 in chunks small enough not to overflow
            let end = min(n, start + 5552)
            for k in start..<end {
                a += UInt32(data[k])
                b += a
            }
            a %= 65521
            b %= 65521
            start = end
        }
        let adler = b << 16 | a
        w.bytes += [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
        return w.bytes
    }

    private static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                            67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
                                             4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
                                              513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8,
                                               9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// Index of the last base ≤ value.
    private static func code(_ value: Int, _ bases: [Int]) -> Int {
        var lo = 0, hi = bases.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if bases[mid] <= value { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Bits written least significant first; Huffman codes most significant first.
    private struct BitWriter {
        var bytes: [UInt8] = []
        private var buffer: UInt64 = 0
        private var count = 0

        mutating func write(_ value: Int, bits: Int) {
            buffer |= UInt64(value) << UInt64(count)
            count += bits
            while count >= 8 {
                bytes.append(UInt8(buffer & 0xFF))
                buffer >>= 8
                count -= 8
            }
        }

        mutating func huffman(_ code: Int, bits: Int) {
            var reversed = 0
            for k in 0..<bits where code & (1 << k) != 0 { reversed |= 1 << (bits - 1 - k) }
            write(reversed, bits: bits)
        }

        /// A literal byte (0...255) or a length symbol (256...287) in the fixed code.
        mutating func literal(_ symbol: Int) {
            switch symbol {
            case 0...143: huffman(0x30 + symbol, bits: 8)
            case 144...255: huffman(0x190 + symbol - 144, bits: 9)
            case 256...279: huffman(symbol - 256, bits: 7)
            default: huffman(0xC0 + symbol - 280, bits: 8)
            }
        }

        mutating func lengthDistance(_ length: Int, _ distance: Int) {
            let l = Deflate.code(length, Deflate.lengthBase)
            literal(257 + l)
            if Deflate.lengthExtra[l] > 0 { write(length - Deflate.lengthBase[l], bits: Deflate.lengthExtra[l]) }
            let d = Deflate.code(distance, Deflate.distanceBase)
            huffman(d, bits: 5)
            if Deflate.distanceExtra[d] > 0 { write(distance - Deflate.distanceBase[d], bits: Deflate.distanceExtra[d]) }
        }

        mutating func flush() {
            if count > 0 { bytes.append(UInt8(buffer & 0xFF)) }
            buffer = 0
            count = 0
        }
    }
}
