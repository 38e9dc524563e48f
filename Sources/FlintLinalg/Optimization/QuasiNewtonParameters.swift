/// The parameters L-BFGS and OWL-QN share, validated once.
struct QuasiNewtonParameters: Hashable, Sendable {
    /// Breeze's `fvalMemory`: function-value convergence compares against the last 20 values.
    static let functionValueMemory = 20

    let maxIterations: Int
    let historySize: Int
    let tolerance: Double

    /// - Throws: `OptimizationError.invalidParameter` naming the first invalid parameter.
    init(maxIterations: Int, historySize: Int, tolerance: Double) throws(OptimizationError) {
        guard maxIterations >= 0 else {
            throw .invalidParameter(name: "maxIterations", value: "\(maxIterations)", requirement: "must be >= 0")
        }
        guard historySize > 0 else {
            throw .invalidParameter(name: "historySize", value: "\(historySize)", requirement: "must be > 0")
        }
        guard tolerance >= 0, tolerance.isFinite else {
            throw .invalidParameter(name: "tolerance", value: tolerance.javaDescription,
                                    requirement: "must be finite and >= 0")
        }
        self.maxIterations = maxIterations
        self.historySize = historySize
        self.tolerance = tolerance
    }
}
