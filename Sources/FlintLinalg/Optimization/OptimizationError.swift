/// A problem with the parameters or the objective handed to `LBFGS` or `OWLQN`.
public enum OptimizationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The parameter `name` has `value`, which breaks `requirement` (for instance "must be >= 0").
    case invalidParameter(name: String, value: String, requirement: String)
    /// `what` has `actual` entries where the starting point has `expected`.
    case dimensionMismatch(what: String, expected: Int, actual: Int)
    /// The objective's value or gradient at the starting point is not finite (`value` is the value).
    case nonFiniteObjective(value: Double)

    /// A sentence naming the problem and the values involved. O(1) plus the length of the message.
    public var description: String {
        switch self {
        case let .invalidParameter(name, value, requirement):
            return "invalid \(name) = \(value): \(requirement)"
        case let .dimensionMismatch(what, expected, actual):
            return "\(what) has \(actual) entries, but the starting point has \(expected)"
        case let .nonFiniteObjective(value):
            return "the objective or its gradient is not finite at the starting point (value "
                + "\(value.javaDescription))"
        }
    }
}
