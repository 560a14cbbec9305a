/// Something `SortedChunkedArray` can keep in order of a key.
protocol ChunkedSortable {
    associatedtype SortKey: Comparable
    var sortKey: SortKey { get }
}

/// A sorted sequence with unique keys, stored as a list of small sorted chunks:
/// in effect a B-tree of height two, with insertion but no removal.
///
/// Finding a key is two binary searches (over the chunks' last keys, then inside one
/// chunk); inserting moves the elements of a single chunk, at most `maxChunkCount`.
/// The list of chunks itself changes only when a chunk splits, which costs
/// O(n / chunk size) once per O(chunk size) insertions. For the sizes a learner
/// reaches (up to millions of points) every operation is a small constant plus
/// O(log n), with no per-element allocation and about 1.3 × the element size of
/// memory per element.
///
/// Indices are positions (chunk, offset) and are invalidated by any insertion, like
/// array indices. Elements may be changed in place through the subscript as long as
/// their key stays the same.
///
/// Learner1D finds points by x in these (its evaluated points, and all points).
struct SortedChunkedArray<Element: ChunkedSortable> {
    typealias Key = Element.SortKey

    struct Index: Comparable, Hashable {
        var chunk: Int
        var offset: Int

        static func < (lhs: Index, rhs: Index) -> Bool {
            lhs.chunk != rhs.chunk ? lhs.chunk < rhs.chunk : lhs.offset < rhs.offset
        }
    }

    /// Chunks are split in two when they grow beyond this.
    static var maxChunkCount: Int { 64 }

    /// Non-empty, each sorted, and together sorted: all keys of chunk i < keys of i+1.
    private var chunks: [[Element]] = []
    /// `lastKeys[i] == chunks[i].last!.sortKey`.
    private var lastKeys: [Key] = []
    private(set) var count = 0

    init() {}

    /// Builds the array from elements whose keys are strictly increasing.
    init(sortedElements elements: some Sequence<Element>) {
        let fill = Self.maxChunkCount * 3 / 4
        var chunk = Self.newChunk()
        for element in elements {
            chunk.append(element)
            if chunk.count == fill {
                append(chunk: chunk)
                chunk = Self.newChunk()
            }
        }
        if !chunk.isEmpty { append(chunk: chunk) }
    }

    private mutating func append(chunk: [Element]) {
        assert(lastKeys.last.map { $0 < chunk[0].sortKey } ?? true, "elements not sorted")
        lastKeys.append(chunk[chunk.count - 1].sortKey)
        count += chunk.count
        chunks.append(chunk)
    }

    /// The position of the first element whose key is not less than `key`
    /// (`endIndex` if there is none).
    func lowerBound(_ key: Key) -> Index {
        var lo = 0
        var hi = lastKeys.count
        lastKeys.withUnsafeBufferPointer { keys in
            while lo < hi {
                let mid = (lo &+ hi) >> 1
                if keys[mid] < key { lo = mid &+ 1 } else { hi = mid }
            }
        }
        if lo == chunks.count { return endIndex }
        let offset = chunks[lo].withUnsafeBufferPointer { buffer in
            var l = 0
            var h = buffer.count
            while l < h {
                let mid = (l &+ h) >> 1
                if buffer[mid].sortKey < key { l = mid &+ 1 } else { h = mid }
            }
            return l
        }
        return Index(chunk: lo, offset: offset)
    }

    /// Inserts `element`, whose key must not be present yet, and returns its position.
    @discardableResult
    mutating func insert(_ element: Element) -> Index {
        insert(element, at: lowerBound(element.sortKey))
    }

    /// Inserts `element` at `index`, which must be `lowerBound(element.sortKey)`.
    @discardableResult
    mutating func insert(_ element: Element, at index: Index) -> Index {
        count += 1
        if chunks.isEmpty {
            chunks.append(Self.newChunk(element))
            lastKeys.append(element.sortKey)
            return Index(chunk: 0, offset: 0)
        }
        var index = index
        if index.chunk == chunks.count {  // after everything: append to the last chunk
            index = Index(chunk: chunks.count - 1, offset: chunks[chunks.count - 1].count)
        }
        let c = index.chunk
        let n = chunks[c].count
        chunks[c].append(element)
        if index.offset < n {
            chunks[c].withUnsafeMutableBufferPointer { buffer in
                let base = buffer.baseAddress!
                (base + index.offset + 1).update(from: base + index.offset, count: n - index.offset)
                base[index.offset] = element
            }
        } else {
            lastKeys[c] = element.sortKey
        }
        if n + 1 > Self.maxChunkCount {
            let half = (n + 1) / 2
            var upper = Self.newChunk()
            upper.append(contentsOf: chunks[c][half...])
            chunks[c].removeSubrange(half...)
            chunks.insert(upper, at: c + 1)
            lastKeys.insert(chunks[c][half - 1].sortKey, at: c)
            if index.offset >= half { return Index(chunk: c + 1, offset: index.offset - half) }
        }
        return index
    }

    private static func newChunk(_ first: Element? = nil) -> [Element] {
        var chunk: [Element] = []
        chunk.reserveCapacity(maxChunkCount + 1)
        if let first { chunk.append(first) }
        return chunk
    }

    /// Problems with the chunk structure (for tests): empty chunks, stale last keys,
    /// a wrong count, keys out of order.
    func structureViolations() -> [String] {
        var problems: [String] = []
        if chunks.count != lastKeys.count { problems.append("\(chunks.count) chunks, \(lastKeys.count) last keys") }
        if chunks.map(\.count).reduce(0, +) != count { problems.append("count \(count) wrong") }
        var previous: Key?
        for (c, chunk) in chunks.enumerated() {
            if chunk.isEmpty { problems.append("chunk \(c) empty") }
            if let last = chunk.last, c < lastKeys.count, last.sortKey != lastKeys[c] {
                problems.append("chunk \(c) last key stale")
            }
            for element in chunk {
                if let previous, !(previous < element.sortKey) { problems.append("keys out of order in chunk \(c)") }
                previous = element.sortKey
            }
        }
        return problems
    }
}

extension SortedChunkedArray: BidirectionalCollection {
    var startIndex: Index { Index(chunk: 0, offset: 0) }
    var endIndex: Index { Index(chunk: chunks.count, offset: 0) }
    var isEmpty: Bool { count == 0 }

    func index(after i: Index) -> Index {
        let next = i.offset &+ 1
        if next < chunks[i.chunk].count { return Index(chunk: i.chunk, offset: next) }
        return Index(chunk: i.chunk &+ 1, offset: 0)
    }

    func index(before i: Index) -> Index {
        if i.offset > 0 { return Index(chunk: i.chunk, offset: i.offset &- 1) }
        let c = i.chunk - 1
        return Index(chunk: c, offset: chunks[c].count - 1)
    }

    /// The element at `index`. Setting it must keep its key.
    subscript(index: Index) -> Element {
        get { chunks[index.chunk][index.offset] }
        set {
            assert(newValue.sortKey == chunks[index.chunk][index.offset].sortKey, "key changed")
            chunks[index.chunk][index.offset] = newValue
        }
    }

    var first: Element? { chunks.first?.first }
    var last: Element? { chunks.last?.last }
}
