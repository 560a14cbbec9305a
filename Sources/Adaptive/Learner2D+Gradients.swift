extension Learner2D {
    /// A neighbour `w` of a vertex as the gradient step sees it: the edge (ex, ey) from
    /// the vertex to `w` and its length cubed.
    struct Spoke {
        var w: Int
        var ex: Double
        var ey: Double
        var l3: Double
    }
}

extension Learner2D.Mesh {
    /// Appends the spokes of vertex `v` to `spokes`, in the order of the triangles
    /// around it (the order SciPy's sums follow here, so results are reproducible).
    func appendSpokes(of v: Int, to spokes: inout [Learner2D.Spoke]) {
        let pv = tri.points[v]
        let start = tri.vertexSlot[v]
        var t = start
        repeat {
            let i = tri.localIndex(of: v, in: t)
            let w = tri.vertexIDs[3 * t + (i + 1) % 3]
            if w != Triangulation2D.ghost {
                let pw = tri.points[w]
                let ex = pw.x - pv.x, ey = pw.y - pv.y
                let l = (ex * ex + ey * ey).squareRoot()
                spokes.append(Learner2D.Spoke(w: w, ex: ex, ey: ey, l3: l * l * l))
            }
            t = tri.neighborIDs[3 * t + (i + 1) % 3]
        } while t != start
    }

    /// One Gauss–Seidel step of SciPy's `estimate_gradients_2d_global` (Nielson 1983,
    /// Renka–Cline 1984) for vertex `v` and component `k`: the gradient minimising the
    /// curvature of the cubic edge interpolants given the neighbours' gradients.
    /// Returns SciPy's relative change (in values scaled by `scale`). Neighbours with
    /// non-finite values are left out; a vertex with a non-finite value gets gradient 0.
    @inline(__always)
    mutating func relaxVertex(_ v: Int, _ k: Int, scale: Double, spokes: ArraySlice<Learner2D.Spoke>) -> Double {
        let vdim = self.vdim
        let fv = values[v * vdim + k]
        let gi = 2 * (v * vdim + k)
        guard fv.isFinite else {
            gradients[gi] = 0
            gradients[gi + 1] = 0
            return 0
        }
        var q0 = 0.0, q1 = 0.0, q3 = 0.0, s0 = 0.0, s1 = 0.0
        for spoke in spokes {
            let fw = values[spoke.w * vdim + k]
            guard fw.isFinite else { continue }
            let ex = spoke.ex, ey = spoke.ey, l3 = spoke.l3
            let gw = 2 * (spoke.w * vdim + k)
            let df2 = -ex * gradients[gw] - ey * gradients[gw + 1]
            q0 += 4 * ex * ex / l3
            q1 += 4 * ex * ey / l3
            q3 += 4 * ey * ey / l3
            let common = 6 * (fv - fw) - 2 * df2
            s0 += common * ex / l3
            s1 += common * ey / l3
        }
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
        // The spokes of every vertex, gathered once for all sweeps.
        var spokes: [Learner2D.Spoke] = []
        spokes.reserveCapacity(7 * vertexCount)
        var offsets = [0]
        offsets.reserveCapacity(vertexCount + 1)
        for v in 0..<vertexCount {
            if tri.vertexSlot[v] >= 0 { appendSpokes(of: v, to: &spokes) }
            offsets.append(spokes.count)
        }
        for k in 0..<vdim {
            for v in 0..<vertexCount where !warm {
                gradients[2 * (v * vdim + k)] = 0
                gradients[2 * (v * vdim + k) + 1] = 0
            }
            for _ in 0..<Self.maxSweeps {
                var error = 0.0
                for v in 0..<vertexCount where tri.vertexSlot[v] >= 0 {
                    error = max(error, relaxVertex(v, k, scale: scale, spokes: spokes[offsets[v]..<offsets[v + 1]]))
                }
                if error < Self.tolerance { break }
            }
        }
    }
}
