extension Learner2D.Mesh {
    /// Computes and stores the area, deviation and loss of triangle `t`.
    mutating func computeLoss(_ t: Int) -> Double {
        let (a, b, c) = tri.vertices(of: t)
        let area = tri.area(of: t)
        areas[t] = area
        let deviation = needsGradients ? rawDeviation(a, b, c) : 0
        deviations[t] = deviation
        let s = lossScale
        if isDefaultLoss {
            let value = Loss2D.deviationLoss(deviation / s, area)
            losses[t] = value
            return value
        }
        let value: Double
        switch loss.kind {
        case .deviation:
            value = Loss2D.deviationLoss(deviation / s, area)
        case .uniform:
            value = area.squareRoot()
        case .minimizeTriangleSurface:
            value = Loss2D.surface(
                tri.points[a], tri.points[b], tri.points[c], values[a * vdim] / s, values[b * vdim] / s, values[c * vdim] / s)
        case .resolution(let minDistance, let maxDistance):
            value = Loss2D.resolution(Loss2D.deviationLoss(deviation / s, area), area, minDistance, maxDistance)
        case .thresholded(let lower, let upper, let factor):
            let vs = [a, b, c].flatMap { v in values[(v * vdim)..<((v + 1) * vdim)] }
            value = Loss2D.thresholded(Loss2D.deviationLoss(deviation / s, area), vs, lower, upper, factor)
        case .custom(let function):
            let perComponent = (0..<vdim).map { componentDeviation(a, b, c, $0) / s }
            let triangle = Learner2D.Triangle(
                vertices: [tri.points[a], tri.points[b], tri.points[c]],
                values: [a, b, c].flatMap { v in values[(v * vdim)..<((v + 1) * vdim)] },
                vdim: vdim, valueScale: s, area: area, deviation: deviation / s, deviations: perComponent)
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
        var total = 0.0
        for k in 0..<vdim { total += componentDeviation(a, b, c, k) }
        return total
    }

    /// The deviation of component `k` (raw units; 0 if a vertex value is not finite).
    @inline(__always)
    func componentDeviation(_ a: Int, _ b: Int, _ c: Int, _ k: Int) -> Double {
        let p = (tri.points[a], tri.points[b], tri.points[c])
        let v = (values[a * vdim + k], values[b * vdim + k], values[c * vdim + k])
        guard v.0.isFinite && v.1.isFinite && v.2.isFinite else { return 0 }
        return vertexDeviation(a, k, p.0, v.0, p.1, v.1, p.2, v.2)
            + vertexDeviation(b, k, p.1, v.1, p.2, v.2, p.0, v.0)
            + vertexDeviation(c, k, p.2, v.2, p.0, v.0, p.1, v.1)
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
