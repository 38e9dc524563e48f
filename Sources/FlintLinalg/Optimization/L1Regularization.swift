/// The L1 penalty of `OWLQN`: Σᵢ wᵢ |xᵢ|. Spark hands Breeze a function `index -> regParam` so that
/// the intercept (and, without standardization, each feature by its own scale) gets its own weight;
/// here that is `.perCoordinate`, with 0 for unpenalised coordinates.
public enum L1Regularization: Hashable, Sendable {
    /// The same weight λ ≥ 0 on every coordinate.
    case uniform(Double)
    /// One weight wᵢ ≥ 0 per coordinate, as many as the starting point has.
    case perCoordinate([Double])

    /// Throws `OptimizationError.invalidParameter` naming the first weight that is negative or not
    /// finite. O(weights).
    func validate() throws(OptimizationError) {
        switch self {
        case let .uniform(weight):
            try Self.validate(weight, name: "l1Regularization")
        case let .perCoordinate(weights):
            for (index, weight) in weights.enumerated() {
                try Self.validate(weight, name: "l1Regularization[\(index)]")
            }
        }
    }

    /// The weights for a point of `count` coordinates. O(count).
    /// - Throws: `OptimizationError.dimensionMismatch` if per-coordinate weights are not `count`.
    func weights(count: Int) throws(OptimizationError) -> [Double] {
        switch self {
        case let .uniform(weight):
            return [Double](repeating: weight, count: count)
        case let .perCoordinate(weights):
            guard weights.count == count else {
                throw .dimensionMismatch(what: "l1Regularization", expected: count, actual: weights.count)
            }
            return weights
        }
    }

    private static func validate(_ weight: Double, name: String) throws(OptimizationError) {
        guard weight >= 0, weight.isFinite else {
            throw .invalidParameter(name: name, value: weight.javaDescription, requirement: "must be finite and >= 0")
        }
    }
}
