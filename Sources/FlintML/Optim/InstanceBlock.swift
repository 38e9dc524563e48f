import FlintCore
import FlintLinalg
import FlintSQL

/// Training rows stacked for BLAS, as Spark's `InstanceBlock`: the labels, the weights and the
/// features of up to a few thousand rows, the features dense and row by row (row i is
/// `features[i * numFeatures ..< (i + 1) * numFeatures]`, which BLAS reads as the column-major
/// `numFeatures × count` matrix Xᵀ). Algorithms cache an RDD of blocks and make every pass over
/// it with level-2 BLAS (gemv), not row by row.
struct InstanceBlock: Sendable {
    var labels: [Double]
    var weights: [Double]
    var features: [Double]
    let numFeatures: Int

    var count: Int { labels.count }

    /// The blocks of `dataset`, one per column batch (not computed until a job runs).
    /// - Throws: `MLError.invalidColumn` for a missing or mistyped column; the jobs that read
    ///   the blocks throw `MLError.invalidData` for a null or non-finite label, features or
    ///   weight, a negative weight, or vectors of different sizes.
    static func blocks(_ dataset: DataFrame, labelCol: String, featuresCol: String, weightCol: String?) throws -> RDD<InstanceBlock> {
        BLAS.useOneThreadPerTask
        let label = try DatasetColumns.numeric(dataset, labelCol, role: "label")
        let weight = try weightCol.map { try DatasetColumns.numeric(dataset, $0, role: "weight") } ?? lit(1.0)
        try DatasetColumns.requireVector(dataset.schema, featuresCol)
        return try dataset.select(label.alias("label"), weight.alias("weight"), col(featuresCol).alias("features"))
            .batchRDD.map { batch in try InstanceBlock(batch) }
    }

    init(labels: [Double], weights: [Double], features: [Double], numFeatures: Int) {
        self.labels = labels
        self.weights = weights
        self.features = features
        self.numFeatures = numFeatures
    }

    /// Blocks of the feature vectors of `dataset` (label 0), for unsupervised algorithms.
    /// - Throws: as `blocks(_:labelCol:featuresCol:weightCol:)`.
    static func featureBlocks(_ dataset: DataFrame, featuresCol: String, weightCol: String?) throws -> RDD<InstanceBlock> {
        BLAS.useOneThreadPerTask
        let weight = try weightCol.map { try DatasetColumns.numeric(dataset, $0, role: "weight") } ?? lit(1.0)
        try DatasetColumns.requireVector(dataset.schema, featuresCol)
        return try dataset.select(lit(0.0).alias("label"), weight.alias("weight"), col(featuresCol).alias("features"))
            .batchRDD.map { batch in try InstanceBlock(batch) }
    }

    /// The block of a batch of (label, weight, features).
    init(_ batch: ColumnBatch) throws {
        let rows = batch.rowCount
        labels = batch.columns[0].doubleValues
        weights = batch.columns[1].doubleValues
        var size = -1
        var features: [Double] = []
        for row in 0..<rows {
            guard !batch.columns[0].isNull(row), labels[row].isFinite else {
                throw MLError.invalidData("Labels MUST NOT be Null or NaN or Infinity, but got \(batch.columns[0].value(at: row))")
            }
            guard !batch.columns[1].isNull(row), weights[row].isFinite, weights[row] >= 0 else {
                throw MLError.invalidData("Weights MUST NOT be Null or NaN or Infinity or negative, but got \(batch.columns[1].value(at: row))")
            }
            guard case let .vector(vector) = batch.columns[2].value(at: row) else {
                throw MLError.invalidData("Features MUST NOT be Null (label \(labels[row]))")
            }
            if size < 0 {
                size = vector.size
                features = [Double](repeating: 0, count: rows * size)
            }
            guard vector.size == size else {
                throw MLError.invalidData("Dimension mismatch: feature vectors of size \(size) and \(vector.size) in one dataset")
            }
            let base = row * size
            var finite = true
            vector.forEachActive { index, value in
                features[base + index] = value
                finite = finite && value.isFinite
            }
            guard finite else { throw MLError.invalidData("Features MUST NOT contain NaN or Infinity, but got \(vector)") }
        }
        self.features = features
        numFeatures = max(size, 0)
    }
}

/// Blocks are cached at MEMORY_AND_DISK while a solver iterates: this is their disk and
/// serialised form (counts, then the raw doubles; one copy per array).
extension InstanceBlock: FlintSerializable {
    func serialize(into writer: inout ByteWriter) {
        writer.writeVarUInt(UInt64(numFeatures))
        for array in [labels, weights, features] { writer.writeArray(array) }
    }

    static func deserialize(from reader: inout ByteReader) throws -> InstanceBlock {
        let numFeatures = try reader.readCount()
        return InstanceBlock(labels: try reader.readArray(of: Double.self), weights: try reader.readArray(of: Double.self),
                             features: try reader.readArray(of: Double.self), numFeatures: numFeatures)
    }
}
