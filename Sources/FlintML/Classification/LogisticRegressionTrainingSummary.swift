import FlintSQL

/// The training summary of a `LogisticRegressionModel`, as Spark's
/// `(Binary)LogisticRegressionTrainingSummary`: the predictions on the training data, the
/// objective history, accuracy and per-label and weighted precision / recall / F-measure (one
/// aggregation job builds the confusion matrix on first use), and for binomial models the ROC
/// and PR curves and their areas (100 bins, as Spark's summary).
public final class LogisticRegressionTrainingSummary: @unchecked Sendable {
    /// The training data with raw prediction, probability and prediction columns.
    public let predictions: DataFrame
    /// The objective (log-loss plus penalty) at the start and after each iteration.
    public let objectiveHistory: [Double]
    /// The label column's name.
    public let labelCol: String
    /// The prediction column's name.
    public let predictionCol: String
    /// The probability column's name.
    public let probabilityCol: String
    private let isBinary: Bool
    private let weightCol: String?
    private var confusion: MulticlassClassificationEvaluator.ConfusionMatrix?
    private var curves: BinaryCurves?

    init(predictions: DataFrame, model: LogisticRegressionModel, objectiveHistory: [Double], weightCol: String?) {
        self.predictions = predictions
        self.objectiveHistory = objectiveHistory
        labelCol = model.value(model.labelCol)
        predictionCol = model.value(model.predictionCol)
        probabilityCol = model.value(model.probabilityCol)
        isBinary = !model.isMultinomial
        self.weightCol = weightCol
    }

    /// The number of iterations.
    public var totalIterations: Int { max(objectiveHistory.count - 1, 0) }

    private func matrix() throws -> MulticlassClassificationEvaluator.ConfusionMatrix {
        if let confusion { return confusion }
        let built = try MulticlassClassificationEvaluator.ConfusionMatrix(predictions, labelCol: labelCol, predictionCol: predictionCol,
                                                                           weightCol: weightCol)
        confusion = built
        return built
    }

    /// The labels seen, in order.
    public var labels: [Double] { get throws { try matrix().labels } }
    /// The fraction of rows predicted right (weighted).
    public var accuracy: Double { get throws { try matrix().metric("accuracy", label: 0, beta: 1) } }
    /// Precision per label, in `labels` order.
    public var precisionByLabel: [Double] { get throws { let m = try matrix(); return m.labels.map(m.precision) } }
    /// Recall (true positive rate) per label.
    public var recallByLabel: [Double] { get throws { let m = try matrix(); return m.labels.map(m.recall) } }
    /// F1 per label.
    public var fMeasureByLabel: [Double] { get throws { let m = try matrix(); return m.labels.map { m.fMeasure($0, beta: 1) } } }
    /// False positive rate per label.
    public var falsePositiveRateByLabel: [Double] { get throws { let m = try matrix(); return m.labels.map(m.falsePositiveRate) } }
    /// Precision averaged over labels by frequency.
    public var weightedPrecision: Double { get throws { try matrix().metric("weightedPrecision", label: 0, beta: 1) } }
    /// Recall averaged over labels by frequency.
    public var weightedRecall: Double { get throws { try matrix().metric("weightedRecall", label: 0, beta: 1) } }
    /// F1 averaged over labels by frequency.
    public var weightedFMeasure: Double { get throws { try matrix().metric("weightedFMeasure", label: 0, beta: 1) } }

    private func binaryCurves() throws -> BinaryCurves {
        guard isBinary else { throw MLError.invalidParam("ROC and PR curves are for binomial models; this one is multinomial") }
        if let curves { return curves }
        let evaluator = try BinaryClassificationEvaluator().setRawPredictionCol(probabilityCol).setLabelCol(labelCol)
        if let weightCol { try evaluator.setWeightCol(weightCol) }
        let built = try BinaryCurves(try evaluator.scoreCounts(predictions), numBins: 100)
        curves = built
        return built
    }

    /// Area under the ROC curve (binomial).
    public var areaUnderROC: Double { get throws { try binaryCurves().areaUnderROC } }
    /// Area under the precision-recall curve (binomial).
    public var areaUnderPR: Double { get throws { try binaryCurves().areaUnderPR } }
    /// (false positive rate, true positive rate) points of the ROC curve (binomial).
    public var roc: [(fpr: Double, tpr: Double)] { get throws { try binaryCurves().roc.map { ($0.0, $0.1) } } }
    /// (recall, precision) points of the PR curve (binomial).
    public var pr: [(recall: Double, precision: Double)] { get throws { try binaryCurves().pr.map { ($0.0, $0.1) } } }
}
