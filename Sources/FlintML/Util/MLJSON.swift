import FlintSQL

/// A JSON value for results that ML programs print (models, metrics), numbers as Spark prints
/// them (NaN and infinities as strings, which JSON has no literal for).
public indirect enum MLJSON: Sendable {
    case number(Double)
    case integer(Int)
    case numbers([Double])
    case string(String)
    case array([MLJSON])
    case object([(String, MLJSON)])

    /// The JSON text, on one line.
    public var text: String {
        switch self {
        case let .number(value): JSONText.value(.double(value), type: .double)
        case let .integer(value): "\(value)"
        case let .numbers(values): "[" + values.map { JSONText.value(.double($0), type: .double) }.joined(separator: ",") + "]"
        case let .string(text): JSONText.quoted(text)
        case let .array(values): "[" + values.map(\.text).joined(separator: ",") + "]"
        case let .object(members): "{" + members.map { JSONText.quoted($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }
}
