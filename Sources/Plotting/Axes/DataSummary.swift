/// What one panel's data asks of its axes: the extents along x, y and colour, and how many
/// values a log scale had to leave out (they are reported in a note on the figure).
///
/// Only finite values count; on a log axis only positive ones. With a selection, only data
/// inside it sets the extents (so `select(x:)` rescales y to the selected part).
struct DataSummary {
    var x = Extent()
    var y = Extent()
    var z = Extent()
    /// Finite points left out because a coordinate is ≤ 0 on a log axis.
    var excludedPoints = 0
    /// Image cells left out because their value is ≤ 0 on a log colour scale.
    var excludedCells = 0
    var hasImage = false

    init() {}

    init(elements: [Element], options o: Options) {
        let logx = o.logx ?? false, logy = o.logy ?? false, logz = o.logz ?? false
        let sx = o.selectX, sy = o.selectY
        let okX = { (v: Double) in v.isFinite && (!logx || v > 0) }
        let okY = { (v: Double) in v.isFinite && (!logy || v > 0) }
        let inX = { (v: Double) in sx.map { $0.contains(v) } ?? true }
        let inY = { (v: Double) in sy.map { $0.contains(v) } ?? true }

        // Adds a point to the extents; counts it if a log scale excludes it.
        func point(_ px: Double, _ py: Double) {
            guard px.isFinite, py.isFinite else { return }
            guard okX(px), okY(py) else { excludedPoints += 1; return }
            if inX(px) && inY(py) {
                x.add(px)
                y.add(py)
            }
        }

        for element in elements {
            switch element.kind {
            case .curve(let xs, let ys), .scatter(let xs, let ys), .path(let xs, let ys),
                .triangles(let xs, let ys, _):
                for i in xs.indices { point(xs[i], ys[i]) }
            case .text(let tx, let ty, _):
                point(tx, ty)
            case .errorBars(let xs, let ys, let lower, let upper):
                for i in xs.indices {
                    point(xs[i], ys[i])
                    guard okX(xs[i]), okY(ys[i]), inX(xs[i]) else { continue }
                    for v in [ys[i] - lower[i], ys[i] + upper[i]] where okY(v) && inY(v) { y.add(v) }
                }
            case .area(let xs, let lower, let upper):
                let base = lower.first.flatMap { b in lower.allSatisfy { $0 == b } ? b : nil }
                for i in xs.indices {
                    point(xs[i], upper[i])
                    guard okX(xs[i]), inX(xs[i]), lower[i].isFinite else { continue }
                    if okY(lower[i]) && inY(lower[i]) && lower[i] != base { y.add(lower[i]) }
                }
                if let base, okY(base), inY(base), !x.isEmpty { y.addSticky(base) }
            case .histogram(let edges, let counts):
                for i in counts.indices where counts[i].isFinite && inX(edges[i]) {
                    if okY(counts[i]) && inY(counts[i]) { y.add(counts[i]) }
                }
                for e in [edges.first!, edges.last!] where okX(e) && inX(e) { x.addSticky(e) }
                if !logy && inY(0) && !counts.isEmpty { y.addSticky(0) }
            case .shadedTriangles(let t):
                hasImage = true
                for i in t.xs.indices { point(t.xs[i], t.ys[i]) }
                for v in t.values where v.isFinite {
                    if logz && v <= 0 { excludedCells += 1 } else { z.add(v) }
                }
            case .image(let image):
                hasImage = true
                for v in [image.x.lowerBound, image.x.upperBound] where okX(v) && inX(v) { x.addSticky(v) }
                for v in [image.y.lowerBound, image.y.upperBound] where okY(v) && inY(v) { y.addSticky(v) }
                // A selection inside the image: the selected part fills the axes.
                if let sx { for v in [sx.lowerBound, sx.upperBound] where v.isFinite && image.x.contains(v) { x.add(v) } }
                if let sy { for v in [sy.lowerBound, sy.upperBound] where v.isFinite && image.y.contains(v) { y.add(v) } }
                for v in image.values where v.isFinite {
                    if logz && v <= 0 { excludedCells += 1 } else { z.add(v) }
                }
            }
        }
    }

    /// Combines the summaries of facets that share axes.
    mutating func formUnion(_ other: DataSummary) {
        x.formUnion(other.x)
        y.formUnion(other.y)
        z.formUnion(other.z)
        excludedPoints += other.excludedPoints
        excludedCells += other.excludedCells
        hasImage = hasImage || other.hasImage
    }

    /// Notes shown under the axes, e.g. `3 points with y ≤ 0 not shown (log scale)`.
    func notes(logx: Bool, logy: Bool) -> [String] {
        var notes: [String] = []
        if excludedPoints > 0 {
            let which = logx && logy ? "x ≤ 0 or y ≤ 0" : logx ? "x ≤ 0" : "y ≤ 0"
            notes.append("\(excludedPoints) point\(excludedPoints == 1 ? "" : "s") with \(which) not shown (log scale)")
        }
        if excludedCells > 0 {
            notes.append("\(excludedCells) cell\(excludedCells == 1 ? "" : "s") with value ≤ 0 not shown (log colour scale)")
        }
        return notes
    }
}
