import FlintCore
import FlintLinalg
import Foundation

/// The optimisation of `LogisticRegression.fit`, as Spark's `LogisticRegression.train`: the
/// starting point from the class histogram, L-BFGS or OWL-QN on `LogisticCost`, then the
/// coefficients mapped back to the original space (and centered across classes for an
/// unregularised multinomial fit, as Spark and glmnet do).
struct LogisticRegressionTraining {
    let estimator: LogisticRegression
    let blocks: RDD<InstanceBlock>
    let moments: WeightedMoments
    let multinomial: Bool

    struct Result {
        /// K × d (K = 1 for binomial).
        let coefficientMatrix: DenseMatrix
        let intercepts: [Double]
        let objectiveHistory: [Double]
    }

    func train() throws -> Result {
        let e = estimator
        let histogram = moments.labelHistogram
        let d = moments.featureSum.count
        let k = multinomial ? histogram.count : 1
        let fitIntercept = e.value(e.fitIntercept)
        if fitIntercept, histogram.filter({ $0 != 0 }).count == 1 {
            // Every label is the same class: the intercept alone predicts it with certainty.
            let constant = histogram.indices.max { histogram[$0] < histogram[$1] }!
            let intercepts = multinomial ? (0..<k).map { $0 == constant ? Double.infinity : 0 }
                                         : [histogram.count == 2 ? Double.infinity : -Double.infinity]
            return Result(coefficientMatrix: try DenseMatrix(numRows: k, numCols: d, values: [Double](repeating: 0, count: k * d)),
                          intercepts: intercepts, objectiveHistory: [0])
        }
        let stds = moments.featureStds, means = moments.featureMeans
        let regParam = e.value(e.regParam), elasticNet = e.value(e.elasticNetParam), standardization = e.value(e.standardization)
        let l1 = elasticNet * regParam, l2 = (1 - elasticNet) * regParam
        let cost = LogisticCost(blocks: blocks, numClasses: histogram.count, multinomial: multinomial, featureStds: stds, featureMeans: means,
                                fitIntercept: fitIntercept, l2: l2, standardization: standardization, depth: e.value(e.aggregationDepth))
        var initial = [Double](repeating: 0, count: (fitIntercept ? d + 1 : d) * k)
        if fitIntercept {
            if multinomial {
                let logs = histogram.map { log1p($0) }
                let mean = logs.reduce(0, +) / Double(k)
                for c in 0..<k { initial[d * k + c] = logs[c] - mean }
            } else {
                initial[d] = log(histogram[1] / histogram[0])
            }
        }
        let maxIter = e.value(e.maxIter), tol = e.value(e.tol)
        let minimizer: any FirstOrderMinimizer
        if elasticNet == 0 || regParam == 0 {
            minimizer = try LBFGS(maxIterations: maxIter, historySize: 10, tolerance: tol)
        } else {
            let weights = initial.indices.map { index -> Double in
                if fitIntercept && index >= d * k { return 0 }
                let std = stds[index / k]
                return standardization ? l1 : (std != 0 ? l1 / std : 0)
            }
            minimizer = try OWLQN(maxIterations: maxIter, historySize: 10, tolerance: tol, l1Regularization: .perCoordinate(weights))
        }
        let result = try minimizer.minimize(cost, from: initial)
        var coefficients = [Double](repeating: 0, count: k * d)   // K × d, column-major
        var intercepts = [Double](repeating: 0, count: k)
        for c in 0..<k {
            if fitIntercept { intercepts[c] = result.x[d * k + c] }
            for j in 0..<d where stds[j] != 0 {
                let beta = result.x[j * k + c]
                coefficients[j * k + c] = beta / stds[j]
                // The fit was on centered features: move the centering into the intercept.
                if fitIntercept { intercepts[c] -= beta * means[j] / stds[j] }
            }
        }
        if multinomial && regParam == 0 {
            for j in 0..<d {
                let center = (0..<k).reduce(0) { $0 + coefficients[j * k + $1] } / Double(k)
                for c in 0..<k { coefficients[j * k + c] -= center }
            }
        }
        if multinomial && fitIntercept {
            let mean = intercepts.reduce(0, +) / Double(k)
            intercepts = intercepts.map { $0 - mean }
        }
        return Result(coefficientMatrix: try DenseMatrix(numRows: k, numCols: d, values: coefficients),
                      intercepts: intercepts, objectiveHistory: result.objectiveHistory)
    }
}
