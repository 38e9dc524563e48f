/// Orthant-wise limited-memory quasi-Newton (Andrew & Gao 2007) for objectives f(x) + Σᵢ wᵢ |xᵢ| with
/// a smooth f, as Breeze's `OWLQN` that Spark uses for L1 and elastic-net regularisation. The caller
/// supplies f only; the penalty comes from `l1Regularization`.
///
/// Each iteration takes the L-BFGS direction of the pseudo-gradient, zeroes its penalised components
/// that disagree in sign with the steepest descent, and backtracks (Armijo condition on the projected
/// step) along it, projecting every trial point onto the orthant of the current one, which is how
/// coefficients become exactly zero. Unlike Breeze, coordinates whose weight is 0 (the intercept) are
/// neither projected nor sign-corrected: they move as in plain L-BFGS. Convergence follows Breeze on
/// the penalised objective (see `QuasiNewtonMinimizer`). Cost per iteration: one objective call per
/// backtracking trial plus O(historySize × n).
public struct OWLQN: FirstOrderMinimizer, Hashable {
    private let parameters: QuasiNewtonParameters
    /// The L1 weights.
    public let l1Regularization: L1Regularization

    /// The most iterations to take (0 returns the starting point).
    public var maxIterations: Int { parameters.maxIterations }
    /// The number m of correction pairs remembered.
    public var historySize: Int { parameters.historySize }
    /// The convergence tolerance on relative objective improvement and pseudo-gradient norm.
    public var tolerance: Double { parameters.tolerance }

    /// An OWL-QN minimizer; the defaults are Spark's (`maxIter` 100, m = 10, `tol` 10⁻⁶).
    /// - Throws: `OptimizationError.invalidParameter` if `maxIterations < 0`, `historySize <= 0`,
    ///   `tolerance` is negative or not finite, or an L1 weight is negative or not finite.
    public init(maxIterations: Int = 100, historySize: Int = 10, tolerance: Double = 1e-6,
                l1Regularization: L1Regularization) throws(OptimizationError) {
        parameters = try QuasiNewtonParameters(maxIterations: maxIterations, historySize: historySize,
                                               tolerance: tolerance)
        try l1Regularization.validate()
        self.l1Regularization = l1Regularization
    }

    /// Minimizes `function` + the L1 penalty from `initial`.
    /// - Throws: `OptimizationError.dimensionMismatch` for per-coordinate weights or a gradient of the
    ///   wrong size, `.nonFiniteObjective` for a non-finite start, and whatever `function` throws.
    public func minimize<F: DiffFunction>(_ function: F, from initial: [Double]) throws -> OptimizationResult {
        let variant = OrthantWiseVariant(weights: try l1Regularization.weights(count: initial.count))
        return try QuasiNewtonMinimizer(parameters: parameters, variant: variant).minimize(function, from: initial)
    }
}

/// OWL-QN: the L1 penalty, the orthant-constrained direction, the projected backtracking step.
private struct OrthantWiseVariant: QuasiNewtonVariant {
    let weights: [Double]
    private let sufficientDecrease = 1e-4
    private let maxBacktrackingSteps = 20

    /// Adds Σ wᵢ|xᵢ| to the value; the pseudo-gradient is the one-sided derivative that descends
    /// most, or 0 where neither side descends (at xᵢ = 0 with |∂ᵢf| ≤ wᵢ).
    func adjust(x: [Double], value: Double, gradient: [Double]) -> (value: Double, gradient: [Double]) {
        var penalisedValue = value
        var pseudoGradient = gradient
        for i in weights.indices where weights[i] != 0 {
            let weight = weights[i]
            penalisedValue += weight * abs(x[i])
            if x[i] != 0 {
                pseudoGradient[i] += signum(x[i]) * weight
            } else if gradient[i] - weight > 0 {
                pseudoGradient[i] = gradient[i] - weight
            } else if gradient[i] + weight < 0 {
                pseudoGradient[i] = gradient[i] + weight
            } else {
                pseudoGradient[i] = 0
            }
        }
        return (penalisedValue, pseudoGradient)
    }

    func direction(at point: IterationPoint, history: InverseHessianApproximation) -> [Double] {
        let pseudoGradient = point.adjustedGradient
        var direction = history.direction(for: pseudoGradient)
        for i in weights.indices where weights[i] != 0 && direction[i] * pseudoGradient[i] >= 0 {
            direction[i] = 0
        }
        // The correction can, rarely, leave no descent: fall back to steepest descent.
        if BLAS.dot(direction, pseudoGradient) >= 0 {
            direction = pseudoGradient.map { -$0 }
        }
        return direction
    }

    func step<F: DiffFunction>(from point: IterationPoint, along direction: [Double],
                               history: InverseHessianApproximation, function: F) throws -> IterationPoint {
        let pseudoGradient = point.adjustedGradient
        // Breeze's first iteration: a step of length 0.5 shrunk tenfold; later, 1 shrunk by half.
        var step = history.isEmpty ? 0.5 / BLAS.nrm2(pseudoGradient) : 1
        let shrink = history.isEmpty ? 0.1 : 0.5
        for _ in 0..<maxBacktrackingSteps {
            var x = point.x
            BLAS.axpy(step, direction, &x)
            for i in weights.indices where weights[i] != 0 {
                let orthant = point.x[i] != 0 ? signum(point.x[i]) : signum(-pseudoGradient[i])
                if signum(x[i]) != orthant { x[i] = 0 }
            }
            let trial = try evaluate(function, at: x)
            var predictedDecrease = 0.0
            for i in x.indices {
                predictedDecrease += pseudoGradient[i] * (x[i] - point.x[i])
            }
            if predictedDecrease < 0,
               trial.adjustedValue <= point.adjustedValue + sufficientDecrease * predictedDecrease {
                return trial
            }
            step *= shrink
        }
        throw LineSearchFailure()
    }

    private func signum(_ value: Double) -> Double {
        value > 0 ? 1 : (value < 0 ? -1 : 0)
    }
}
