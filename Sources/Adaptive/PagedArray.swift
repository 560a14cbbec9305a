/// An array indexed from 0 that grows by whole pages of 4096 elements, each filled
/// with `filler`: growing never moves the elements already there, and memory is
/// touched only page by page as the array grows (a doubling `Array` copies everything
/// and touches twice the memory; for the ``AverageLearner`` that was a quarter of
/// its cost per point).
///
/// A value type like `Array`: the pages are copied when a copy is written to. A write
/// checks the uniqueness of the whole once, not of the list of pages and of the page.
struct PagedArray<Element> {
    static var pageShift: Int { 12 }
    static var pageSize: Int { 1 << pageShift }

    /// The pages, owned (allocated and freed) by this object.
    private final class Storage {
        // Accessed only through the PagedArray that owns this object, which Swift's
        // exclusivity rules already check: no dynamic checks on top.
        @exclusivity(unchecked) var pages: [UnsafeMutablePointer<Element>] = []

        init() {}

        func copy() -> Storage {
            let copy = Storage()
            copy.pages = pages.map { page in
                let new = UnsafeMutablePointer<Element>.allocate(capacity: PagedArray.pageSize)
                new.initialize(from: page, count: PagedArray.pageSize)
                return new
            }
            return copy
        }

        deinit {
            for page in pages {
                page.deinitialize(count: PagedArray.pageSize)
                page.deallocate()
            }
        }
    }

    private var storage = Storage()
    private let filler: Element

    init(filler: Element) {
        self.filler = filler
    }

    /// The number of elements: a multiple of the page size.
    var count: Int { storage.pages.count << Self.pageShift }

    var indices: Range<Int> { 0..<count }

    subscript(i: Int) -> Element {
        @inline(__always) get {
            precondition(i >= 0 && i < count, "PagedArray index out of range")
            return storage.pages[i >> Self.pageShift][i & (Self.pageSize - 1)]
        }
        @inline(__always) set {
            precondition(i >= 0 && i < count, "PagedArray index out of range")
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            storage.pages[i >> Self.pageShift][i & (Self.pageSize - 1)] = newValue
        }
    }

    /// Adds pages of `filler` until `i` is an index.
    mutating func grow(toInclude i: Int) {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        while count <= i {
            let page = UnsafeMutablePointer<Element>.allocate(capacity: Self.pageSize)
            page.initialize(repeating: filler, count: Self.pageSize)
            storage.pages.append(page)
        }
    }
}
