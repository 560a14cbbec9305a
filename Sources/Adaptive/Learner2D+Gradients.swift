extension Learner2D.Mesh {
    /// One Gauss–Seidel step of SciPy's `estimate_gradients_2d_global` (Nielson 1983,
    /// Renka–Cline 1984) for vertex `v` and component `k`: the gradient minimising the
    /// curvature of the cubic edge interpolants given the neighbours' gradients.
    /// Returns SciPy's relative change (in values scaled by `scale`). Neighbours with
    /// non-finite values are left out; a vertex with a non-finite value gets gradient 0.
    @inline(__always)
    mutating func relaxVertex(_ v: Int, _ k: Int, scale: Double) -> Double {
        let vdim = self.vdim
        let fv = values[v * vdim + k]
        let gi = 2 * (v * vdim + k)
        guard fv.isFinite else {
            gradients[gi] = 0
            gradients[gi + 1] = 0
            return 0
        }
        let pv = tri.points[v]
        var q0 = 0.0, q1 = 0.0, q3 = 0.0, s0 = 0.0, s1 = 0.0
        let start = tri.vertexSlot[v]
        var t = start
        repeat {
            let i = tri.localIndex(of: v, in: t)
            let w = tri.vertexIDs[3 * t + (i + 1) % 3]
            if w != Triangulation2D.ghost {
                let fw = values[w * vdim + k]
                if fw.isFinite {
                    let pw = tri.points[w]
                    let ex = pw.x - pv.x, ey = pw.y - pv.y
                    let l = (ex * ex + ey * ey).squareRoot()
                    let l3 = l * l * l
                    let gw = 2 * (w * vdim + k)
                    let df2 = -ex * gradients[gw] - ey * gradients[gw + 1]
                    q0 += 4 * ex * ex / l3
                    q1 += 4 * ex * ey / l3
                    q3 += 4 * ey * ey / l3
                    let common = 6 * (fv - fw) - 2 * df2
                    s0 += common * ex / l3
                    s1 += common * ey / l3
                }
            }
            t = tri.neighborIDs[3 * t + (i + 1) % 3]
        } while t != start
        let det = q0 * q3 - q1 * q1
        var r0 = (q3 * s0 - q1 * s1) / det
        var r1 = (-q1 * s0 + q0 * s1) / det
        if !(r0.isFinite && r1.isFinite) { r0 = 0; r1 = 0 }
        let change = max(abs(gradients[gi] + r0), abs(gradients[gi + 1] + r1)) / max(scale, max(abs(r0), abs(r1)))
        gradients[gi] = -r0
        gradients[gi + 1] = -r1
        return change
    }

    /// SciPy's global solve: from zero gradients (or, `warm`, from the current ones),
    /// sweeps over all vertices in order until the largest change is below the
    /// tolerance (at most 400 sweeps), per component.
    mutating func solveGradientsGlobally(warm: Bool = false) {
        guard tri.isTriangulated else { return }
        let scale = valueScale
        for k in 0..<vdim {
            for v in 0..<vertexCount where !warm {
                gradients[2 * (v * vdim + k)] = 0
                gradients[2 * (v * vdim + k) + 1] = 0
            }
            for _ in 0..<Self.maxSweeps {
                var error = 0.0
                for v in 0..<vertexCount where tri.vertexSlot[v] >= 0 {
                    error = max(error, relaxVertex(v, k, scale: scale))
                }
                if error < Self.tolerance { break }
            }
        }
    }

    /// Warm-started local sweeps over `v` and its neighbours; returns those vertices.
    @discardableResult
    mutating func relaxGradients(around v: Int) -> [Int] {
        var group: [Int] = [v]
        group.reserveCapacity(12)
        let start = tri.vertexSlot[v]
        var t = start
        repeat {
            let i = tri.localIndex(of: v, in: t)
            let w = tri.vertexIDs[3 * t + (i + 1) % 3]
            if w != Triangulation2D.ghost { group.append(w) }
            t = tri.neighborIDs[3 * t + (i + 1) % 3]
        } while t != start
        guard loss.needsGradients else { return group }
        let scale = valueScale
        for k in 0..<vdim {
            for _ in 0..<Self.maxLocalSweeps {
                var error = 0.0
                for w in group { error = max(error, relaxVertex(w, k, scale: scale)) }
                if error < Self.tolerance { break }
            }
        }
        return group
    }
}
