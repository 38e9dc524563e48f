/// A minimizer of a differentiable objective from a starting point (Breeze's `FirstOrderMinimizer`):
/// `LBFGS`, or `OWLQN` for L1-penalised objectives. FlintML picks one per fit, so a value of
/// `any FirstOrderMinimizer` is fine there: the objective itself is a concrete generic argument.
public protocol FirstOrderMinimizer: Sendable {
    /// Minimizes `function` from `initial`. Each iteration costs one or more calls of `function`
    /// (one per line-search trial) plus O(historySize × n).
    /// - Throws: `OptimizationError` for a gradient of the wrong size or a non-finite start, and
    ///   whatever `function` throws.
    func minimize<F: DiffFunction>(_ function: F, from initial: [Double]) throws -> OptimizationResult
}

extension FirstOrderMinimizer {
    /// Minimizes the objective that `function` computes (value and gradient at x) from `initial`.
    /// - Throws: as `minimize(_:from:)`.
    public func minimize(from initial: [Double],
                         _ function: ([Double]) throws -> (value: Double, gradient: [Double])) throws -> OptimizationResult {
        try withoutActuallyEscaping(function) { body in
            try minimize(ClosureDiffFunction(body: body), from: initial)
        }
    }
}
