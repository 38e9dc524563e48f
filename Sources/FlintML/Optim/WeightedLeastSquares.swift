import FlintLinalg

/// Least squares from the normal equations, as Spark's `WeightedLeastSquares` (LinearRegression's
/// "normal" solver): minimises
/// ½ Σ wᵢ (xᵢ·β + β₀ − yᵢ)² / Σ wᵢ + λ/δ (½ (1−α) Σ (σⱼβⱼ)² + α Σ |σⱼβⱼ|)
/// in the space where features are scaled by their population standard deviations σⱼ (when
/// `standardizeFeatures`) and the label by δ (when `standardizeLabel`). Without L1 it is one
/// Cholesky solve of the (d+1)² system; with L1 (or when the system is singular and the solver
/// is automatic) L-BFGS / OWL-QN on the normal equations, with no further pass over the data.
struct WeightedLeastSquares {
    enum Solver { case auto, cholesky, quasiNewton }

    let fitIntercept: Bool
    let regParam: Double
    let elasticNetParam: Double
    let standardizeFeatures: Bool
    let standardizeLabel: Bool
    let solver: Solver
    let maxIter: Int
    let tol: Double

    struct Solution {
        let coefficients: [Double]
        let intercept: Double
        /// The diagonal of (AᵀWA)⁻¹ in the original space (intercept last), for standard errors;
        /// nil when an iterative solver was used.
        let diagInvAtWA: [Double]?
        let objectiveHistory: [Double]
    }

    /// The solution for the sums of `summary`.
    /// - Throws: `MLError.invalidData` for an empty dataset, a zero weight sum, a regularised fit
    ///   of a constant label with standardization, or (Cholesky solver) a singular system.
    func fit(_ summary: NormalEquationSummary) throws -> Solution {
        guard summary.count > 0 else { throw MLError.invalidData("Training dataset is empty.") }
        guard summary.weightSum > 0 else { throw MLError.invalidData("Sum of weights cannot be zero.") }
        let d = summary.numFeatures
        let rawLabelStd = summary.labelStd, rawLabelMean = summary.labelMean
        if rawLabelStd == 0 {
            if fitIntercept || rawLabelMean == 0 {
                return Solution(coefficients: [Double](repeating: 0, count: d), intercept: rawLabelMean, diagInvAtWA: nil, objectiveHistory: [0])
            }
            guard !(regParam > 0 && standardizeLabel) else {
                throw MLError.invalidData("The standard deviation of the label is zero. Model cannot be regularized when labels are standardized.")
            }
        }
        // A constant label cannot be scaled by its deviation: use its magnitude (as Spark).
        let labelStd = rawLabelStd == 0 ? abs(rawLabelMean) : rawLabelStd
        let featureStds = summary.featureStds
        func scaled(_ value: Double, by std: Double) -> Double { std == 0 ? 0 : value / std }
        let labelMean = rawLabelMean / labelStd
        let labelSquareMean = summary.labelSquareSum / summary.weightSum / (labelStd * labelStd)
        let featureMeans = zip(summary.featureMeans, featureStds).map { scaled($0, by: $1) }
        let cross = (0..<d).map { scaled(summary.crossSum[$0] / summary.weightSum, by: featureStds[$0] * labelStd) }
        let k = fitIntercept ? d + 1 : d
        // AᵀWA / Σw in the scaled space, full k × k column-major, the intercept as the last column.
        var gram = [Double](repeating: 0, count: k * k)
        for j in 0..<d {
            for i in 0..<d {
                gram[j * k + i] = scaled(summary.gramSum[j * d + i] / summary.weightSum, by: featureStds[i] * featureStds[j])
            }
        }
        let effectiveRegParam = regParam / labelStd
        let l1 = elasticNetParam * effectiveRegParam, l2 = (1 - elasticNetParam) * effectiveRegParam
        for j in 0..<d {
            var lambda = l2
            if !standardizeFeatures { lambda = featureStds[j] != 0 ? lambda / (featureStds[j] * featureStds[j]) : 0 }
            if !standardizeLabel { lambda *= labelStd }
            gram[j * k + j] += lambda
        }
        var rhs = cross
        if fitIntercept {
            for j in 0..<d {
                gram[d * k + j] = featureMeans[j]
                gram[j * k + d] = featureMeans[j]
            }
            gram[d * k + d] = 1
            rhs.append(labelMean)
        }
        var x: [Double]
        var inverseDiagonal: [Double]?
        var history: [Double] = [0]
        let useQuasiNewton = solver == .quasiNewton || (solver == .auto && elasticNetParam != 0 && regParam != 0)
        let l1Weights = (0..<k).map { index -> Double in
            if fitIntercept && index == d { return 0 }
            return standardizeFeatures ? l1 : (featureStds[index] != 0 ? l1 / featureStds[index] : 0)
        }
        if useQuasiNewton {
            (x, history) = try quasiNewton(gram: gram, rhs: rhs, k: k, d: d, labelMean: labelMean, labelSquareMean: labelSquareMean,
                                           featureMeans: featureMeans, l1Weights: l1 != 0 ? l1Weights : nil)
        } else {
            do {
                let cholesky = try CholeskyDecomposition(DenseMatrix(numRows: k, numCols: k, values: gram))
                x = try cholesky.solve(rhs)
                let inverse = cholesky.inverse()
                inverseDiagonal = (0..<k).map { i in
                    let multiplier = fitIntercept && i == d ? 1 : featureStds[i] * featureStds[i]
                    return inverse[i * k + i] / (summary.weightSum * multiplier)
                }
            } catch {
                guard solver == .auto else {
                    throw MLError.invalidData("the normal equations cannot be solved by Cholesky: \(error). "
                                              + "Features may be collinear or constant; add regularization (regParam > 0) or use solver l-bfgs")
                }
                (x, history) = try quasiNewton(gram: gram, rhs: rhs, k: k, d: d, labelMean: labelMean, labelSquareMean: labelSquareMean,
                                               featureMeans: featureMeans, l1Weights: nil)
            }
        }
        let intercept = fitIntercept ? x[d] * labelStd : 0
        let coefficients = (0..<d).map { featureStds[$0] != 0 ? x[$0] * labelStd / featureStds[$0] : 0 }
        return Solution(coefficients: coefficients, intercept: intercept, diagInvAtWA: inverseDiagonal, objectiveHistory: history)
    }

    /// L-BFGS (or OWL-QN with `l1Weights`) on ½ bb − xᵀAᵀb + ½ xᵀAᵀAx, the intercept eliminated
    /// at every evaluation (β₀ = ȳ − Σ βⱼ x̄ⱼ), as Spark's `QuasiNewtonSolver`.
    private func quasiNewton(gram: [Double], rhs: [Double], k: Int, d: Int, labelMean: Double, labelSquareMean: Double,
                             featureMeans: [Double], l1Weights: [Double]?) throws -> ([Double], [Double]) {
        var initial = [Double](repeating: 0, count: k)
        if fitIntercept { initial[d] = labelMean }
        let minimizer: any FirstOrderMinimizer = if let l1Weights {
            try OWLQN(maxIterations: maxIter, historySize: 10, tolerance: tol, l1Regularization: .perCoordinate(l1Weights))
        } else {
            try LBFGS(maxIterations: maxIter, historySize: 10, tolerance: tol)
        }
        let result = try minimizer.minimize(from: initial) { point in
            var x = point
            if fitIntercept { x[d] = labelMean - zip(x.prefix(d), featureMeans).reduce(0) { $0 + $1.0 * $1.1 } }
            var product = [Double](repeating: 0, count: k)
            gram.withUnsafeBufferPointer { a in
                x.withUnsafeBufferPointer { v in
                    product.withUnsafeMutableBufferPointer { y in BLAS.gemv(m: k, n: k, alpha: 1, a: a, lda: k, x: v, beta: 0, y: y) }
                }
            }
            let loss = 0.5 * labelSquareMean - BLAS.dot(rhs, x) + 0.5 * BLAS.dot(x, product)
            return (loss, zip(product, rhs).map { $0 - $1 })
        }
        var x = result.x
        if fitIntercept { x[d] = labelMean - zip(x.prefix(d), featureMeans).reduce(0) { $0 + $1.0 * $1.1 } }
        return (x, result.objectiveHistory)
    }
}
