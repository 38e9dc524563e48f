import FlintLinalg
import FlintSQL

/// The params of `MinMaxScaler` and `MinMaxScalerModel` (Spark's `MinMaxScalerParams`).
public protocol MinMaxScalerParams: HasInputCol, HasOutputCol {
    /// `min` (default 0): lower bound of the output range, shared by all coordinates.
    var min: Param<Double> { get }
    /// `max` (default 1): upper bound of the output range, shared by all coordinates.
    var max: Param<Double> { get }
}

extension MinMaxScalerParams {
    /// Sets `min`.
    @discardableResult public func setMin(_ value: Double) throws -> Self { try setting(min, value) }

    /// Sets `max`.
    @discardableResult public func setMax(_ value: Double) throws -> Self { try setting(max, value) }

    /// The input schema with the vector column `outputCol` added, after checking `min < max`
    /// (Spark's `validateAndTransformSchema`; the two bounds are checked together here because
    /// either may be set first).
    /// - Throws: `MLError.invalidParam` when `min >= max`; `MLError.invalidColumn` for a missing
    ///   or non-vector input, an existing output.
    func validateAndTransformSchema(_ schema: StructType) throws -> StructType {
        let low = value(min), high = value(max)
        guard low < high else {
            throw MLError.invalidParam("The specified min(\(Value.double(low))) is larger or equal to max(\(Value.double(high)))")
        }
        return try DatasetColumns.vectorToVector(schema, input: try getOrDefault(inputCol), output: value(outputCol))
    }

    /// The params of the stage of uid `uid`: `inputCol`, `outputCol`, `min`, `max`.
    static func minMaxScalerParams(_ uid: String) -> (Param<String>, Param<String>, Param<Double>, Param<Double>) {
        (SharedParams.inputCol(uid), SharedParams.outputCol(uid),
         Param(parent: uid, name: "min", doc: "lower bound of the output feature range"),
         Param(parent: uid, name: "max", doc: "upper bound of the output feature range"))
    }

    /// Spark's defaults: `min` 0, `max` 1, `outputCol` `<uid>__output`.
    func setMinMaxScalerDefaults() {
        setDefault(outputCol, "\(uid)__output")
        setDefault(min, 0)
        setDefault(max, 1)
    }
}

/// Rescales each coordinate of a vector column to [`min`, `max`] (default [0, 1]), as spark.ml's
/// `MinMaxScaler`: (x − Eₘᵢₙ) / (Eₘₐₓ − Eₘᵢₙ) · (max − min) + min, and (min + max) / 2 for a
/// coordinate that is constant in the training data; NaN stays NaN. Fitting is one distributed
/// pass (per-partition extremes merged by `treeAggregate`; NaN is never an extreme).
public final class MinMaxScaler: Estimator, MinMaxScalerParams, @unchecked Sendable {
    /// `inputCol`: the vector column to rescale.
    public let inputCol: Param<String>
    /// `outputCol` (default `<uid>__output`).
    public let outputCol: Param<String>
    /// `min` (default 0).
    public let min: Param<Double>
    /// `max` (default 1).
    public let max: Param<Double>

    /// A scaler with Spark's defaults.
    public override init(uid: String = Params.randomUID("minMaxScal")) {
        (inputCol, outputCol, min, max) = Self.minMaxScalerParams(uid)
        super.init(uid: uid)
        setMinMaxScalerDefaults()
    }

    /// The input schema with the output column(s) added, after checking the params and columns.
    public override func transformSchema(_ schema: StructType) throws -> StructType { try validateAndTransformSchema(schema) }

    /// The model of each coordinate's minimum and maximum (one job).
    /// - Throws: what `transformSchema` throws; `MLError.invalidData` for an input without
    ///   vectors or with vectors of different sizes.
    public override func fit(_ dataset: DataFrame) throws -> MinMaxScalerModel {
        _ = try transformSchema(dataset.schema)
        let summary = try VectorSummary.of(dataset, column: try getOrDefault(inputCol))
        let model = copyValues(to: MinMaxScalerModel(uid: uid, originalMin: Vectors.dense(summary.minimum).compressed,
                                                     originalMax: Vectors.dense(summary.maximum).compressed))
        model.parent = self
        return model
    }

    /// A copy with this stage's uid and values, `extra`'s values for it applied.
    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: MinMaxScaler(uid: uid), extra: extra) }
}

/// A fitted `MinMaxScaler`: the minimum and maximum of each coordinate seen when fitting.
public final class MinMaxScalerModel: Model, MinMaxScalerParams, @unchecked Sendable {
    /// Each coordinate's minimum in the training data.
    public let originalMin: Vector
    /// Each coordinate's maximum in the training data.
    public let originalMax: Vector
    /// `inputCol`: the vector column to rescale.
    public let inputCol: Param<String>
    /// `outputCol` (default `<uid>__output`).
    public let outputCol: Param<String>
    /// `min` (default 0).
    public let min: Param<Double>
    /// `max` (default 1).
    public let max: Param<Double>

    /// A model of these ranges (vectors of one size).
    public init(uid: String, originalMin: Vector, originalMax: Vector) {
        precondition(originalMin.size == originalMax.size, "MinMaxScalerModel: originalMin and originalMax of different sizes")
        self.originalMin = originalMin
        self.originalMax = originalMax
        (inputCol, outputCol, min, max) = Self.minMaxScalerParams(uid)
        super.init(uid: uid)
        setMinMaxScalerDefaults()
    }

    /// The input schema with the output column(s) added, after checking the params and columns.
    public override func transformSchema(_ schema: StructType) throws -> StructType { try validateAndTransformSchema(schema) }

    /// `dataset` with `outputCol` added: each vector rescaled, in Spark's compressed form (null
    /// for a null vector). Lazy.
    /// - Throws: what `transformSchema` throws; when the frame runs, `MLError.invalidData` for a
    ///   vector of another size than the model's.
    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let size = originalMin.size, lows = originalMin.toArray(), low = value(min), high = value(max)
        // A zero factor marks a constant coordinate, which maps to the middle of the range.
        let factors = zip(lows, originalMax.toArray()).map { $1 != $0 ? (high - low) / ($1 - $0) : 0 }
        let middle = (low + high) / 2
        return try RowFunction.mappingVectors(dataset, name: "\(uid)_rescale", from: try getOrDefault(inputCol), to: value(outputCol)) { vector in
            guard vector.size == size else {
                throw MLError.invalidData("MinMaxScalerModel: Number of features must be \(size) but got \(vector.size)")
            }
            var values = vector.toArray()
            for j in values.indices where !values[j].isNaN {
                values[j] = factors[j] != 0 ? (values[j] - lows[j]) * factors[j] + low : middle
            }
            return Vectors.dense(values).compressed
        }
    }

    /// A copy with this stage's uid and values, `extra`'s values for it applied.
    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: MinMaxScalerModel(uid: uid, originalMin: originalMin, originalMax: originalMax), extra: extra)
        copy.parent = parent
        return copy
    }
}
