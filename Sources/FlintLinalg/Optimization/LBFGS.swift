/// Limited-memory BFGS (Liu & Nocedal 1989) with a strong Wolfe line search, as Breeze's `LBFGS`
/// that Spark's `LinearRegression`, `LogisticRegression` and `AFTSurvivalRegression` use, with
/// Breeze's convergence rules (see `QuasiNewtonMinimizer`).
///
/// Each iteration costs one objective call per line-search trial (usually one or two) plus
/// O(historySize × n) vector work.
public struct LBFGS: FirstOrderMinimizer, Hashable {
    private let parameters: QuasiNewtonParameters

    /// The most iterations to take (0 returns the starting point).
    public var maxIterations: Int { parameters.maxIterations }
    /// The number m of correction pairs remembered.
    public var historySize: Int { parameters.historySize }
    /// The convergence tolerance on relative objective improvement and gradient norm.
    public var tolerance: Double { parameters.tolerance }

    /// An L-BFGS minimizer; the defaults are Spark's (`maxIter` 100, m = 10, `tol` 10⁻⁶).
    /// - Throws: `OptimizationError.invalidParameter` if `maxIterations < 0`, `historySize <= 0` or
    ///   `tolerance` is negative or not finite.
    public init(maxIterations: Int = 100, historySize: Int = 10, tolerance: Double = 1e-6) throws(OptimizationError) {
        parameters = try QuasiNewtonParameters(maxIterations: maxIterations, historySize: historySize,
                                               tolerance: tolerance)
    }

    /// Minimizes `function` from `initial`.
    /// - Throws: `OptimizationError.dimensionMismatch` for a gradient of the wrong size,
    ///   `.nonFiniteObjective` for a non-finite start, and whatever `function` throws.
    public func minimize<F: DiffFunction>(_ function: F, from initial: [Double]) throws -> OptimizationResult {
        try QuasiNewtonMinimizer(parameters: parameters, variant: SmoothVariant()).minimize(function, from: initial)
    }
}

/// Plain L-BFGS: no penalty, the quasi-Newton direction, a strong Wolfe step.
private struct SmoothVariant: QuasiNewtonVariant {
    func adjust(x: [Double], value: Double, gradient: [Double]) -> (value: Double, gradient: [Double]) {
        (value, gradient)
    }

    func direction(at point: IterationPoint, history: InverseHessianApproximation) -> [Double] {
        history.direction(for: point.gradient)
    }

    func step<F: DiffFunction>(from point: IterationPoint, along direction: [Double],
                               history: InverseHessianApproximation, function: F) throws -> IterationPoint {
        let origin = StrongWolfeLineSearch.Trial(step: 0, value: point.value,
                                                 derivative: BLAS.dot(point.gradient, direction), point: point)
        // Without curvature pairs the direction is −∇f, whose length says nothing about the step.
        let initialStep = history.isEmpty ? 1 / BLAS.nrm2(direction) : 1
        let accepted = try StrongWolfeLineSearch().search(from: origin, initialStep: initialStep) { step in
            var x = point.x
            BLAS.axpy(step, direction, &x)
            let trial = try evaluate(function, at: x)
            return StrongWolfeLineSearch.Trial(step: step, value: trial.value,
                                               derivative: BLAS.dot(trial.gradient, direction), point: trial)
        }
        // Breeze's StepSizeUnderflow: a step too short to move is a failed search.
        guard accepted.step * BLAS.nrm2(point.gradient) >= 1e-10 else { throw LineSearchFailure() }
        return accepted.point
    }
}
