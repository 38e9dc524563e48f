/// Weighted means and unbiased standard deviations of the label and of each feature, from one
/// pass over the blocks, as Spark's `Summarizer` ("mean", "std"): the variance divides by
/// Σw − Σw²/Σw (n − 1 with unit weights).
import FlintCore

struct WeightedMoments: MergeableSummary {
    /// Why blocks could not be summed together (vectors of different sizes), if they could not.
    var mismatch: String?
    var count = 0
    var weightSum = 0.0
    var weightSquareSum = 0.0
    var labelSum = 0.0
    var labelSquareSum = 0.0
    var featureSum: [Double] = []
    var featureSquareSum: [Double] = []
    /// When counting classes: the weight of each label 0, 1, 2, ... (Spark's label histogram).
    var labelHistogram: [Double] = []
    /// When counting classes: rows whose label is not a class index (negative or fractional).
    var invalidLabels = 0
    /// Whether labels are classes to count.
    var countsClasses = false

    init(countsClasses: Bool = false) { self.countsClasses = countsClasses }

    /// Adds a block (a block of another vector size is recorded in `mismatch`).
    mutating func add(_ block: InstanceBlock) {
        guard block.count > 0, start(block.numFeatures) else { return }
        let d = block.numFeatures
        count += block.count
        for row in 0..<block.count {
            let w = block.weights[row], y = block.labels[row]
            weightSum += w
            weightSquareSum += w * w
            labelSum += w * y
            labelSquareSum += w * y * y
            if countsClasses { countClass(y, weight: w) }
            for j in 0..<d {
                let x = block.features[row * d + j]
                featureSum[j] += w * x
                featureSquareSum[j] += w * x * x
            }
        }
    }

    /// Adds another summary (another number of features is recorded in `mismatch`).
    mutating func merge(_ other: WeightedMoments) {
        if mismatch == nil { mismatch = other.mismatch }
        guard other.count > 0 else { return }
        guard start(other.featureSum.count) else { return }
        count += other.count
        weightSum += other.weightSum
        weightSquareSum += other.weightSquareSum
        labelSum += other.labelSum
        labelSquareSum += other.labelSquareSum
        for j in featureSum.indices {
            featureSum[j] += other.featureSum[j]
            featureSquareSum[j] += other.featureSquareSum[j]
        }
        invalidLabels += other.invalidLabels
        if other.labelHistogram.count > labelHistogram.count {
            labelHistogram += [Double](repeating: 0, count: other.labelHistogram.count - labelHistogram.count)
        }
        for (label, weight) in other.labelHistogram.enumerated() { labelHistogram[label] += weight }
    }

    private mutating func countClass(_ label: Double, weight: Double) {
        guard label >= 0, label == label.rounded(), label < Double(Int32.max) else {
            invalidLabels += 1
            return
        }
        let index = Int(label)
        if index >= labelHistogram.count { labelHistogram += [Double](repeating: 0, count: index + 1 - labelHistogram.count) }
        labelHistogram[index] += weight
    }

    /// Sizes the sums for `features` features; false (and `mismatch` set) for another size.
    private mutating func start(_ features: Int) -> Bool {
        if count == 0, featureSum.isEmpty {
            featureSum = [Double](repeating: 0, count: features)
            featureSquareSum = featureSum
        } else if featureSum.count != features {
            mismatch = mismatch ?? "Dimension mismatch: feature vectors of size \(featureSum.count) and \(features) in one dataset"
            return false
        }
        return true
    }

    var labelMean: Double { labelSum / weightSum }
    var labelStd: Double { Self.std(sum: labelSum, squares: labelSquareSum, weights: weightSum, weightSquares: weightSquareSum) }
    var featureMeans: [Double] { featureSum.map { $0 / weightSum } }
    var featureStds: [Double] {
        zip(featureSum, featureSquareSum).map { Self.std(sum: $0, squares: $1, weights: weightSum, weightSquares: weightSquareSum) }
    }

    private static func std(sum: Double, squares: Double, weights: Double, weightSquares: Double) -> Double {
        let denominator = weights - weightSquares / weights
        guard denominator > 0 else { return 0 }
        return (max(squares - sum * sum / weights, 0) / denominator).squareRoot()
    }

    /// The moments of `blocks` (one `treeAggregate` job).
    /// - Throws: `MLError.invalidData` for vectors of different sizes or no rows; what the job throws.
    static func compute(_ blocks: RDD<InstanceBlock>, countsClasses: Bool = false, depth: Int) throws -> WeightedMoments {
        let moments = try blocks.treeAggregate(WeightedMoments(countsClasses: countsClasses), depth: depth)
        if let mismatch = moments.mismatch { throw MLError.invalidData(mismatch) }
        guard moments.count > 0 else { throw MLError.invalidData("Training dataset is empty.") }
        return moments
    }
}
