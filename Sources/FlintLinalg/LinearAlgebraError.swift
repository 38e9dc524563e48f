/// A problem with the data handed to a FlintLinalg operation: sizes that do not fit, malformed sparse
/// vectors or vector strings, and matrices that a solver cannot handle.
///
/// These are user-input problems (a row with the wrong number of features, a singular design matrix),
/// so they are thrown; misuse by the calling code (a negative stride, a too-short raw buffer) is a
/// precondition failure instead.
public enum LinearAlgebraError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `operation` needed a dimension of `expected` but was given `actual`.
    case dimensionMismatch(operation: String, expected: Int, actual: Int)
    /// A vector or matrix dimension that is negative.
    case negativeSize(Int)
    /// A sparse vector's `index`, at `position` in its index array, is outside `0..<size`.
    case indexOutOfBounds(index: Int, position: Int, size: Int)
    /// A sparse vector's `index`, at `position` in its index array, does not come strictly after the
    /// `previous` one (an equal index is a duplicate).
    case indicesNotIncreasing(index: Int, position: Int, previous: Int)
    /// `input` is not a vector in Spark's text form (`[1.0,2.0]` or `(3,[0,2],[1.0,3.0])`).
    case malformedVector(input: String, reason: String)
    /// A Cholesky factorisation failed: the leading minor of order `order` (1-based) is not positive,
    /// so the matrix is not symmetric positive definite.
    case notPositiveDefinite(order: Int)
    /// A triangular factor has an exact zero on its diagonal: column `column` (0-based) is a linear
    /// combination of the columns before it.
    case singular(column: Int)
    /// The matrix is invertible in exact arithmetic but its estimated reciprocal condition number is
    /// below `threshold`, so a solution would carry no correct digits.
    case illConditioned(reciprocalConditionNumber: Double, threshold: Double)

    /// A sentence naming the problem and the values involved. O(1) plus the length of the message.
    public var description: String {
        switch self {
        case let .dimensionMismatch(operation, expected, actual):
            return "dimension mismatch in \(operation): expected \(expected), got \(actual)"
        case let .negativeSize(size):
            return "size must be non-negative, got \(size)"
        case let .indexOutOfBounds(index, position, size):
            return "sparse vector index \(index) (at position \(position)) is out of bounds for size \(size)"
        case let .indicesNotIncreasing(index, position, previous) where index == previous:
            return "sparse vector has a duplicate index \(index) (at position \(position))"
        case let .indicesNotIncreasing(index, position, previous):
            return "sparse vector indices must be strictly increasing: index \(index) (at position "
                + "\(position)) follows \(previous)"
        case let .malformedVector(input, reason):
            return "cannot parse a vector from '\(input)': \(reason)"
        case let .notPositiveDefinite(order):
            return "matrix is not positive definite: the leading minor of order \(order) is not positive"
        case let .singular(column):
            return "matrix is singular: column \(column) is a linear combination of the columns before it"
        case let .illConditioned(rcond, threshold):
            return "matrix is ill-conditioned: estimated reciprocal condition number "
                + "\(rcond.javaDescription) is below \(threshold.javaDescription)"
        }
    }
}
