/// An array indexed from 0 that grows by whole pages of 4096 elements, each filled
/// with `filler`: growing never moves the elements already there, and memory is
/// touched only page by page as the array grows (a doubling `Array` copies everything
/// and touches twice the memory; for the ``AverageLearner`` that was a quarter of
/// its cost per point).
///
/// A value type like `Array` (pages are copied on write).
struct PagedArray<Element> {
    static var pageShift: Int { 12 }
    static var pageSize: Int { 1 << pageShift }

    private var pages: [[Element]] = []
    private let filler: Element

    init(filler: Element) {
        self.filler = filler
    }

    /// The number of elements: a multiple of the page size.
    var count: Int { pages.count << Self.pageShift }

    var indices: Range<Int> { 0..<count }

    subscript(i: Int) -> Element {
        @inline(__always) get { pages[i >> Self.pageShift][i & (Self.pageSize - 1)] }
        @inline(__always) set { pages[i >> Self.pageShift][i & (Self.pageSize - 1)] = newValue }
    }

    /// Adds pages of `filler` until `i` is an index.
    mutating func grow(toInclude i: Int) {
        while count <= i { pages.append(Array(repeating: filler, count: Self.pageSize)) }
    }
}
