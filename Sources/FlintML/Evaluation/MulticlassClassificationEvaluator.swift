import FlintSQL

/// Evaluates class predictions, as spark.ml's `MulticlassClassificationEvaluator`: `f1`
/// (default, weighted by label frequency), `accuracy`, `weightedPrecision`, `weightedRecall`,
/// `weightedTruePositiveRate`, `weightedFalsePositiveRate`, `weightedFMeasure` (with `beta`),
/// the per-label `precisionByLabel`, `recallByLabel`, `truePositiveRateByLabel`,
/// `falsePositiveRateByLabel`, `fMeasureByLabel` (for `metricLabel`) and `hammingLoss`.
/// One aggregation job builds the weighted confusion matrix (k² cells for k classes); the
/// metrics are computed from it, as Spark's `MulticlassMetrics`.
public final class MulticlassClassificationEvaluator: Evaluator, @unchecked Sendable {
    /// The metrics this evaluator knows.
    public static let metricNames = ["f1", "accuracy", "weightedPrecision", "weightedRecall", "weightedTruePositiveRate",
                                     "weightedFalsePositiveRate", "weightedFMeasure", "truePositiveRateByLabel",
                                     "falsePositiveRateByLabel", "precisionByLabel", "recallByLabel", "fMeasureByLabel",
                                     "hammingLoss", "logLoss"]

    /// `metricName` (default `f1`).
    public let metricName: Param<String>
    /// `metricLabel`: the class of the ...ByLabel metrics (default 0).
    public let metricLabel: Param<Double>
    /// `beta` of the F-measure (default 1).
    public let beta: Param<Double>
    /// `labelCol` (default `label`).
    public let labelCol: Param<String>
    /// `predictionCol` (default `prediction`).
    public let predictionCol: Param<String>
    /// `weightCol` (unset: weights 1).
    public let weightCol: Param<String>
    /// `probabilityCol` (default `probability`), for logLoss.
    public let probabilityCol: Param<String>
    /// `eps` (default 1e-15): probabilities are clipped to [eps, 1 − eps] in logLoss.
    public let eps: Param<Double>

    /// An evaluator with Spark's defaults.
    public override init(uid: String = Params.randomUID("mcEval")) {
        metricName = Param(parent: uid, name: "metricName", doc: "metric name in evaluation",
                           validator: .inArray(Self.metricNames))
        metricLabel = Param(parent: uid, name: "metricLabel",
                            doc: "The class whose metric will be computed in truePositiveRateByLabel|falsePositiveRateByLabel|precisionByLabel|recallByLabel|fMeasureByLabel. Must be >= 0.",
                            validator: .gtEq(0))
        beta = Param(parent: uid, name: "beta", doc: "The beta value, which controls precision vs recall weighting, used in weightedFMeasure|fMeasureByLabel. Must be > 0.",
                     validator: .gt(0))
        labelCol = SharedParams.labelCol(uid)
        predictionCol = SharedParams.predictionCol(uid)
        weightCol = SharedParams.weightCol(uid)
        probabilityCol = SharedParams.probabilityCol(uid)
        eps = Param(parent: uid, name: "eps", doc: "log-loss is undefined for p=0 or p=1, so probabilities are clipped to max(eps, min(1 - eps, p)).",
                    validator: .inRange(0, 0.5, lowerInclusive: false, upperInclusive: false))
        super.init(uid: uid)
        setDefault(probabilityCol, "probability")
        setDefault(eps, 1e-15)
        setDefault(metricName, "f1")
        setDefault(metricLabel, 0)
        setDefault(beta, 1)
        setDefault(labelCol, "label")
        setDefault(predictionCol, "prediction")
    }

    /// Sets `metricName`.
    @discardableResult public func setMetricName(_ value: String) throws -> Self { try set(metricName, value); return self }
    /// Sets `metricLabel`.
    @discardableResult public func setMetricLabel(_ value: Double) throws -> Self { try set(metricLabel, value); return self }
    /// Sets `beta`.
    @discardableResult public func setBeta(_ value: Double) throws -> Self { try set(beta, value); return self }
    /// Sets `labelCol`.
    @discardableResult public func setLabelCol(_ value: String) throws -> Self { try set(labelCol, value); return self }
    /// Sets `predictionCol`.
    @discardableResult public func setPredictionCol(_ value: String) throws -> Self { try set(predictionCol, value); return self }
    /// Sets `weightCol`.
    @discardableResult public func setWeightCol(_ value: String) throws -> Self { try set(weightCol, value); return self }

    /// Rates of false positives, the Hamming loss and the log-loss are better smaller.
    public override var isLargerBetter: Bool {
        !["weightedFalsePositiveRate", "falsePositiveRateByLabel", "hammingLoss", "logLoss"].contains(canonicalMetric)
    }

    /// Sets `probabilityCol`.
    @discardableResult public func setProbabilityCol(_ value: String) throws -> Self { try set(probabilityCol, value); return self }

    private var canonicalMetric: String {
        let name = value(metricName).lowercased()
        return Self.metricNames.first { $0.lowercased() == name } ?? name
    }

    public override func evaluate(_ dataset: DataFrame) throws -> Double {
        let weight = (try? getOrDefault(weightCol)).flatMap { $0.isEmpty ? nil : $0 }
        if canonicalMetric == "logLoss" { return try logLoss(dataset, weightCol: weight) }
        return try ConfusionMatrix(dataset, labelCol: value(labelCol), predictionCol: value(predictionCol), weightCol: weight)
            .metric(canonicalMetric, label: value(metricLabel), beta: value(beta))
    }

    /// −Σ w log p(label) / Σ w over the probability vectors, p clipped to [eps, 1 − eps] (one job).
    private func logLoss(_ dataset: DataFrame, weightCol: String?) throws -> Double {
        let label = try DatasetColumns.numeric(dataset, value(labelCol), role: "label")
        try DatasetColumns.requireVector(dataset.schema, value(probabilityCol), role: "probability")
        let weight = try weightCol.map { try DatasetColumns.numeric(dataset, $0, role: "weight") } ?? lit(1.0)
        let epsilon = value(eps)
        let p = callFunction("element_at", vector_to_array(col(value(probabilityCol))), (label + 1).cast("int"))
        let clipped = when(p < epsilon, epsilon).when(p > 1 - epsilon, 1 - epsilon).otherwise(p)
        let sums = try dataset.agg(sum(weight * callFunction("log", clipped)), sum(weight)).collect()[0]
        guard let total = sums[1].doubleValue, total > 0 else {
            throw MLError.invalidData("MulticlassClassificationEvaluator needs at least one row with a positive weight")
        }
        return -(sums[0].doubleValue ?? .nan) / total
    }

    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: MulticlassClassificationEvaluator(uid: uid), extra: extra) }

    /// The weighted counts of (label, prediction) pairs.
    struct ConfusionMatrix {
        /// Weight per (label, prediction).
        var cells: [Pair: Double] = [:]
        struct Pair: Hashable { let label: Double, prediction: Double }

        init(_ dataset: DataFrame, labelCol: String, predictionCol: String, weightCol: String?) throws {
            let label = try DatasetColumns.numeric(dataset, labelCol, role: "label")
            let prediction = try DatasetColumns.numeric(dataset, predictionCol, role: "prediction")
            let weight = try weightCol.map { try DatasetColumns.numeric(dataset, $0, role: "weight") } ?? lit(1.0)
            let rows = try dataset.select(label.alias("l"), prediction.alias("p"), weight.alias("w"))
                .groupBy("l", "p").agg(sum("w")).collect()
            for row in rows {
                guard let l = row[0].doubleValue, let p = row[1].doubleValue else {
                    throw MLError.invalidData("labels and predictions must not be null")
                }
                cells[Pair(label: l, prediction: p), default: 0] += row[2].doubleValue ?? 0
            }
            guard total > 0 else { throw MLError.invalidData("MulticlassClassificationEvaluator needs at least one row with a positive weight") }
        }

        var total: Double { cells.values.reduce(0, +) }
        /// The labels seen, as Spark's `labels` (from the label column only).
        var labels: [Double] { Set(cells.keys.map(\.label)).sorted() }
        func labelCount(_ label: Double) -> Double { cells.filter { $0.key.label == label }.values.reduce(0, +) }
        func truePositives(_ label: Double) -> Double { cells[Pair(label: label, prediction: label)] ?? 0 }
        func falsePositives(_ label: Double) -> Double {
            cells.filter { $0.key.prediction == label && $0.key.label != label }.values.reduce(0, +)
        }
        func precision(_ label: Double) -> Double {
            let predicted = truePositives(label) + falsePositives(label)
            return predicted == 0 ? 0 : truePositives(label) / predicted
        }
        func recall(_ label: Double) -> Double {
            let count = labelCount(label)
            return count == 0 ? 0 : truePositives(label) / count
        }
        func falsePositiveRate(_ label: Double) -> Double {
            let negatives = total - labelCount(label)
            return negatives == 0 ? 0 : falsePositives(label) / negatives
        }
        func fMeasure(_ label: Double, beta: Double) -> Double {
            let p = precision(label), r = recall(label), b2 = beta * beta
            return p + r == 0 ? 0 : (1 + b2) * p * r / (b2 * p + r)
        }
        /// `perLabel` averaged over the labels, weighted by their frequency.
        func weighted(_ perLabel: (Double) -> Double) -> Double {
            labels.reduce(0) { $0 + perLabel($1) * labelCount($1) } / total
        }

        func metric(_ name: String, label: Double, beta: Double) -> Double {
            switch name {
            case "accuracy": labels.reduce(0) { $0 + truePositives($1) } / total
            case "weightedPrecision": weighted(precision)
            case "weightedRecall", "weightedTruePositiveRate": weighted(recall)
            case "weightedFalsePositiveRate": weighted(falsePositiveRate)
            case "weightedFMeasure": weighted { fMeasure($0, beta: beta) }
            case "truePositiveRateByLabel", "recallByLabel": recall(label)
            case "falsePositiveRateByLabel": falsePositiveRate(label)
            case "precisionByLabel": precision(label)
            case "fMeasureByLabel": fMeasure(label, beta: beta)
            case "hammingLoss": cells.filter { $0.key.label != $0.key.prediction }.values.reduce(0, +) / total
            case "f1": weighted { fMeasure($0, beta: 1) }
            default: preconditionFailure("metricName's validator lets only known metrics through, got \(name)")
            }
        }
    }
}
