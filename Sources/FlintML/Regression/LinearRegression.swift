import FlintCore
import FlintLinalg
import FlintSQL

/// Linear regression, as spark.ml's `LinearRegression` (squared error loss): ridge, lasso and
/// elastic net by `regParam` and `elasticNetParam`, `fitIntercept`, `standardization`,
/// `weightCol`. Solvers: "normal" (one pass for the weighted sums, then a Cholesky solve, or
/// OWL-QN on the normal equations with L1), "l-bfgs" (the blocks cached, one pass per
/// objective evaluation), and "auto" (normal up to 4096 features). The data is read as blocks of
/// rows and aggregated with `treeAggregate`; nothing is collected to the driver.
public final class LinearRegression: Estimator, @unchecked Sendable {
    /// `featuresCol` (default `features`).
    public let featuresCol: Param<String>
    /// `labelCol` (default `label`).
    public let labelCol: Param<String>
    /// `predictionCol` (default `prediction`).
    public let predictionCol: Param<String>
    /// `weightCol` (unset: every weight is 1).
    public let weightCol: Param<String>
    /// `maxIter` (default 100).
    public let maxIter: Param<Int>
    /// `regParam` λ (default 0).
    public let regParam: Param<Double>
    /// `elasticNetParam` α in [0, 1] (default 0: L2).
    public let elasticNetParam: Param<Double>
    /// `tol` (default 1e-6).
    public let tol: Param<Double>
    /// `fitIntercept` (default true).
    public let fitIntercept: Param<Bool>
    /// `standardization` (default true): regularise the standardized coefficients.
    public let standardization: Param<Bool>
    /// `solver`: auto, normal or l-bfgs.
    public let solver: Param<String>
    /// `aggregationDepth` (default 2, >= 2).
    public let aggregationDepth: Param<Int>
    /// `loss`: squaredError (Spark's huber is not available).
    public let loss: Param<String>

    /// The most features the normal solver takes (Spark's `WeightedLeastSquares.MAX_NUM_FEATURES`).
    public static let maxNormalFeatures = 4096

    /// An estimator with Spark's defaults.
    public override init(uid: String = Params.randomUID("linReg")) {
        featuresCol = SharedParams.featuresCol(uid)
        labelCol = SharedParams.labelCol(uid)
        predictionCol = SharedParams.predictionCol(uid)
        weightCol = SharedParams.weightCol(uid)
        maxIter = SharedParams.maxIter(uid)
        regParam = SharedParams.regParam(uid)
        elasticNetParam = SharedParams.elasticNetParam(uid)
        tol = SharedParams.tol(uid)
        fitIntercept = SharedParams.fitIntercept(uid)
        standardization = SharedParams.standardization(uid)
        solver = Param(parent: uid, name: "solver", doc: "The solver algorithm for optimization. Supported options: auto, normal, l-bfgs. (Default auto)",
                       validator: .inArray(["auto", "normal", "l-bfgs"]))
        aggregationDepth = SharedParams.aggregationDepth(uid)
        loss = Param(parent: uid, name: "loss", doc: "The loss function to be optimized. Supported options: squaredError. (Default squaredError)",
                     validator: .inArray(["squaredError"]))
        super.init(uid: uid)
        setDefault(featuresCol, "features")
        setDefault(labelCol, "label")
        setDefault(predictionCol, "prediction")
        setDefault(maxIter, 100)
        setDefault(regParam, 0)
        setDefault(elasticNetParam, 0)
        setDefault(tol, 1e-6)
        setDefault(fitIntercept, true)
        setDefault(standardization, true)
        setDefault(solver, "auto")
        setDefault(aggregationDepth, 2)
        setDefault(loss, "squaredError")
    }

    /// Sets `featuresCol`.
    @discardableResult public func setFeaturesCol(_ value: String) throws -> Self { try set(featuresCol, value); return self }
    /// Sets `labelCol`.
    @discardableResult public func setLabelCol(_ value: String) throws -> Self { try set(labelCol, value); return self }
    /// Sets `predictionCol`.
    @discardableResult public func setPredictionCol(_ value: String) throws -> Self { try set(predictionCol, value); return self }
    /// Sets `weightCol`.
    @discardableResult public func setWeightCol(_ value: String) throws -> Self { try set(weightCol, value); return self }
    /// Sets `maxIter`.
    @discardableResult public func setMaxIter(_ value: Int) throws -> Self { try set(maxIter, value); return self }
    /// Sets `regParam`.
    @discardableResult public func setRegParam(_ value: Double) throws -> Self { try set(regParam, value); return self }
    /// Sets `elasticNetParam`.
    @discardableResult public func setElasticNetParam(_ value: Double) throws -> Self { try set(elasticNetParam, value); return self }
    /// Sets `tol`.
    @discardableResult public func setTol(_ value: Double) throws -> Self { try set(tol, value); return self }
    /// Sets `fitIntercept`.
    @discardableResult public func setFitIntercept(_ value: Bool) throws -> Self { try set(fitIntercept, value); return self }
    /// Sets `standardization`.
    @discardableResult public func setStandardization(_ value: Bool) throws -> Self { try set(standardization, value); return self }
    /// Sets `solver`.
    @discardableResult public func setSolver(_ value: String) throws -> Self { try set(solver, value); return self }
    /// Sets `aggregationDepth`.
    @discardableResult public func setAggregationDepth(_ value: Int) throws -> Self { try set(aggregationDepth, value); return self }

    /// Checks the label, features and weight columns; adds the prediction column.
    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try DatasetColumns.requireNumeric(schema, value(labelCol), role: "label")
        try DatasetColumns.requireVector(schema, value(featuresCol))
        if let weight = weightColumn { try DatasetColumns.requireNumeric(schema, weight, role: "weight") }
        try DatasetColumns.requireAbsent(schema, value(predictionCol))
        return schema.adding(value(predictionCol), .double)
    }

    var weightColumn: String? { (try? getOrDefault(weightCol)).flatMap { $0.isEmpty ? nil : $0 } }

    /// Fits the model (runs one pass, or one per L-BFGS evaluation).
    /// - Throws: `MLError` for bad columns or data (null or non-finite values, negative weights,
    ///   vectors of different sizes, an empty dataset, an unsolvable normal system with
    ///   solver normal); what the jobs throw.
    public override func fit(_ dataset: DataFrame) throws -> LinearRegressionModel {
        _ = try transformSchema(dataset.schema)
        let blocks = try InstanceBlock.blocks(dataset, labelCol: value(labelCol), featuresCol: value(featuresCol), weightCol: weightColumn)
        let solverName = value(solver).lowercased()
        let solution: TrainedLinearModel
        if solverName == "normal" || solverName == "auto" {
            var summary = try blocks.treeAggregate(NormalEquationSummary(), depth: value(aggregationDepth))
            if let mismatch = summary.mismatch { throw MLError.invalidData(mismatch) }
            if solverName == "auto" && summary.numFeatures > Self.maxNormalFeatures {
                summary = NormalEquationSummary()
                solution = try LinearRegressionLBFGS(estimator: self, blocks: blocks).train()
            } else {
                if summary.numFeatures > Self.maxNormalFeatures {
                    throw MLError.invalidParam("solver normal takes at most \(Self.maxNormalFeatures) features, got \(summary.numFeatures); use solver l-bfgs")
                }
                let wls = WeightedLeastSquares(fitIntercept: value(fitIntercept), regParam: value(regParam),
                                               elasticNetParam: value(elasticNetParam), standardizeFeatures: value(standardization),
                                               standardizeLabel: true, solver: .auto, maxIter: max(value(maxIter), 1), tol: value(tol))
                let fitted = try wls.fit(summary)
                solution = TrainedLinearModel(coefficients: fitted.coefficients, intercept: fitted.intercept,
                                              objectiveHistory: fitted.objectiveHistory, diagInvAtWA: fitted.diagInvAtWA)
            }
        } else {
            solution = try LinearRegressionLBFGS(estimator: self, blocks: blocks).train()
        }
        let model = copyValues(to: LinearRegressionModel(uid: uid, coefficients: .dense(DenseVector(solution.coefficients)),
                                                         intercept: solution.intercept))
        model.parent = self
        model.summary = LinearRegressionTrainingSummary(predictions: try model.transform(dataset), model: model,
                                                        objectiveHistory: solution.objectiveHistory, diagInvAtWA: solution.diagInvAtWA)
        return model
    }

    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: LinearRegression(uid: uid), extra: extra) }
}

/// What a solver returns: coefficients and intercept in the original space, the objective per
/// iteration, and the diagonal of (AᵀWA)⁻¹ when the normal equations were solved directly.
struct TrainedLinearModel {
    let coefficients: [Double]
    let intercept: Double
    let objectiveHistory: [Double]
    let diagInvAtWA: [Double]?
}
