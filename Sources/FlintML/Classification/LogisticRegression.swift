import FlintCore
import FlintLinalg
import FlintSQL
import Foundation

/// Logistic regression, as spark.ml's `LogisticRegression`: binomial (sigmoid) or multinomial
/// (softmax) by `family` (auto: multinomial beyond two classes), L2 / L1 / elastic net by
/// `regParam` and `elasticNetParam`, `standardization`, `fitIntercept`, `weightCol`; fitted by
/// L-BFGS (OWL-QN with L1) on the standardized, centered problem over cached blocks of rows,
/// one `treeAggregate` per objective evaluation. Labels are class indices 0, 1, ..., K−1.
public final class LogisticRegression: Estimator, @unchecked Sendable {
    /// `featuresCol` (default `features`).
    public let featuresCol: Param<String>
    /// `labelCol` (default `label`).
    public let labelCol: Param<String>
    /// `predictionCol` (default `prediction`).
    public let predictionCol: Param<String>
    /// `probabilityCol` (default `probability`).
    public let probabilityCol: Param<String>
    /// `rawPredictionCol` (default `rawPrediction`).
    public let rawPredictionCol: Param<String>
    /// `weightCol` (unset: every weight is 1).
    public let weightCol: Param<String>
    /// `maxIter` (default 100).
    public let maxIter: Param<Int>
    /// `regParam` λ (default 0).
    public let regParam: Param<Double>
    /// `elasticNetParam` α in [0, 1] (default 0).
    public let elasticNetParam: Param<Double>
    /// `tol` (default 1e-6).
    public let tol: Param<Double>
    /// `fitIntercept` (default true).
    public let fitIntercept: Param<Bool>
    /// `standardization` (default true).
    public let standardization: Param<Bool>
    /// `family`: auto, binomial or multinomial.
    public let family: Param<String>
    /// `threshold` for binomial predictions (default 0.5).
    public let threshold: Param<Double>
    /// `thresholds`, one per class: the prediction is the class with the largest p/t.
    public let thresholds: Param<[Double]>
    /// `aggregationDepth` (default 2).
    public let aggregationDepth: Param<Int>

    /// An estimator with Spark's defaults.
    public override init(uid: String = Params.randomUID("logreg")) {
        featuresCol = SharedParams.featuresCol(uid)
        labelCol = SharedParams.labelCol(uid)
        predictionCol = SharedParams.predictionCol(uid)
        probabilityCol = SharedParams.probabilityCol(uid)
        rawPredictionCol = SharedParams.rawPredictionCol(uid)
        weightCol = SharedParams.weightCol(uid)
        maxIter = SharedParams.maxIter(uid)
        regParam = SharedParams.regParam(uid)
        elasticNetParam = SharedParams.elasticNetParam(uid)
        tol = SharedParams.tol(uid)
        fitIntercept = SharedParams.fitIntercept(uid)
        standardization = SharedParams.standardization(uid)
        family = Param(parent: uid, name: "family",
                       doc: "The name of family which is a description of the label distribution to be used in the model. Supported options: auto, binomial, multinomial.",
                       validator: .inArray(["auto", "binomial", "multinomial"]))
        threshold = Param(parent: uid, name: "threshold", doc: "threshold in binary classification prediction, in range [0, 1]",
                          validator: .inRange(0, 1))
        thresholds = Param(parent: uid, name: "thresholds",
                           doc: "Thresholds in multi-class classification to adjust the probability of predicting each class. Array must have length equal to the number of classes, with values > 0 excepting that at most one value may be 0.",
                           validator: .everyElement(.gtEq(0)))
        aggregationDepth = SharedParams.aggregationDepth(uid)
        super.init(uid: uid)
        setDefault(featuresCol, "features")
        setDefault(labelCol, "label")
        setDefault(predictionCol, "prediction")
        setDefault(probabilityCol, "probability")
        setDefault(rawPredictionCol, "rawPrediction")
        setDefault(maxIter, 100)
        setDefault(regParam, 0)
        setDefault(elasticNetParam, 0)
        setDefault(tol, 1e-6)
        setDefault(fitIntercept, true)
        setDefault(standardization, true)
        setDefault(family, "auto")
        setDefault(threshold, 0.5)
        setDefault(aggregationDepth, 2)
    }

    /// Sets `regParam`.
    @discardableResult public func setRegParam(_ value: Double) throws -> Self { try set(regParam, value); return self }
    /// Sets `elasticNetParam`.
    @discardableResult public func setElasticNetParam(_ value: Double) throws -> Self { try set(elasticNetParam, value); return self }
    /// Sets `maxIter`.
    @discardableResult public func setMaxIter(_ value: Int) throws -> Self { try set(maxIter, value); return self }
    /// Sets `tol`.
    @discardableResult public func setTol(_ value: Double) throws -> Self { try set(tol, value); return self }
    /// Sets `fitIntercept`.
    @discardableResult public func setFitIntercept(_ value: Bool) throws -> Self { try set(fitIntercept, value); return self }
    /// Sets `standardization`.
    @discardableResult public func setStandardization(_ value: Bool) throws -> Self { try set(standardization, value); return self }
    /// Sets `family`.
    @discardableResult public func setFamily(_ value: String) throws -> Self { try set(family, value); return self }
    /// Sets `threshold`.
    @discardableResult public func setThreshold(_ value: Double) throws -> Self { try set(threshold, value); return self }
    /// Sets `thresholds`.
    @discardableResult public func setThresholds(_ value: [Double]) throws -> Self { try set(thresholds, value); return self }
    /// Sets `weightCol`.
    @discardableResult public func setWeightCol(_ value: String) throws -> Self { try set(weightCol, value); return self }
    /// Sets `labelCol`.
    @discardableResult public func setLabelCol(_ value: String) throws -> Self { try set(labelCol, value); return self }
    /// Sets `featuresCol`.
    @discardableResult public func setFeaturesCol(_ value: String) throws -> Self { try set(featuresCol, value); return self }

    var weightColumn: String? { (try? getOrDefault(weightCol)).flatMap { $0.isEmpty ? nil : $0 } }

    /// Checks the input columns; adds rawPrediction, probability and prediction.
    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try DatasetColumns.requireNumeric(schema, value(labelCol), role: "label")
        try DatasetColumns.requireVector(schema, value(featuresCol))
        if let weight = weightColumn { try DatasetColumns.requireNumeric(schema, weight, role: "weight") }
        for output in [rawPredictionCol, probabilityCol, predictionCol] { try DatasetColumns.requireAbsent(schema, value(output)) }
        return schema.adding(value(rawPredictionCol), .vector).adding(value(probabilityCol), .vector).adding(value(predictionCol), .double)
    }

    /// Fits the model: one pass for the class histogram and feature moments, then one per
    /// objective evaluation.
    /// - Throws: `MLError` for bad columns, labels that are not class indices, a binomial
    ///   family with more than two classes, thresholds of the wrong length, null or non-finite
    ///   values; what the jobs throw.
    public override func fit(_ dataset: DataFrame) throws -> LogisticRegressionModel {
        _ = try transformSchema(dataset.schema)
        let blocks = try InstanceBlock.blocks(dataset, labelCol: value(labelCol), featuresCol: value(featuresCol), weightCol: weightColumn)
        try blocks.persist(.memoryAndDisk)
        defer { blocks.unpersist() }
        let moments = try WeightedMoments.compute(blocks, countsClasses: true, depth: value(aggregationDepth))
        let histogram = moments.labelHistogram
        let numClasses = histogram.count
        guard moments.invalidLabels == 0 else {
            throw MLError.invalidData("Classification labels should be in [0 to \(numClasses - 1)]. Found \(moments.invalidLabels) invalid labels.")
        }
        let familyName = value(family).lowercased()
        if familyName == "binomial", numClasses > 2 {
            throw MLError.invalidData("Binomial family only supports 1 or 2 outcome classes but found \(numClasses).")
        }
        let multinomial = familyName == "multinomial" || (familyName == "auto" && numClasses > 2)
        if let given = try? getOrDefault(thresholds), given.count != numClasses {
            throw MLError.invalidParam("LogisticRegression.fit() called with non-matching numClasses and thresholds.length. "
                                       + "numClasses=\(numClasses), but thresholds has length \(given.count)")
        }
        let trained = try LogisticRegressionTraining(estimator: self, blocks: blocks, moments: moments, multinomial: multinomial).train()
        let model = copyValues(to: LogisticRegressionModel(uid: uid, coefficientMatrix: trained.coefficientMatrix,
                                                           interceptVector: trained.intercepts, numClasses: max(numClasses, 2),
                                                           isMultinomial: multinomial))
        model.parent = self
        model.summary = LogisticRegressionTrainingSummary(predictions: try model.transform(dataset), model: model,
                                                          objectiveHistory: trained.objectiveHistory, weightCol: weightColumn)
        return model
    }

    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: LogisticRegression(uid: uid), extra: extra) }
}
