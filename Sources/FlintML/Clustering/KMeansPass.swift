import FlintCore
import FlintLinalg

/// One pass of Lloyd's algorithm over cached blocks: for every point its nearest center (one
/// GEMM per block), and per center the weighted sum of its points, their weight and their cost.
struct KMeansPass: Sendable {
    var sums: [Double]
    var weights: [Double]
    var counts: [Int]
    var cost = 0.0

    init(centers: Int, dimension: Int) {
        sums = [Double](repeating: 0, count: centers * dimension)
        weights = [Double](repeating: 0, count: centers)
        counts = [Int](repeating: 0, count: centers)
    }

    mutating func add(_ block: InstanceBlock, centers: KMeansCenters) {
        guard block.count > 0 else { return }
        let d = block.numFeatures
        let (indices, distances) = centers.nearest(block.features, rows: block.count)
        for row in 0..<block.count {
            let w = block.weights[row], center = indices[row]
            weights[center] += w
            counts[center] += 1
            cost += w * distances[row]
            for j in 0..<d { sums[center * d + j] += w * block.features[row * d + j] }
        }
    }

    mutating func merge(_ other: KMeansPass) {
        for i in sums.indices { sums[i] += other.sums[i] }
        for i in weights.indices {
            weights[i] += other.weights[i]
            counts[i] += other.counts[i]
        }
        cost += other.cost
    }

    /// The pass over `blocks` against `centers` (one treeAggregate job).
    static func run(_ blocks: RDD<InstanceBlock>, _ centers: KMeansCenters, depth: Int = 2) throws -> KMeansPass {
        try blocks.treeAggregate(KMeansPass(centers: centers.count, dimension: centers.dimension), seqOp: { pass, block in
            var result = pass
            result.add(block, centers: centers)
            return result
        }, combOp: { a, b in
            var result = a
            result.merge(b)
            return result
        }, depth: depth)
    }
}
