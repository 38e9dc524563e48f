import FlintLinalg
import FlintSQL

/// Standardizes a vector column, as spark.ml's `StandardScaler`: `withStd` (default true) divides
/// each coordinate by its unbiased standard deviation (0 for a constant coordinate),
/// `withMean` (default false) subtracts its mean first (the output is then dense). Fitting is
/// one pass over the column.
public final class StandardScaler: Estimator, @unchecked Sendable {
    /// `inputCol`.
    public let inputCol: Param<String>
    /// `outputCol`.
    public let outputCol: Param<String>
    /// `withMean` (default false).
    public let withMean: Param<Bool>
    /// `withStd` (default true).
    public let withStd: Param<Bool>

    /// A scaler with Spark's defaults.
    public override init(uid: String = Params.randomUID("stdScal")) {
        (inputCol, outputCol, withMean, withStd) = StandardScaler.params(uid)
        super.init(uid: uid)
        StandardScaler.setDefaults(self, outputCol, withMean, withStd)
    }

    static func params(_ uid: String) -> (Param<String>, Param<String>, Param<Bool>, Param<Bool>) {
        (SharedParams.inputCol(uid), SharedParams.outputCol(uid),
         Param(parent: uid, name: "withMean", doc: "Whether to center data with mean"),
         Param(parent: uid, name: "withStd", doc: "Whether to scale the data to unit standard deviation"))
    }

    static func setDefaults(_ stage: Params, _ outputCol: Param<String>, _ withMean: Param<Bool>, _ withStd: Param<Bool>) {
        stage.setDefault(outputCol, "\(stage.uid)__output")
        stage.setDefault(withMean, false)
        stage.setDefault(withStd, true)
    }

    /// Sets `inputCol`.
    @discardableResult public func setInputCol(_ value: String) throws -> Self { try set(inputCol, value); return self }
    /// Sets `outputCol`.
    @discardableResult public func setOutputCol(_ value: String) throws -> Self { try set(outputCol, value); return self }
    /// Sets `withMean`.
    @discardableResult public func setWithMean(_ value: Bool) throws -> Self { try set(withMean, value); return self }
    /// Sets `withStd`.
    @discardableResult public func setWithStd(_ value: Bool) throws -> Self { try set(withStd, value); return self }

    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try DatasetColumns.vectorToVector(schema, input: try getOrDefault(inputCol), output: value(outputCol))
    }

    public override func fit(_ dataset: DataFrame) throws -> StandardScalerModel {
        _ = try transformSchema(dataset.schema)
        let summary = try VectorSummary.of(dataset, column: try getOrDefault(inputCol))
        let model = copyValues(to: StandardScalerModel(uid: uid, mean: .dense(DenseVector(summary.mean)), std: .dense(DenseVector(summary.std))))
        model.parent = self
        return model
    }

    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: StandardScaler(uid: uid), extra: extra) }
}

/// A fitted `StandardScaler`: the means and standard deviations it applies.
public final class StandardScalerModel: Model, @unchecked Sendable {
    /// The mean of each coordinate.
    public let mean: Vector
    /// The unbiased standard deviation of each coordinate.
    public let std: Vector
    /// `inputCol`.
    public let inputCol: Param<String>
    /// `outputCol`.
    public let outputCol: Param<String>
    /// `withMean`.
    public let withMean: Param<Bool>
    /// `withStd`.
    public let withStd: Param<Bool>

    /// A model of these statistics.
    public init(uid: String, mean: Vector, std: Vector) {
        self.mean = mean
        self.std = std
        (inputCol, outputCol, withMean, withStd) = StandardScaler.params(uid)
        super.init(uid: uid)
        StandardScaler.setDefaults(self, outputCol, withMean, withStd)
    }

    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try DatasetColumns.vectorToVector(schema, input: try getOrDefault(inputCol), output: value(outputCol))
    }

    /// The scaled vector. - Throws: `MLError.invalidData` for a vector of another size.
    public func scale(_ vector: Vector) throws -> Vector {
        guard vector.size == mean.size else {
            throw MLError.invalidData("StandardScalerModel expects vectors of size \(mean.size), got \(vector.size)")
        }
        let factors = std.toArray().map { $0 == 0 ? 0 : 1 / $0 }
        let center = value(withMean), divide = value(withStd)
        if center {
            let means = mean.toArray()
            return .dense(DenseVector(vector.toArray().enumerated().map { j, x in (x - means[j]) * (divide ? factors[j] : 1) }))
        }
        guard divide else { return vector }
        switch vector {
        case let .dense(dense): return .dense(DenseVector(dense.values.enumerated().map { $1 * factors[$0] }))
        case let .sparse(sparse):
            return .sparse(try SparseVector(size: sparse.size, indices: sparse.indices,
                                            values: zip(sparse.indices, sparse.values).map { $1 * factors[$0] }))
        }
    }

    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let scaled = RowFunction.column(dataset, name: "\(uid)_scale", returnType: .vector, inputs: [col(try getOrDefault(inputCol))]) { [self] values in
            guard case let .vector(vector) = values[0] else { return .null }
            return .vector(try scale(vector))
        }
        return try dataset.withColumn(value(outputCol), scaled)
    }

    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: StandardScalerModel(uid: uid, mean: mean, std: std), extra: extra)
        copy.parent = parent
        return copy
    }
}
