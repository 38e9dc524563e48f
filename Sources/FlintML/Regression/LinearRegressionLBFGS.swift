import FlintCore
import FlintLinalg

/// LinearRegression's "l-bfgs" solver, as Spark's: one pass for the weighted means and unbiased
/// standard deviations, then L-BFGS (OWL-QN with L1) on `LeastSquaresCost` over the cached
/// blocks from zero coefficients; the result is mapped back to the original space, the
/// intercept in closed form.
struct LinearRegressionLBFGS {
    let estimator: LinearRegression
    let blocks: RDD<InstanceBlock>

    func train() throws -> TrainedLinearModel {
        let e = estimator
        let depth = e.value(e.aggregationDepth)
        try blocks.persist(.memoryAndDisk)
        defer { blocks.unpersist() }
        let moments = try WeightedMoments.compute(blocks, depth: depth)
        guard moments.weightSum > 0 else { throw MLError.invalidData("Sum of weights cannot be zero.") }
        let fitIntercept = e.value(e.fitIntercept), regParam = e.value(e.regParam)
        let elasticNet = e.value(e.elasticNetParam), standardization = e.value(e.standardization)
        let d = moments.featureSum.count
        let rawLabelStd = moments.labelStd, labelMean = moments.labelMean
        if rawLabelStd == 0 {
            if fitIntercept || labelMean == 0 {
                return TrainedLinearModel(coefficients: [Double](repeating: 0, count: d), intercept: fitIntercept ? labelMean : 0,
                                          objectiveHistory: [0], diagInvAtWA: nil)
            }
            guard regParam == 0 else { throw MLError.invalidData("The standard deviation of the label is zero. Model cannot be regularized.") }
        }
        // A constant label is not scaled (its magnitude stands in for its deviation), as Spark.
        let labelStd = rawLabelStd > 0 ? rawLabelStd : abs(labelMean)
        let featureStds = moments.featureStds, featureMeans = moments.featureMeans
        let effectiveRegParam = regParam / labelStd
        let l1 = elasticNet * effectiveRegParam, l2 = (1 - elasticNet) * effectiveRegParam
        let cost = LeastSquaresCost(blocks: blocks, featureStds: featureStds, featureMeans: featureMeans, labelMean: labelMean,
                                    labelStd: labelStd, fitIntercept: fitIntercept, l2: l2, standardization: standardization, depth: depth)
        let maxIter = e.value(e.maxIter), tol = e.value(e.tol)
        let minimizer: any FirstOrderMinimizer = l1 == 0
            ? try LBFGS(maxIterations: maxIter, historySize: 10, tolerance: tol)
            : try OWLQN(maxIterations: maxIter, historySize: 10, tolerance: tol,
                        l1Regularization: .perCoordinate(featureStds.map { standardization ? l1 : ($0 != 0 ? l1 / $0 : 0) }))
        let result = try minimizer.minimize(cost, from: [Double](repeating: 0, count: d))
        let coefficients = (0..<d).map { featureStds[$0] != 0 ? result.x[$0] * labelStd / featureStds[$0] : 0 }
        let intercept = fitIntercept ? labelMean - zip(coefficients, featureMeans).reduce(0) { $0 + $1.0 * $1.1 } : 0
        return TrainedLinearModel(coefficients: coefficients, intercept: intercept, objectiveHistory: result.objectiveHistory, diagInvAtWA: nil)
    }
}
