import FlintCore
import FlintLinalg
import FlintSQL

/// Count, mean, unbiased variance, minimum and maximum of each coordinate of a vector column,
/// from one `treeAggregate` over its batches (Spark's `Summarizer` "mean", "std", "min", "max";
/// the implicit zeros of sparse vectors count).
struct VectorSummary: Sendable {
    var count = 0
    var sum: [Double] = []
    var squareSum: [Double] = []
    var minimum: [Double] = []
    var maximum: [Double] = []
    var mismatch: String?

    var mean: [Double] { sum.map { $0 / Double(count) } }
    var variance: [Double] {
        guard count > 1 else { return sum.map { _ in 0 } }
        return zip(sum, squareSum).map { max(($1 - $0 * $0 / Double(count)) / Double(count - 1), 0) }
    }
    var std: [Double] { variance.map { $0.squareRoot() } }

    mutating func add(_ vector: Vector) {
        if count == 0 && sum.isEmpty {
            sum = [Double](repeating: 0, count: vector.size)
            squareSum = sum
            minimum = [Double](repeating: .infinity, count: vector.size)
            maximum = [Double](repeating: -.infinity, count: vector.size)
        }
        guard vector.size == sum.count else {
            mismatch = mismatch ?? "Dimension mismatch: vectors of size \(sum.count) and \(vector.size) in one column"
            return
        }
        count += 1
        for (j, x) in vector.toArray().enumerated() {
            sum[j] += x
            squareSum[j] += x * x
            minimum[j] = Swift.min(minimum[j], x)
            maximum[j] = Swift.max(maximum[j], x)
        }
    }

    mutating func merge(_ other: VectorSummary) {
        mismatch = mismatch ?? other.mismatch
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        guard other.sum.count == sum.count else {
            mismatch = mismatch ?? "Dimension mismatch: vectors of size \(sum.count) and \(other.sum.count) in one column"
            return
        }
        count += other.count
        for j in sum.indices {
            sum[j] += other.sum[j]
            squareSum[j] += other.squareSum[j]
            minimum[j] = Swift.min(minimum[j], other.minimum[j])
            maximum[j] = Swift.max(maximum[j], other.maximum[j])
        }
    }

    /// The summary of the vector column `name` of `dataset` (nulls skipped).
    /// - Throws: `MLError.invalidColumn` when it is not a vector column, `.invalidData` for
    ///   vectors of different sizes or no vector; what the job throws.
    static func of(_ dataset: DataFrame, column name: String) throws -> VectorSummary {
        try DatasetColumns.requireVector(dataset.schema, name, role: "input")
        let summary = try dataset.select(name).batchRDD.treeAggregate(VectorSummary(), seqOp: { summary, batch in
            var result = summary
            for row in 0..<batch.rowCount {
                if case let .vector(vector) = batch.columns[0].value(at: row) { result.add(vector) }
            }
            return result
        }, combOp: { a, b in
            var result = a
            result.merge(b)
            return result
        })
        if let mismatch = summary.mismatch { throw MLError.invalidData(mismatch) }
        guard summary.count > 0 else { throw MLError.invalidData("the input column \(name) has no vector to fit on") }
        return summary
    }
}
