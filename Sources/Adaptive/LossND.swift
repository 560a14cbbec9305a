import Foundation

/// How `LearnerND` scores a simplex: the next point goes into the simplex (or pending
/// sub-simplex) with the largest loss. The built-ins are python-adaptive 1.5.2's
/// `learnerND.py` losses (spec §3.3):
///
///     let learner = try LearnerND(bounds: [(-1, 1), (-1, 1), (-1, 1)], loss: .curvature())
///
/// Losses see a simplex in *scaled* coordinates (each axis divided by its bounds width)
/// with values multiplied by the learner's output multiplier (1 / the value range).
public struct LossND: Sendable, CustomStringConvertible {
    /// A custom loss of one simplex. May throw: the simplex then gets loss +inf and the
    /// error is rethrown by the learner call that computed it.
    public typealias Function = @Sendable (_ simplex: LearnerND.Simplex) throws -> Double

    enum Kind: Sendable {
        case volumeInEmbedding
        case uniform
        case std
        case triangle
        case curvature(exploration: Double)
        case custom(Function)
    }

    let kind: Kind
    /// 1 when the loss reads the simplex's face neighbours (python's `nth_neighbors`), else 0.
    public let nthNeighbors: Int
    /// A short name: `default`, `uniform`, ... or the custom name.
    public let name: String

    public var description: String { "LossND.\(name)" }

    /// python's `default_loss`: the volume of the simplex lifted onto the graph of the
    /// scaled function, (x₁…x_d, y₁…y_m): large where the function varies.
    public static let `default` = LossND(kind: .volumeInEmbedding, nthNeighbors: 0, name: "default")
    /// `uniform_loss`: the scaled volume; samples the domain uniformly.
    public static let uniform = LossND(kind: .uniform, nthNeighbors: 0, name: "uniform")
    /// `std_loss`: `‖std(values)‖ · vol^(1/d) + vol`.
    public static let std = LossND(kind: .std, nthNeighbors: 0, name: "std")
    /// `triangle_loss`: the mean volume of the lifted simplex joined with each face
    /// neighbour's opposite vertex (0 without neighbours).
    public static let triangle = LossND(kind: .triangle, nthNeighbors: 1, name: "triangle")

    /// `curvature_loss_function(exploration)`: `(triangle + exploration · vol^((2+d)/d))^(1/(2+d))`.
    public static func curvature(exploration: Double = 0.05) -> LossND {
        LossND(kind: .curvature(exploration: exploration), nthNeighbors: 1, name: "curvature")
    }

    /// Your own loss; with `nthNeighbors` 1 the simplex carries its face neighbours.
    public static func custom(name: String = "custom", nthNeighbors: Int = 0, _ function: @escaping Function) throws -> LossND {
        guard nthNeighbors == 0 || nthNeighbors == 1 else {
            throw AdaptiveError("LossND: nth_neighbors must be 0 or 1, got \(nthNeighbors)")
        }
        return LossND(kind: .custom(function), nthNeighbors: nthNeighbors, name: name)
    }

    /// The loss of `s` (vertices and values as the learner passes them: scaled).
    public func evaluate(_ s: LearnerND.Simplex) throws -> Double {
        let d = s.dimension
        switch kind {
        case .volumeInEmbedding: return Self.liftedVolume(s.vertices, s.values, count: d + 1, d: d, vdim: s.vdim)
        case .uniform: return SimplexGeometry.volumeFromLast(s.vertices, d)
        case .std: return Self.std(s)
        case .triangle: return Self.triangle(s)
        case .curvature(let exploration):
            let volume = SimplexGeometry.volumeFromLast(s.vertices, d)
            let dd = Double(d)
            return pow(Self.triangle(s) + exploration * pow(volume, (2 + dd) / dd), 1 / (2 + dd))
        case .custom(let function): return try function(s)
        }
    }

    /// The volume of `count` points (x, y) with `d` coordinates and `vdim` values each.
    static func liftedVolume(_ xs: [Double], _ ys: [Double], count: Int, d: Int, vdim: Int) -> Double {
        let dim = d + vdim
        var lifted = [Double](repeating: 0, count: count * dim)
        for i in 0..<count {
            for k in 0..<d { lifted[i * dim + k] = xs[i * d + k] }
            for k in 0..<vdim { lifted[i * dim + d + k] = ys[i * vdim + k] }
        }
        return SimplexGeometry.volumeInEmbedding(lifted, count: count, dim: dim)
    }

    static func std(_ s: LearnerND.Simplex) -> Double {
        let n = s.dimension + 1
        var squares = 0.0
        for k in 0..<s.vdim {
            var mean = 0.0
            for i in 0..<n { mean += s.values[i * s.vdim + k] }
            mean = mean / Double(n)
            var sum = 0.0
            for i in 0..<n {
                let t = s.values[i * s.vdim + k] - mean
                sum += t * t
            }
            let deviation = (sum / Double(n)).squareRoot()
            squares += deviation * deviation
        }
        let r = squares.squareRoot()  // numpy's norm of the per-component std
        let volume = SimplexGeometry.volumeFromLast(s.vertices, s.dimension)
        return r * pow(volume, 1.0 / Double(s.dimension)) + volume
    }

    static func triangle(_ s: LearnerND.Simplex) -> Double {
        let d = s.dimension, n = d + 1
        var total = 0.0, count = 0
        for (point, value) in zip(s.neighbors, s.neighborValues) {
            guard let point, let value else { continue }
            total += liftedVolume(s.vertices + point, s.values + value, count: n + 1, d: d, vdim: s.vdim)
            count += 1
        }
        return count == 0 ? 0 : total / Double(count)
    }
}

extension LearnerND {
    /// One simplex as a loss sees it (read-only): vertices in scaled coordinates (each
    /// axis divided by its bounds width), values multiplied by ``valueScale``.
    public struct Simplex: Sendable {
        /// The dimension d; the simplex has d + 1 vertices.
        public var dimension: Int
        /// Components per value.
        public var vdim: Int
        /// The d + 1 vertices, `dimension` coordinates each, flat, in ascending vertex order.
        public var vertices: [Double]
        /// The scaled values, `vdim` per vertex, flat.
        public var values: [Double]
        /// The output multiplier: scaled values = raw values × valueScale.
        public var valueScale: Double
        /// For losses with `nthNeighbors == 1`: for each vertex, the vertex of the face
        /// neighbour across from it (scaled), or nil on the hull. Empty otherwise.
        public var neighbors: [[Double]?] = []
        /// The scaled values at ``neighbors``.
        public var neighborValues: [[Double]?] = []

        public init(
            dimension: Int, vdim: Int, vertices: [Double], values: [Double], valueScale: Double,
            neighbors: [[Double]?] = [], neighborValues: [[Double]?] = []
        ) {
            self.dimension = dimension
            self.vdim = vdim
            self.vertices = vertices
            self.values = values
            self.valueScale = valueScale
            self.neighbors = neighbors
            self.neighborValues = neighborValues
        }

        /// The coordinates of vertex `i`.
        public func vertex(_ i: Int) -> [Double] { Array(vertices[(i * dimension)..<((i + 1) * dimension)]) }
        /// The scaled value of vertex `i`.
        public func value(_ i: Int) -> [Double] { Array(values[(i * vdim)..<((i + 1) * vdim)]) }
    }
}
