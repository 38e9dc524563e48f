import FlintSQL

/// The training summary of a `LinearRegressionModel`, as Spark's
/// `LinearRegressionTrainingSummary`: the predictions on the training data and their metrics
/// (computed by one aggregation job on first use), the objective history, and, for the normal
/// solver solved directly, the coefficients' standard errors, t-values and p-values.
public final class LinearRegressionTrainingSummary: @unchecked Sendable {
    /// The training data with the prediction column.
    public let predictions: DataFrame
    /// The label column's name.
    public let labelCol: String
    /// The prediction column's name.
    public let predictionCol: String
    /// The objective at the start and after every iteration ([0.0] for a direct solve).
    public let objectiveHistory: [Double]
    private let model: LinearRegressionModel
    private let diagInvAtWA: [Double]?
    private let fitIntercept: Bool
    private var cachedMetrics: [String: Double]?
    private var cachedCount: Int?

    init(predictions: DataFrame, model: LinearRegressionModel, objectiveHistory: [Double], diagInvAtWA: [Double]?) {
        self.predictions = predictions
        self.model = model
        labelCol = model.value(model.labelCol)
        predictionCol = model.value(model.predictionCol)
        self.objectiveHistory = objectiveHistory
        self.diagInvAtWA = diagInvAtWA
        fitIntercept = (model.parent as? LinearRegression).map { $0.value($0.fitIntercept) } ?? true
    }

    /// The number of iterations (0 for a direct solve).
    public var totalIterations: Int { max(objectiveHistory.count - 1, 0) }

    private var weightColumn: String? { (model.parent as? LinearRegression)?.weightColumn }

    private func metrics() throws -> [String: Double] {
        if let cachedMetrics { return cachedMetrics }
        let evaluator = try RegressionEvaluator().setLabelCol(labelCol).setPredictionCol(predictionCol).setThroughOrigin(!fitIntercept)
        if let weightColumn { try evaluator.setWeightCol(weightColumn) }
        let metrics = try evaluator.metrics(predictions)
        cachedMetrics = metrics
        return metrics
    }

    /// √(weighted mean squared error).
    public var rootMeanSquaredError: Double { get throws { try metrics()["rmse"]! } }
    /// Weighted mean squared error.
    public var meanSquaredError: Double { get throws { try metrics()["mse"]! } }
    /// Weighted mean absolute error.
    public var meanAbsoluteError: Double { get throws { try metrics()["mae"]! } }
    /// Coefficient of determination (about the origin without intercept, as Spark).
    public var r2: Double { get throws { try metrics()["r2"]! } }
    /// Explained variance, Σ w (ŷ − ȳ)² / Σ w.
    public var explainedVariance: Double { get throws { try metrics()["var"]! } }

    /// The number of training rows.
    public var numInstances: Int {
        get throws {
            if let cachedCount { return cachedCount }
            let count = try predictions.count()
            cachedCount = count
            return count
        }
    }

    /// Rows minus features minus the intercept.
    public var degreesOfFreedom: Int { get throws { try numInstances - model.numFeatures - (fitIntercept ? 1 : 0) } }

    /// r² adjusted for the number of features.
    public var r2adj: Double {
        get throws {
            let interceptDOF = fitIntercept ? 1 : 0
            return try 1 - (1 - r2) * Double(numInstances - interceptDOF) / Double(degreesOfFreedom)
        }
    }

    /// label − prediction, as a `residuals` column.
    public var residuals: DataFrame {
        get throws { try predictions.select((col(labelCol).cast("double") - col(predictionCol)).alias("residuals")) }
    }

    /// Standard errors of the coefficients, then of the intercept (normal solver, direct solve).
    /// - Throws: `MLError.invalidData` when they are not available (l-bfgs, L1).
    public var coefficientStandardErrors: [Double] {
        get throws {
            guard let diagInvAtWA else {
                throw MLError.invalidData("No Std. Error of coefficients available for this LinearRegressionModel: "
                                          + "they need solver normal without L1 regularization")
            }
            let sigma2 = try meanSquaredError * weightTotal() / Double(degreesOfFreedom)
            return diagInvAtWA.map { ($0 * sigma2).squareRoot() }
        }
    }

    /// The coefficients (then the intercept) over their standard errors.
    public var tValues: [Double] {
        get throws {
            let estimates = model.coefficients.toArray() + (fitIntercept ? [model.intercept] : [])
            return try zip(estimates, coefficientStandardErrors).map { $0 / $1 }
        }
    }

    /// Two-sided p-values of the t-values, with `degreesOfFreedom`.
    public var pValues: [Double] {
        get throws {
            let freedom = Double(try degreesOfFreedom)
            return try tValues.map { StudentsT.twoSidedPValue($0, degreesOfFreedom: freedom) }
        }
    }

    /// Σ w (the row count without weights), which turns the mean squared error into a sum.
    private func weightTotal() throws -> Double {
        guard let weightColumn else { return Double(try numInstances) }
        return try predictions.agg(sum(col(weightColumn).cast("double"))).collect()[0][0].doubleValue ?? 0
    }
}
