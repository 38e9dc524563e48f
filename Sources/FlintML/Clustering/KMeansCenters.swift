import FlintLinalg

/// Cluster centers as a column-major d × k matrix with their squared norms, and the nearest
/// center of each row of a block computed with one GEMM: ‖x − c‖² = ‖x‖² + ‖c‖² − 2 x·c
/// (for cosine distance, points and centers are unit vectors and the distance is 1 − x·c).
struct KMeansCenters: Sendable {
    let dimension: Int
    let count: Int
    /// Column j is center j.
    let matrix: [Double]
    let squaredNorms: [Double]
    let cosine: Bool

    init(_ centers: [[Double]], cosine: Bool) {
        dimension = centers.first?.count ?? 0
        count = centers.count
        let stored = cosine ? centers.map(Self.normalized) : centers
        matrix = stored.flatMap { $0 }
        squaredNorms = stored.map { $0.reduce(0) { $0 + $1 * $1 } }
        self.cosine = cosine
    }

    /// `v / ‖v‖` (v itself when zero).
    static func normalized(_ v: [Double]) -> [Double] {
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm == 0 ? v : v.map { $0 / norm }
    }

    var centers: [[Double]] { (0..<count).map { Array(matrix[($0 * dimension)..<(($0 + 1) * dimension)]) } }

    /// For each row of `points` (row-major, `rows × dimension`, unit rows for cosine): the
    /// nearest center and its distance (squared Euclidean, or cosine distance).
    func nearest(_ points: [Double], rows: Int) -> (indices: [Int], distances: [Double]) {
        var products = [Double](repeating: 0, count: rows * count)
        // products (k × rows, column-major) = Cᵀ X.
        matrix.withUnsafeBufferPointer { c in
            points.withUnsafeBufferPointer { x in
                products.withUnsafeMutableBufferPointer { p in
                    BLAS.gemm(transposeA: true, m: count, n: rows, k: dimension, alpha: 1, a: c, lda: dimension,
                              b: x, ldb: dimension, beta: 0, c: p, ldc: count)
                }
            }
        }
        var indices = [Int](repeating: 0, count: rows), distances = [Double](repeating: 0, count: rows)
        for row in 0..<rows {
            var pointNorm = 0.0
            if !cosine {
                for j in 0..<dimension { pointNorm += points[row * dimension + j] * points[row * dimension + j] }
            }
            var best = Double.infinity, bestIndex = 0
            for center in 0..<count {
                let product = products[row * count + center]
                let distance = cosine ? 1 - product : max(pointNorm + squaredNorms[center] - 2 * product, 0)
                if distance < best {
                    best = distance
                    bestIndex = center
                }
            }
            indices[row] = bestIndex
            distances[row] = best
        }
        return (indices, distances)
    }
}
