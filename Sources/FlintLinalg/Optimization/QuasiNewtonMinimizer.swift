/// A point of a quasi-Newton iteration with everything evaluated there. The adjusted value and
/// gradient include a penalty (OWL-QN's L1 term and pseudo-gradient); they equal the plain ones for
/// L-BFGS. Convergence and the objective history use the adjusted ones, the curvature history the
/// plain ones (the penalty is handled by the orthant projection, not the Hessian approximation).
struct IterationPoint {
    let x: [Double]
    let value: Double
    let gradient: [Double]
    let adjustedValue: Double
    let adjustedGradient: [Double]
}

/// A line search found no acceptable step (Breeze's `FirstOrderException`).
struct LineSearchFailure: Error {}

/// What distinguishes L-BFGS from OWL-QN: the penalty, the direction and the line search.
protocol QuasiNewtonVariant {
    /// The penalised value and (pseudo-)gradient at `x`.
    func adjust(x: [Double], value: Double, gradient: [Double]) -> (value: Double, gradient: [Double])

    /// The search direction at `point`.
    func direction(at point: IterationPoint, history: InverseHessianApproximation) -> [Double]

    /// The next point along `direction`, evaluated.
    /// - Throws: `LineSearchFailure`, or what `function` throws.
    func step<F: DiffFunction>(from point: IterationPoint, along direction: [Double],
                               history: InverseHessianApproximation, function: F) throws -> IterationPoint
}

extension QuasiNewtonVariant {
    /// Calls `function` at `x` and adjusts the result. One objective call plus O(n).
    func evaluate<F: DiffFunction>(_ function: F, at x: [Double]) throws -> IterationPoint {
        let (value, gradient) = try function.calculate(x)
        guard gradient.count == x.count else {
            throw OptimizationError.dimensionMismatch(what: "the gradient", expected: x.count, actual: gradient.count)
        }
        let adjusted = adjust(x: x, value: value, gradient: gradient)
        return IterationPoint(x: x, value: value, gradient: gradient, adjustedValue: adjusted.value,
                              adjustedGradient: adjusted.gradient)
    }
}

/// Breeze's `FirstOrderMinimizer` loop with its default convergence check, which Spark's
/// `LinearRegression` and `LogisticRegression` rely on. Stops at the first of:
/// - `maxIterations` iterations taken;
/// - function values converged: |f(xₖ) − max of the last 20 values (xₖ's included)| ≤
///   tolerance × |f(x₀)|, which cannot happen before 20 iterations;
/// - gradient converged: ‖∇f(xₖ)‖₂ ≤ max(tolerance × |f(xₖ)|, 10⁻⁸), checked at x₀ too;
/// - search failed: a line search failed, the history was reset, and the next one failed as well.
struct QuasiNewtonMinimizer<Variant: QuasiNewtonVariant> {
    let parameters: QuasiNewtonParameters
    let variant: Variant

    func minimize<F: DiffFunction>(_ function: F, from initial: [Double]) throws -> OptimizationResult {
        var point = try variant.evaluate(function, at: initial)
        guard point.adjustedValue.isFinite, point.adjustedGradient.allSatisfy(\.isFinite) else {
            throw OptimizationError.nonFiniteObjective(value: point.adjustedValue)
        }
        let initialValue = point.adjustedValue
        var history = InverseHessianApproximation(capacity: parameters.historySize)
        var objectiveHistory = [initialValue]
        // Breeze seeds the window with +∞, so that no comparison succeeds until it has filled up.
        var recentValues = [Double.infinity]
        var failedOnce = false
        var searchFailed = false

        while true {
            let reason = convergenceReason(at: point, iterations: objectiveHistory.count - 1,
                                           recentValues: recentValues, initialValue: initialValue,
                                           searchFailed: searchFailed)
            if let reason {
                return OptimizationResult(x: point.x, value: point.adjustedValue, gradient: point.adjustedGradient,
                                          objectiveHistory: objectiveHistory,
                                          iterations: objectiveHistory.count - 1, convergenceReason: reason)
            }
            let next: IterationPoint
            do {
                let direction = variant.direction(at: point, history: history)
                next = try variant.step(from: point, along: direction, history: history, function: function)
            } catch is LineSearchFailure {
                searchFailed = failedOnce
                failedOnce = true
                history = InverseHessianApproximation(capacity: parameters.historySize)
                continue
            }
            failedOnce = false
            history.update(step: zip(next.x, point.x).map { $0 - $1 },
                           gradientChange: zip(next.gradient, point.gradient).map { $0 - $1 })
            point = next
            objectiveHistory.append(point.adjustedValue)
            recentValues.append(point.adjustedValue)
            if recentValues.count > QuasiNewtonParameters.functionValueMemory {
                recentValues.removeFirst()
            }
        }
    }

    private func convergenceReason(at point: IterationPoint, iterations: Int, recentValues: [Double],
                                   initialValue: Double, searchFailed: Bool) -> ConvergenceReason? {
        let tolerance = parameters.tolerance
        if iterations >= parameters.maxIterations {
            return .maxIterations
        }
        if recentValues.count >= 2,
           abs(point.adjustedValue - recentValues.max()!) <= tolerance * abs(initialValue) {
            return .functionValuesConverged
        }
        if BLAS.nrm2(point.adjustedGradient) <= max(tolerance * abs(point.adjustedValue), 1e-8) {
            return .gradientConverged
        }
        return searchFailed ? .searchFailed : nil
    }
}
