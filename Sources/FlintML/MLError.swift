/// Errors of the ML library, with messages that name what was wrong.
public enum MLError: Error, Equatable, CustomStringConvertible {
    /// A param value outside its allowed range, or a param the stage does not have.
    case invalidParam(String)
    /// A column is missing or of the wrong type.
    case invalidColumn(String)
    /// The data cannot be used (empty, mismatched vector sizes, non-finite values, ...).
    case invalidData(String)

    public var description: String {
        switch self {
        case let .invalidParam(message), let .invalidColumn(message), let .invalidData(message): message
        }
    }
}
