import FlintLinalg
import FlintSQL

/// The params of `StandardScaler` and `StandardScalerModel` (Spark's `StandardScalerParams`).
public protocol StandardScalerParams: HasInputCol, HasOutputCol {
    /// `withMean` (default false): center each coordinate on its mean (the output is then dense).
    var withMean: Param<Bool> { get }
    /// `withStd` (default true): divide each coordinate by its standard deviation.
    var withStd: Param<Bool> { get }
}

extension StandardScalerParams {
    /// Sets `withMean`.
    @discardableResult public func setWithMean(_ value: Bool) throws -> Self { try setting(withMean, value) }

    /// Sets `withStd`.
    @discardableResult public func setWithStd(_ value: Bool) throws -> Self { try setting(withStd, value) }

    /// The input schema with the vector column `outputCol` added (Spark's
    /// `validateAndTransformSchema`, what both stages' `transformSchema` return).
    /// - Throws: `MLError.invalidColumn` for a missing or non-vector input, an existing output.
    func validateAndTransformSchema(_ schema: StructType) throws -> StructType {
        try DatasetColumns.vectorToVector(schema, input: try getOrDefault(inputCol), output: value(outputCol))
    }

    /// The params of the stage of uid `uid`: `inputCol`, `outputCol`, `withMean`, `withStd`.
    static func standardScalerParams(_ uid: String) -> (Param<String>, Param<String>, Param<Bool>, Param<Bool>) {
        (SharedParams.inputCol(uid), SharedParams.outputCol(uid),
         Param(parent: uid, name: "withMean", doc: "Whether to center data with mean"),
         Param(parent: uid, name: "withStd", doc: "Whether to scale the data to unit standard deviation"))
    }

    /// Spark's defaults: `withMean` false, `withStd` true, `outputCol` `<uid>__output`.
    func setStandardScalerDefaults() {
        setDefault(outputCol, "\(uid)__output")
        setDefault(withMean, false)
        setDefault(withStd, true)
    }
}

/// Standardizes each coordinate of a vector column, as spark.ml's `StandardScaler`: with
/// `withStd` (default true) it divides by the coordinate's unbiased (n − 1) standard deviation
/// (a constant coordinate becomes 0), with `withMean` (default false) it subtracts the mean first.
/// Fitting is one distributed pass (per-partition sums merged by `treeAggregate`).
public final class StandardScaler: Estimator, StandardScalerParams, @unchecked Sendable {
    /// `inputCol`: the vector column to standardize.
    public let inputCol: Param<String>
    /// `outputCol` (default `<uid>__output`).
    public let outputCol: Param<String>
    /// `withMean` (default false).
    public let withMean: Param<Bool>
    /// `withStd` (default true).
    public let withStd: Param<Bool>

    /// A scaler with Spark's defaults.
    public override init(uid: String = Params.randomUID("stdScal")) {
        (inputCol, outputCol, withMean, withStd) = Self.standardScalerParams(uid)
        super.init(uid: uid)
        setStandardScalerDefaults()
    }

    /// The input schema with the output column(s) added, after checking the params and columns.
    public override func transformSchema(_ schema: StructType) throws -> StructType { try validateAndTransformSchema(schema) }

    /// The model of the column's means and unbiased standard deviations (one job).
    /// - Throws: `MLError.invalidColumn` for a bad input or output column, `.invalidData` for an
    ///   input without vectors or with vectors of different sizes.
    public override func fit(_ dataset: DataFrame) throws -> StandardScalerModel {
        _ = try transformSchema(dataset.schema)
        let summary = try VectorSummary.of(dataset, column: try getOrDefault(inputCol))
        let model = copyValues(to: StandardScalerModel(uid: uid, mean: Vectors.dense(summary.mean).compressed,
                                                       std: Vectors.dense(summary.std).compressed))
        model.parent = self
        return model
    }

    /// A copy with this stage's uid and values, `extra`'s values for it applied.
    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: StandardScaler(uid: uid), extra: extra) }
}

/// A fitted `StandardScaler`: the means and standard deviations it applies.
public final class StandardScalerModel: Model, StandardScalerParams, @unchecked Sendable {
    /// The mean of each coordinate in the training data.
    public let mean: Vector
    /// The unbiased standard deviation of each coordinate in the training data.
    public let std: Vector
    /// `inputCol`: the vector column to standardize.
    public let inputCol: Param<String>
    /// `outputCol` (default `<uid>__output`).
    public let outputCol: Param<String>
    /// `withMean` (default false).
    public let withMean: Param<Bool>
    /// `withStd` (default true).
    public let withStd: Param<Bool>

    /// A model of these statistics (vectors of one size).
    public init(uid: String, mean: Vector, std: Vector) {
        precondition(mean.size == std.size, "StandardScalerModel: mean and std of different sizes")
        self.mean = mean
        self.std = std
        (inputCol, outputCol, withMean, withStd) = Self.standardScalerParams(uid)
        super.init(uid: uid)
        setStandardScalerDefaults()
    }

    /// The input schema with the output column(s) added, after checking the params and columns.
    public override func transformSchema(_ schema: StructType) throws -> StructType { try validateAndTransformSchema(schema) }

    /// `dataset` with `outputCol` added: each vector standardized (null for a null vector). Lazy.
    /// - Throws: `MLError.invalidColumn` for a bad input or output column; when the frame runs,
    ///   `MLError.invalidData` for a vector of another size than the model's.
    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let scale = scaling()
        return try RowFunction.mappingVectors(dataset, name: "\(uid)_scale", from: try getOrDefault(inputCol), to: value(outputCol), scale)
    }

    /// The function applied to each vector, as Spark's: centering makes the output dense;
    /// scaling alone keeps a sparse vector sparse; neither returns the vector itself.
    private func scaling() -> @Sendable (Vector) throws -> Vector {
        let size = mean.size, shift = mean.toArray()
        let factors = std.toArray().map { $0 == 0 ? 0 : 1 / $0 }
        let center = value(withMean), divide = value(withStd)
        return { vector in
            guard vector.size == size else {
                throw MLError.invalidData("StandardScalerModel: Number of features must be \(size) but got \(vector.size)")
            }
            switch (center, divide, vector) {
            case (false, false, _):
                return vector
            case (true, _, _):
                var values = vector.toArray()
                for j in values.indices { values[j] = (values[j] - shift[j]) * (divide ? factors[j] : 1) }
                return .dense(DenseVector(values))
            case let (false, true, .dense(dense)):
                return .dense(DenseVector(dense.values.enumerated().map { $1 * factors[$0] }))
            case let (false, true, .sparse(sparse)):
                return .sparse(try SparseVector(size: size, indices: sparse.indices,
                                                values: zip(sparse.indices, sparse.values).map { $1 * factors[$0] }))
            }
        }
    }

    /// A copy with this stage's uid and values, `extra`'s values for it applied.
    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: StandardScalerModel(uid: uid, mean: mean, std: std), extra: extra)
        copy.parent = parent
        return copy
    }
}
