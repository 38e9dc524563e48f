/// Why a compression codec could not be found or could not decompress its input.
public enum CompressionError: Error, CustomStringConvertible, Equatable {
    /// No codec has this name.
    case unknownCodec(name: String, supported: [String])
    /// No codec has this frame id.
    case unknownCodecID(UInt8, supported: [UInt8])
    /// The input is not valid data of the codec.
    case corruptInput(codec: String, reason: String)
    /// The input decompresses to a length other than the expected one.
    case lengthMismatch(codec: String, expected: Int, actual: Int)

    /// A one-line message saying what was wrong.
    public var description: String {
        switch self {
        case let .unknownCodec(name, supported):
            return "unknown compression codec '\(name)'; supported: "
                + supported.map { "'\($0)'" }.joined(separator: ", ")
        case let .unknownCodecID(id, supported):
            return "unknown compression codec id \(id); supported ids: "
                + supported.map(String.init).joined(separator: ", ")
        case let .corruptInput(codec, reason):
            return "corrupt \(codec) data: \(reason)"
        case let .lengthMismatch(codec, expected, actual):
            return "\(codec) data decompresses to \(actual) bytes, expected \(expected)"
        }
    }
}
