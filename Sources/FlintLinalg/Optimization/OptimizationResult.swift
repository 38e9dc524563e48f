/// Why a first-order minimization stopped (Breeze's convergence reasons).
public enum ConvergenceReason: String, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The iteration count reached `maxIterations`.
    case maxIterations
    /// The objective improved by at most `tolerance × |f(x₀)|` over the last 20 iterations.
    case functionValuesConverged
    /// The gradient norm fell to `max(tolerance × |f(x)|, 1e-8)`.
    case gradientConverged
    /// The line search failed twice in a row (once more after the curvature history was reset).
    case searchFailed

    /// Breeze's wording ("max iterations reached", "function values converged", …). O(1).
    public var description: String {
        switch self {
        case .maxIterations: return "max iterations reached"
        case .functionValuesConverged: return "function values converged"
        case .gradientConverged: return "gradient converged"
        case .searchFailed: return "line search failed"
        }
    }
}

/// The outcome of `LBFGS` or `OWLQN`: the last point and what led there.
public struct OptimizationResult: Hashable, Sendable {
    /// The minimizer found.
    public let x: [Double]
    /// The objective at `x`, L1 penalty included for OWL-QN.
    public let value: Double
    /// The gradient at `x` (OWL-QN: the pseudo-gradient of the penalised objective).
    public let gradient: [Double]
    /// The objective at the starting point and after every iteration (Spark's
    /// `summary.objectiveHistory`): `iterations + 1` values, non-increasing.
    public let objectiveHistory: [Double]
    /// The number of iterations (accepted steps) taken.
    public let iterations: Int
    /// Why the minimization stopped.
    public let convergenceReason: ConvergenceReason
}
