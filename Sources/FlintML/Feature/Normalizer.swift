import FlintLinalg
import FlintSQL

/// Scales each vector of a column to unit p-norm, as spark.ml's `Normalizer`: `p` ≥ 1 (default
/// 2; `.infinity` for the maximum norm). A zero vector is returned as it is; a sparse vector
/// stays sparse.
public final class Normalizer: Transformer, HasInputCol, HasOutputCol, @unchecked Sendable {
    /// `inputCol`: the vector column to normalize.
    public let inputCol: Param<String>
    /// `outputCol` (default `<uid>__output`).
    public let outputCol: Param<String>
    /// `p`: the norm (default 2, at least 1).
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

    /// Sets `p`.
    /// - Throws: `MLError.invalidParam` for p < 1.
    @discardableResult public func setP(_ value: Double) throws -> Self { try setting(p, value) }

    /// The input schema with the vector column `outputCol` added.
    /// - Throws: `MLError.invalidColumn` for a missing or non-vector input, an existing output.
    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try DatasetColumns.vectorToVector(schema, input: try getOrDefault(inputCol), output: value(outputCol))
    }

    /// `dataset` with `outputCol` added: each vector divided by its p-norm (null for a null
    /// vector). Lazy.
    /// - Throws: what `transformSchema` throws.
    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let power = value(p)
        return try RowFunction.mappingVectors(dataset, name: "\(uid)_normalize", from: try getOrDefault(inputCol), to: value(outputCol)) { vector in
            let norm = vector.norm(power)
            guard norm != 0 else { return vector }
            switch vector {
            case let .dense(dense):
                return .dense(DenseVector(dense.values.map { $0 / norm }))
            case let .sparse(sparse):
                return .sparse(try SparseVector(size: sparse.size, indices: sparse.indices, values: sparse.values.map { $0 / norm }))
            }
        }
    }

    /// A copy with this stage's uid and values, `extra`'s values for it applied.
    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: Normalizer(uid: uid), extra: extra) }
}
