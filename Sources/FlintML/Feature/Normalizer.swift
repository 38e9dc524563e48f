import FlintLinalg
import FlintSQL

/// Scales each vector of a column to unit p-norm (`p` ≥ 1, default 2), as spark.ml's
/// `Normalizer`; a zero vector stays zero. One row function call per row.
public final class Normalizer: Transformer, @unchecked Sendable {
    /// `inputCol`.
    public let inputCol: Param<String>
    /// `outputCol`.
    public let outputCol: Param<String>
    /// `p` (default 2, at least 1).
    public let p: Param<Double>

    /// A normalizer with Spark's defaults.
    public override init(uid: String = Params.randomUID("normalizer")) {
        inputCol = SharedParams.inputCol(uid)
        outputCol = SharedParams.outputCol(uid)
        p = Param(parent: uid, name: "p", doc: "the p norm value", validator: .gtEq(1))
        super.init(uid: uid)
        setDefault(outputCol, "\(uid)__output")
        setDefault(p, 2)
    }

    /// Sets `inputCol`.
    @discardableResult public func setInputCol(_ value: String) throws -> Self { try set(inputCol, value); return self }
    /// Sets `outputCol`.
    @discardableResult public func setOutputCol(_ value: String) throws -> Self { try set(outputCol, value); return self }
    /// Sets `p`.
    @discardableResult public func setP(_ value: Double) throws -> Self { try set(p, value); return self }

    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try DatasetColumns.vectorToVector(schema, input: try getOrDefault(inputCol), output: value(outputCol))
    }

    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let power = value(p)
        let normalized = RowFunction.column(dataset, name: "\(uid)_normalize", returnType: .vector, inputs: [col(try getOrDefault(inputCol))]) { values in
            guard case let .vector(vector) = values[0] else { return .null }
            let norm = vector.norm(power)
            guard norm != 0 else { return .vector(vector) }
            switch vector {
            case let .dense(dense): return .vector(.dense(DenseVector(dense.values.map { $0 / norm })))
            case let .sparse(sparse):
                return .vector(.sparse(try SparseVector(size: sparse.size, indices: sparse.indices, values: sparse.values.map { $0 / norm })))
            }
        }
        return try dataset.withColumn(value(outputCol), normalized)
    }

    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: Normalizer(uid: uid), extra: extra) }
}
