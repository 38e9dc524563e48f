import FlintSQL

/// Evaluates regression predictions, as spark.ml's `RegressionEvaluator`: `rmse` (default),
/// `mse`, `r2`, `mae` or `var` (explained variance), weighted by `weightCol` when set. One
/// aggregation job over the predictions (weighted sums), not a collect.
public final class RegressionEvaluator: Evaluator, @unchecked Sendable {
    /// `metricName`: rmse, mse, r2, mae or var.
    public let metricName: Param<String>
    /// `labelCol` (default `label`).
    public let labelCol: Param<String>
    /// `predictionCol` (default `prediction`).
    public let predictionCol: Param<String>
    /// `weightCol` (unset: weights 1).
    public let weightCol: Param<String>
    /// `throughOrigin`: whether r2 is for a model fitted without intercept (SStot about 0).
    public let throughOrigin: Param<Bool>

    /// An evaluator with Spark's defaults.
    public override init(uid: String = Params.randomUID("regEval")) {
        metricName = Param(parent: uid, name: "metricName", doc: "metric name in evaluation (mse|rmse|r2|mae|var)",
                           validator: .inArray(["mse", "rmse", "r2", "mae", "var"]))
        labelCol = SharedParams.labelCol(uid)
        predictionCol = SharedParams.predictionCol(uid)
        weightCol = SharedParams.weightCol(uid)
        throughOrigin = Param(parent: uid, name: "throughOrigin", doc: "whether the regression is through the origin")
        super.init(uid: uid)
        setDefault(metricName, "rmse")
        setDefault(labelCol, "label")
        setDefault(predictionCol, "prediction")
        setDefault(throughOrigin, false)
    }

    /// Sets `metricName`.
    @discardableResult public func setMetricName(_ value: String) throws -> Self { try set(metricName, value); return self }
    /// Sets `labelCol`.
    @discardableResult public func setLabelCol(_ value: String) throws -> Self { try set(labelCol, value); return self }
    /// Sets `predictionCol`.
    @discardableResult public func setPredictionCol(_ value: String) throws -> Self { try set(predictionCol, value); return self }
    /// Sets `weightCol`.
    @discardableResult public func setWeightCol(_ value: String) throws -> Self { try set(weightCol, value); return self }
    /// Sets `throughOrigin`.
    @discardableResult public func setThroughOrigin(_ value: Bool) throws -> Self { try set(throughOrigin, value); return self }

    /// r2 and explained variance are better larger; the errors smaller.
    public override var isLargerBetter: Bool { ["r2", "var"].contains(value(metricName).lowercased()) }

    public override func evaluate(_ dataset: DataFrame) throws -> Double {
        try metrics(dataset)[value(metricName).lowercased()]!
    }

    /// Every metric of `dataset` at once (one job): `mse`, `rmse`, `r2`, `mae`, `var`.
    /// - Throws: `MLError.invalidColumn` for missing or non-numeric columns; `.invalidData`
    ///   when there is no row (or the weights sum to zero).
    public func metrics(_ dataset: DataFrame) throws -> [String: Double] {
        let y = try numericColumn(dataset, value(labelCol), role: "label")
        let prediction = try numericColumn(dataset, value(predictionCol), role: "prediction")
        let w = try weight(dataset, weightCol)
        let error = y - prediction
        let sums = try dataset.agg(sum(w), sum(w * y), sum(w * y * y), sum(w * error * error), sum(w * abs(error)),
                                   sum(w * prediction), sum(w * prediction * prediction), sum(w * w))
            .collect()[0].values.map { $0.doubleValue ?? 0 }
        let (weightSum, labelSum, labelSquares, squaredErrors, absoluteErrors, predictionSum, predictionSquares, weightSquares) =
            (sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7])
        guard weightSum > 0 else { throw MLError.invalidData("RegressionEvaluator needs at least one row with a positive weight") }
        let mean = labelSum / weightSum
        // Spark's SStot: the label's unbiased weighted variance times (Σw − 1), which is
        // Σ w (y − ȳ)² for unit weights.
        let variance = (labelSquares - weightSum * mean * mean) / (weightSum - weightSquares / weightSum)
        let totalSquares = value(throughOrigin) ? labelSquares : variance * (weightSum - 1)
        let regressionSquares = predictionSquares - 2 * mean * predictionSum + weightSum * mean * mean
        let mse = squaredErrors / weightSum
        return ["mse": mse, "rmse": mse.squareRoot(), "mae": absoluteErrors / weightSum,
                "r2": 1 - squaredErrors / totalSquares, "var": regressionSquares / weightSum]
    }

    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: RegressionEvaluator(uid: uid), extra: extra) }
}
