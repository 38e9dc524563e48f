/// Why a value could not be serialised or deserialised; byte positions are offsets into the
/// reader's underlying array.
public enum SerializationError: Error, CustomStringConvertible, Equatable {
    /// The input ended early: `needed` bytes were required at `at`, only `available` remain.
    case truncated(needed: Int, available: Int, at: Int)
    /// A varint starting at `at` is longer than 10 bytes or overflows 64 bits.
    case malformedVarInt(at: Int)
    /// The string whose bytes start at `at` is not valid UTF-8.
    case invalidUTF8(at: Int)
    /// No serializer exists for the named type.
    case unsupportedType(String)
    /// The data decodes to a value that the expected type cannot hold.
    case typeMismatch(expected: String, found: String)
    /// A tag byte (an `Optional` or `Bool` marker) at `at` has a value outside its range.
    case invalidTag(UInt8, at: Int)
    /// A `Codable` value of type `type` could not be encoded: its `encode(to:)` threw `reason`.
    case encodingFailed(type: String, reason: String)

    /// A one-line message saying what was wrong, where, and for `unsupportedType` how to fix it.
    public var description: String {
        switch self {
        case let .truncated(needed, available, at):
            return "truncated input: needed \(needed) byte\(needed == 1 ? "" : "s") at offset \(at), "
                + "only \(available) available"
        case let .malformedVarInt(at):
            return "malformed varint at offset \(at): longer than 10 bytes or above UInt64.max"
        case let .invalidUTF8(at):
            return "invalid UTF-8 in the string starting at offset \(at)"
        case let .unsupportedType(name):
            return "no serializer for type \(name): Flint serializes FlintSerializable types, "
                + "trivially copyable (POD) types, tuples, arrays, optionals, sets and dictionaries "
                + "of serializable types, and Codable types; conform \(name) to FlintSerializable "
                + "(fastest) or to Codable"
        case let .typeMismatch(expected, found):
            return "type mismatch: expected \(expected), found \(found)"
        case let .invalidTag(tag, at):
            return "invalid tag byte \(tag) at offset \(at)"
        case let .encodingFailed(type, reason):
            return "cannot encode a value of type \(type) through Codable: \(reason)"
        }
    }
}

extension SerializationError {
    /// Whether retrying cannot help: the type has no serializer, or its encoding throws.
    var isDeterministicWriteFailure: Bool {
        switch self {
        case .unsupportedType, .encodingFailed: return true
        default: return false
        }
    }
}
