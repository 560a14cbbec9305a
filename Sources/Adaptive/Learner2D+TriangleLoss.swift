extension Learner2D.Mesh {
    /// Computes and stores the area, deviation and loss of triangle `t`.
    mutating func computeLoss(_ t: Int) -> Double {
        let (a, b, c) = tri.vertices(of: t)
        let area = tri.area(of: t)
        areas[t] = area
        let deviation = loss.needsGradients ? rawDeviation(a, b, c) : 0
        deviations[t] = deviation
        let s = lossScale
        let value: Double
        switch loss.kind {
        case .deviation:
            value = deviation / s * area.squareRoot() + 0.3 * area
        case .uniform:
            value = area.squareRoot()
        case .minimizeTriangleSurface:
            let p0 = tri.points[a], p1 = tri.points[b], p2 = tri.points[c]
            let v0 = values[a * vdim] / s, v1 = values[b * vdim] / s, v2 = values[c * vdim] / s
            let ax = p0.x - p2.x, ay = p0.y - p2.y, az = v0 - v2
            let bx = p1.x - p2.x, by = p1.y - p2.y, bz = v1 - v2
            let cx = ay * bz - az * by, cy = az * bx - ax * bz, cz = ax * by - ay * bx
            value = (cx * cx + cy * cy + cz * cz).squareRoot() / 2
        case .resolution(let minDistance, let maxDistance):
            var l = deviation / s * area.squareRoot() + 0.3 * area
            if area < minDistance * minDistance { l = 0 }
            if area > maxDistance * maxDistance { l = .infinity }
            value = l
        case .thresholded(let lower, let upper, let factor):
            var l = deviation / s * area.squareRoot() + 0.3 * area
            let vs = [a, b, c].flatMap { v in values[(v * vdim)..<((v + 1) * vdim)] }
            if let lower, vs.allSatisfy({ $0 < lower }) { l *= factor }
            if let upper, vs.allSatisfy({ $0 > upper }) { l *= factor }
            value = l
        case .custom(let function):
            let triangle = Learner2D.Triangle(
                vertices: [tri.points[a], tri.points[b], tri.points[c]],
                values: [a, b, c].flatMap { v in values[(v * vdim)..<((v + 1) * vdim)] },
                vdim: vdim, valueScale: s, area: area, deviation: deviation / s)
            do {
                value = try function(triangle)
            } catch {
                if firstError == nil { firstError = error }
                value = .infinity
            }
        }
        losses[t] = value
        return value
    }

    /// python-adaptive's `deviations` for one triangle in raw value units, summed over
    /// the components: for each vertex, the largest miss of the linear extrapolation
    /// along its gradient at the other vertices. Components with a non-finite vertex
    /// value contribute 0.
    func rawDeviation(_ a: Int, _ b: Int, _ c: Int) -> Double {
        let ids = (a, b, c)
        let p = (tri.points[a], tri.points[b], tri.points[c])
        var total = 0.0
        for k in 0..<vdim {
            let v = (values[a * vdim + k], values[b * vdim + k], values[c * vdim + k])
            guard v.0.isFinite && v.1.isFinite && v.2.isFinite else { continue }
            total += vertexDeviation(ids.0, k, p.0, v.0, p.1, v.1, p.2, v.2)
            total += vertexDeviation(ids.1, k, p.1, v.1, p.2, v.2, p.0, v.0)
            total += vertexDeviation(ids.2, k, p.2, v.2, p.0, v.0, p.1, v.1)
        }
        return total
    }

    @inline(__always)
    func vertexDeviation(
        _ id: Int, _ k: Int, _ pi: SIMD2<Double>, _ vi: Double,
        _ pj: SIMD2<Double>, _ vj: Double, _ pk: SIMD2<Double>, _ vk: Double
    ) -> Double {
        let g = 2 * (id * vdim + k)
        let gx = gradients[g], gy = gradients[g + 1]
        let ej = vi + ((pj.x - pi.x) * gx + (pj.y - pi.y) * gy)
        let ek = vi + ((pk.x - pi.x) * gx + (pk.y - pi.y) * gy)
        return max(abs(ej - vj), abs(ek - vk))
    }
}
