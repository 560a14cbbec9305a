/// Geometric clipping in pixel space. The SVG `clipPath` does the visible clipping; this
/// keeps files small and coordinates sane: data far outside the axes (after `select`, or at
/// 1e300) is cut to a slightly larger rectangle before it is written.
enum Clipping {
    /// Clips segment (x0, y0)-(x1, y1) to `r` (Liang–Barsky). Returns the parameters
    /// `t0 <= t1` in [0, 1] of the visible part, or nil if none is visible.
    @inline(__always)
    static func segment(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, in r: Rect) -> (Double, Double)? {
        var t0 = 0.0, t1 = 1.0
        let dx = x1 - x0, dy = y1 - y0
        guard edge(-dx, x0 - r.x, &t0, &t1), edge(dx, r.maxX - x0, &t0, &t1),
            edge(-dy, y0 - r.y, &t0, &t1), edge(dy, r.maxY - y0, &t0, &t1)
        else { return nil }
        return (t0, t1)
    }

    /// One boundary of Liang–Barsky: narrows [t0, t1]; false when nothing is left.
    @inline(__always)
    private static func edge(_ p: Double, _ q: Double, _ t0: inout Double, _ t1: inout Double) -> Bool {
        if p == 0 { return q >= 0 }
        let t = q / p
        if p < 0 {
            if t > t1 { return false }
            if t > t0 { t0 = t }
        } else {
            if t < t0 { return false }
            if t < t1 { t1 = t }
        }
        return true
    }

    /// Clips a polygon (closed implicitly) to `r` (Sutherland–Hodgman).
    static func polygon(_ xs: [Double], _ ys: [Double], in r: Rect) -> (xs: [Double], ys: [Double]) {
        var px = xs, py = ys
        // Each edge: inside test and intersection along one axis.
        for edge in 0..<4 {
            guard !px.isEmpty else { break }
            var ox: [Double] = [], oy: [Double] = []
            ox.reserveCapacity(px.count + 4)
            oy.reserveCapacity(py.count + 4)
            func inside(_ x: Double, _ y: Double) -> Bool {
                switch edge {
                case 0: x >= r.x
                case 1: x <= r.maxX
                case 2: y >= r.y
                default: y <= r.maxY
                }
            }
            func cross(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> (Double, Double) {
                switch edge {
                case 0, 1:
                    let x = edge == 0 ? r.x : r.maxX
                    return (x, ay + (by - ay) * (x - ax) / (bx - ax))
                default:
                    let y = edge == 2 ? r.y : r.maxY
                    return (ax + (bx - ax) * (y - ay) / (by - ay), y)
                }
            }
            var sx = px[px.count - 1], sy = py[py.count - 1]
            var sIn = inside(sx, sy)
            for i in px.indices {
                let ex = px[i], ey = py[i]
                let eIn = inside(ex, ey)
                if eIn {
                    if !sIn { let c = cross(sx, sy, ex, ey); ox.append(c.0); oy.append(c.1) }
                    ox.append(ex)
                    oy.append(ey)
                } else if sIn {
                    let c = cross(sx, sy, ex, ey)
                    ox.append(c.0)
                    oy.append(c.1)
                }
                (sx, sy, sIn) = (ex, ey, eIn)
            }
            px = ox
            py = oy
        }
        return (px, py)
    }
}
