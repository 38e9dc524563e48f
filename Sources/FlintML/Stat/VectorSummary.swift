import FlintCore
import FlintLinalg
import FlintSQL

/// Count, mean, unbiased variance, minimum and maximum of each coordinate of a vector column,
/// from one `treeAggregate` over its batches (Spark's `Summarizer` "mean", "std", "min", "max";
/// the implicit zeros of sparse vectors count).
///
/// As Spark's `SummarizerBuffer`, only the stored non-zero entries are visited: each coordinate
/// keeps the count, mean and sum of squared deviations (M2) of its non-zero values, updated by
/// Welford's method and merged by Chan's formula, and the zeros are folded in at the end. Sums of
/// squares would cancel catastrophically for large means (1e9 ± 1 has variance 1, not 0 or
/// garbage); deviations from the running mean do not.
struct VectorSummary: MergeableSummary, Codable {
    typealias Item = ColumnBatch

    /// Vectors seen.
    var count = 0
    /// Per coordinate: how many non-zero values were seen.
    var nonzeroCount: [Int] = []
    /// Per coordinate: the mean of the non-zero values.
    var nonzeroMean: [Double] = []
    /// Per coordinate: the sum of squared deviations of the non-zero values from their mean.
    var nonzeroM2: [Double] = []
    /// Per coordinate: the extremes of the non-zero values (NaN is never an extreme, as Spark).
    var nonzeroMinimum: [Double] = []
    var nonzeroMaximum: [Double] = []
    /// The first size disagreement seen, reported after the job (a seqOp cannot throw).
    var mismatch: String?

    /// The mean of each coordinate.
    var mean: [Double] {
        nonzeroMean.indices.map { nonzeroMean[$0] * Double(nonzeroCount[$0]) / Double(count) }
    }

    /// The unbiased (n − 1) variance of each coordinate; 0 for a single vector.
    var variance: [Double] {
        guard count > 1 else { return nonzeroMean.map { _ in 0 } }
        let total = Double(count)
        return nonzeroMean.indices.map { j in
            // Chan's merge of the non-zero group with the group of zeros (mean 0, M2 0).
            let nonzeros = Double(nonzeroCount[j]), delta = nonzeroMean[j]
            let m2 = nonzeroM2[j] + delta * delta * nonzeros * (total - nonzeros) / total
            return Swift.max(m2 / (total - 1), 0)
        }
    }

    /// The unbiased standard deviation of each coordinate.
    var std: [Double] { variance.map { $0.squareRoot() } }

    /// The minimum of each coordinate (0 when a vector had an implicit or explicit zero there).
    var minimum: [Double] {
        nonzeroMinimum.indices.map { nonzeroCount[$0] < count ? Swift.min(nonzeroMinimum[$0], 0) : nonzeroMinimum[$0] }
    }

    /// The maximum of each coordinate (0 when a vector had an implicit or explicit zero there).
    var maximum: [Double] {
        nonzeroMaximum.indices.map { nonzeroCount[$0] < count ? Swift.max(nonzeroMaximum[$0], 0) : nonzeroMaximum[$0] }
    }

    private init(size: Int) {
        nonzeroCount = [Int](repeating: 0, count: size)
        nonzeroMean = [Double](repeating: 0, count: size)
        nonzeroM2 = nonzeroMean
        nonzeroMinimum = [Double](repeating: .infinity, count: size)
        nonzeroMaximum = [Double](repeating: -.infinity, count: size)
    }

    init() {}

    /// Adds the vectors of the batch's first column (nulls skipped).
    mutating func add(_ batch: ColumnBatch) {
        for row in 0..<batch.rowCount {
            if case let .vector(vector) = batch.columns[0].value(at: row) { add(vector) }
        }
    }

    /// Adds one vector: Welford's update of each non-zero coordinate.
    private mutating func add(_ vector: Vector) {
        if count == 0 && nonzeroMean.isEmpty && mismatch == nil { self = VectorSummary(size: vector.size) }
        guard vector.size == nonzeroMean.count else {
            noteMismatch(nonzeroMean.count, vector.size)
            return
        }
        count += 1
        vector.forEachActive { j, x in
            guard x != 0 else { return }
            nonzeroCount[j] += 1
            let delta = x - nonzeroMean[j]
            nonzeroMean[j] += delta / Double(nonzeroCount[j])
            nonzeroM2[j] += delta * (x - nonzeroMean[j])
            if x < nonzeroMinimum[j] { nonzeroMinimum[j] = x }
            if x > nonzeroMaximum[j] { nonzeroMaximum[j] = x }
        }
    }

    /// Adds what `other` summarizes: Chan's merge of each coordinate's non-zero values.
    mutating func merge(_ other: VectorSummary) {
        mismatch = mismatch ?? other.mismatch
        guard other.count > 0 else { return }
        guard count > 0 else {
            let reported = mismatch
            self = other
            mismatch = reported
            return
        }
        guard other.nonzeroMean.count == nonzeroMean.count else {
            noteMismatch(nonzeroMean.count, other.nonzeroMean.count)
            return
        }
        count += other.count
        for j in nonzeroMean.indices where other.nonzeroCount[j] > 0 {
            let a = Double(nonzeroCount[j]), b = Double(other.nonzeroCount[j])
            let delta = other.nonzeroMean[j] - nonzeroMean[j]
            nonzeroMean[j] += delta * b / (a + b)
            nonzeroM2[j] += other.nonzeroM2[j] + delta * delta * a * b / (a + b)
            nonzeroCount[j] += other.nonzeroCount[j]
            nonzeroMinimum[j] = Swift.min(nonzeroMinimum[j], other.nonzeroMinimum[j])
            nonzeroMaximum[j] = Swift.max(nonzeroMaximum[j], other.nonzeroMaximum[j])
        }
    }

    private mutating func noteMismatch(_ expected: Int, _ actual: Int) {
        mismatch = mismatch ?? "Dimension mismatch: vectors of size \(expected) and \(actual) in one column"
    }

    /// The summary of the vector column `name` of `dataset` (nulls skipped).
    /// - Throws: `MLError.invalidColumn` when it is not a vector column, `.invalidData` for
    ///   vectors of different sizes or no vector; what the job throws.
    static func of(_ dataset: DataFrame, column name: String) throws -> VectorSummary {
        try DatasetColumns.requireVector(dataset.schema, name, role: "input")
        let summary = try dataset.select(name).batchRDD.treeAggregate(VectorSummary())
        if let mismatch = summary.mismatch { throw MLError.invalidData(mismatch) }
        guard summary.count > 0 else { throw MLError.invalidData("the input column \(name) has no vector to fit on") }
        return summary
    }
}
