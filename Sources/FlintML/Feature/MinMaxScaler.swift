import FlintLinalg
import FlintSQL

/// Rescales each coordinate of a vector column to [min, max] (default [0, 1]), as spark.ml's
/// `MinMaxScaler`: (x − Eₘᵢₙ) / (Eₘₐₓ − Eₘᵢₙ) · (max − min) + min, and (max + min) / 2 for a
/// constant coordinate. Fitting is one pass over the column.
public final class MinMaxScaler: Estimator, @unchecked Sendable {
    /// `inputCol`.
    public let inputCol: Param<String>
    /// `outputCol`.
    public let outputCol: Param<String>
    /// `min` of the output range (default 0).
    public let min: Param<Double>
    /// `max` of the output range (default 1).
    public let max: Param<Double>

    /// A scaler with Spark's defaults.
    public override init(uid: String = Params.randomUID("minMaxScal")) {
        (inputCol, outputCol, min, max) = MinMaxScaler.params(uid)
        super.init(uid: uid)
        MinMaxScaler.setDefaults(self, outputCol, min, max)
    }

    static func params(_ uid: String) -> (Param<String>, Param<String>, Param<Double>, Param<Double>) {
        (SharedParams.inputCol(uid), SharedParams.outputCol(uid),
         Param(parent: uid, name: "min", doc: "lower bound of the output feature range"),
         Param(parent: uid, name: "max", doc: "upper bound of the output feature range"))
    }

    static func setDefaults(_ stage: Params, _ outputCol: Param<String>, _ min: Param<Double>, _ max: Param<Double>) {
        stage.setDefault(outputCol, "\(stage.uid)__output")
        stage.setDefault(min, 0)
        stage.setDefault(max, 1)
    }

    /// Sets `inputCol`.
    @discardableResult public func setInputCol(_ value: String) throws -> Self { try set(inputCol, value); return self }
    /// Sets `outputCol`.
    @discardableResult public func setOutputCol(_ value: String) throws -> Self { try set(outputCol, value); return self }
    /// Sets `min`.
    @discardableResult public func setMin(_ value: Double) throws -> Self { try set(min, value); return self }
    /// Sets `max`.
    @discardableResult public func setMax(_ value: Double) throws -> Self { try set(max, value); return self }

    public override func transformSchema(_ schema: StructType) throws -> StructType {
        guard value(min) < value(max) else {
            throw MLError.invalidParam("The specified min(\(value(min))) is larger or equal to max(\(value(max)))")
        }
        return try DatasetColumns.vectorToVector(schema, input: try getOrDefault(inputCol), output: value(outputCol))
    }

    public override func fit(_ dataset: DataFrame) throws -> MinMaxScalerModel {
        _ = try transformSchema(dataset.schema)
        let summary = try VectorSummary.of(dataset, column: try getOrDefault(inputCol))
        let model = copyValues(to: MinMaxScalerModel(uid: uid, originalMin: .dense(DenseVector(summary.minimum)),
                                                     originalMax: .dense(DenseVector(summary.maximum))))
        model.parent = self
        return model
    }

    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: MinMaxScaler(uid: uid), extra: extra) }
}

/// A fitted `MinMaxScaler`: the minimum and maximum of each coordinate seen when fitting.
public final class MinMaxScalerModel: Model, @unchecked Sendable {
    /// Each coordinate's minimum in the training data.
    public let originalMin: Vector
    /// Each coordinate's maximum in the training data.
    public let originalMax: Vector
    /// `inputCol`.
    public let inputCol: Param<String>
    /// `outputCol`.
    public let outputCol: Param<String>
    /// `min`.
    public let min: Param<Double>
    /// `max`.
    public let max: Param<Double>

    /// A model of these ranges.
    public init(uid: String, originalMin: Vector, originalMax: Vector) {
        self.originalMin = originalMin
        self.originalMax = originalMax
        (inputCol, outputCol, min, max) = MinMaxScaler.params(uid)
        super.init(uid: uid)
        MinMaxScaler.setDefaults(self, outputCol, min, max)
    }

    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try DatasetColumns.vectorToVector(schema, input: try getOrDefault(inputCol), output: value(outputCol))
    }

    /// The rescaled vector (dense). - Throws: `MLError.invalidData` for another size.
    public func rescale(_ vector: Vector) throws -> Vector {
        guard vector.size == originalMin.size else {
            throw MLError.invalidData("MinMaxScalerModel expects vectors of size \(originalMin.size), got \(vector.size)")
        }
        let low = value(min), high = value(max)
        let lows = originalMin.toArray(), highs = originalMax.toArray()
        return .dense(DenseVector(vector.toArray().enumerated().map { j, x in
            let range = highs[j] - lows[j]
            return range != 0 ? (x - lows[j]) / range * (high - low) + low : 0.5 * (high + low)
        }))
    }

    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let rescaled = RowFunction.column(dataset, name: "\(uid)_rescale", returnType: .vector, inputs: [col(try getOrDefault(inputCol))]) { [self] values in
            guard case let .vector(vector) = values[0] else { return .null }
            return .vector(try rescale(vector))
        }
        return try dataset.withColumn(value(outputCol), rescaled)
    }

    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: MinMaxScalerModel(uid: uid, originalMin: originalMin, originalMax: originalMax), extra: extra)
        copy.parent = parent
        return copy
    }
}
