import FlintLinalg
import FlintSQL

/// A fitted linear regression: `prediction = coefficients · features + intercept`, as spark.ml's
/// `LinearRegressionModel`. `transform` adds the prediction column (one dot product per row).
public final class LinearRegressionModel: Model, @unchecked Sendable {
    /// The coefficients, one per feature.
    public let coefficients: Vector
    /// The intercept (0 without `fitIntercept`).
    public let intercept: Double
    /// `featuresCol` (default `features`).
    public let featuresCol: Param<String>
    /// `predictionCol` (default `prediction`).
    public let predictionCol: Param<String>
    /// `labelCol` (default `label`), for the summary.
    public let labelCol: Param<String>
    /// The training summary, when the model was fitted in this process.
    public internal(set) var summary: LinearRegressionTrainingSummary?

    /// A model with these coefficients.
    public init(uid: String, coefficients: Vector, intercept: Double) {
        self.coefficients = coefficients
        self.intercept = intercept
        featuresCol = SharedParams.featuresCol(uid)
        predictionCol = SharedParams.predictionCol(uid)
        labelCol = SharedParams.labelCol(uid)
        super.init(uid: uid)
        setDefault(featuresCol, "features")
        setDefault(predictionCol, "prediction")
        setDefault(labelCol, "label")
    }

    /// The number of features the model takes.
    public var numFeatures: Int { coefficients.size }

    /// Whether a training summary is available.
    public var hasSummary: Bool { summary != nil }

    /// The prediction for one feature vector.
    /// - Throws: `MLError.invalidData` when its size is not `numFeatures`.
    public func predict(_ features: Vector) throws -> Double {
        guard features.size == numFeatures else {
            throw MLError.invalidData("the model has \(numFeatures) features but the vector has \(features.size)")
        }
        return (try? features.dot(coefficients)).map { $0 + intercept } ?? .nan
    }

    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try DatasetColumns.requireVector(schema, value(featuresCol))
        try DatasetColumns.requireAbsent(schema, value(predictionCol))
        return schema.adding(value(predictionCol), .double)
    }

    /// Adds the prediction column; a vector of the wrong size fails the job with a clear error.
    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let predict = RowFunction.column(dataset, name: "\(uid)_predict", returnType: .double, inputs: [col(value(featuresCol))]) { [coefficients, intercept] arguments in
            guard case let .vector(features) = arguments[0] else { return .null }
            guard features.size == coefficients.size else {
                throw MLError.invalidData("the model has \(coefficients.size) features but the vector has \(features.size)")
            }
            return .double(try features.dot(coefficients) + intercept)
        }
        return try dataset.withColumn(value(predictionCol), predict)
    }

    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: LinearRegressionModel(uid: uid, coefficients: coefficients, intercept: intercept), extra: extra)
        copy.parent = parent
        copy.summary = summary
        return copy
    }
}
