import FlintLinalg

/// The weighted sums a least-squares fit by normal equations needs, from one pass over the
/// blocks (Spark's `WeightedLeastSquares.Aggregator`): Σw, Σwy, Σwy², Σwx, Σwxy and Σwxxᵀ. A
/// block adds its Gram matrix XᵀWX with one GEMM, not row by row.
struct NormalEquationSummary: MergeableSummary {
    /// Why blocks could not be summed together (vectors of different sizes), if they could not.
    var mismatch: String?
    var count = 0
    var numFeatures = -1
    var weightSum = 0.0
    var labelSum = 0.0
    var labelSquareSum = 0.0
    var featureSum: [Double] = []
    var crossSum: [Double] = []
    /// Σ w x xᵀ, full `numFeatures × numFeatures`, column-major.
    var gramSum: [Double] = []

    /// Adds a block (a block of another vector size is recorded in `mismatch`).
    mutating func add(_ block: InstanceBlock) {
        guard block.count > 0, start(block.numFeatures) else { return }
        let d = numFeatures, n = block.count
        count += n
        var scaled = block.features
        for row in 0..<n {
            let w = block.weights[row], y = block.labels[row]
            weightSum += w
            labelSum += w * y
            labelSquareSum += w * y * y
            for j in 0..<d {
                let x = block.features[row * d + j]
                featureSum[j] += w * x
                crossSum[j] += w * y * x
                scaled[row * d + j] = w * x
            }
        }
        // Σ w x xᵀ = Xᵀ (W X): the block's rows are the columns of the d × n matrix Xᵀ.
        block.features.withUnsafeBufferPointer { x in
            scaled.withUnsafeBufferPointer { wx in
                gramSum.withUnsafeMutableBufferPointer { gram in
                    BLAS.gemm(transposeB: true, m: d, n: d, k: n, alpha: 1, a: x, lda: d, b: wx, ldb: d, beta: 1, c: gram, ldc: d)
                }
            }
        }
    }

    /// Adds another summary (another number of features is recorded in `mismatch`).
    mutating func merge(_ other: NormalEquationSummary) {
        if mismatch == nil { mismatch = other.mismatch }
        guard other.numFeatures >= 0 else { return }
        guard start(other.numFeatures) else { return }
        count += other.count
        weightSum += other.weightSum
        labelSum += other.labelSum
        labelSquareSum += other.labelSquareSum
        for j in featureSum.indices {
            featureSum[j] += other.featureSum[j]
            crossSum[j] += other.crossSum[j]
        }
        for i in gramSum.indices { gramSum[i] += other.gramSum[i] }
    }

    /// Sizes the sums for `features` features; false (and `mismatch` set) for another size.
    private mutating func start(_ features: Int) -> Bool {
        if numFeatures < 0 {
            numFeatures = features
            featureSum = [Double](repeating: 0, count: features)
            crossSum = featureSum
            gramSum = [Double](repeating: 0, count: features * features)
        } else if numFeatures != features {
            mismatch = mismatch ?? "Dimension mismatch: feature vectors of size \(numFeatures) and \(features) in one dataset"
            return false
        }
        return true
    }

    var labelMean: Double { labelSum / weightSum }
    /// Weighted population standard deviation of the label.
    var labelStd: Double { max(labelSquareSum / weightSum - labelMean * labelMean, 0).squareRoot() }
    var featureMeans: [Double] { featureSum.map { $0 / weightSum } }
    /// Weighted population standard deviations of the features.
    var featureStds: [Double] {
        (0..<numFeatures).map { j in
            let mean = featureSum[j] / weightSum
            return max(gramSum[j * numFeatures + j] / weightSum - mean * mean, 0).squareRoot()
        }
    }
}
