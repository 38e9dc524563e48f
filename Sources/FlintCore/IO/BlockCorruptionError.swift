/// A shuffle or spill block that failed verification; never read silently.
///
/// Every case names the `source` the caller described (e.g. a file path and the block's byte
/// range), the index of the failing frame within the block, and the absolute byte offset of
/// that frame's header in the source.
public enum BlockCorruptionError: Error, CustomStringConvertible, Equatable {
    /// Fewer than `BlockFrame.headerSize` bytes remain where a frame header should start.
    case truncatedHeader(source: String, frame: Int, offset: Int, available: Int)
    /// The header announces a longer payload than the bytes that remain.
    case truncatedPayload(source: String, frame: Int, offset: Int, expected: Int, available: Int)
    /// The header's codec id belongs to no known codec.
    case unknownCodec(source: String, frame: Int, offset: Int, id: UInt8)
    /// The payload's CRC-32C differs from the header's.
    case checksumMismatch(source: String, frame: Int, offset: Int, expected: UInt32, actual: UInt32)
    /// The payload decompresses to a length other than the header's.
    case lengthMismatch(source: String, frame: Int, offset: Int, expected: Int, actual: Int)
    /// The codec rejected the payload although its checksum matched.
    case undecodablePayload(source: String, frame: Int, offset: Int, reason: String)

    /// The caller's description of where the block came from.
    public var source: String {
        switch self {
        case let .truncatedHeader(source, _, _, _), let .truncatedPayload(source, _, _, _, _),
             let .unknownCodec(source, _, _, _), let .checksumMismatch(source, _, _, _, _),
             let .lengthMismatch(source, _, _, _, _), let .undecodablePayload(source, _, _, _):
            return source
        }
    }

    /// "corrupt block in <source>: frame <n> at byte <offset>: <what was wrong>".
    public var description: String {
        func located(_ frame: Int, _ offset: Int, _ problem: String) -> String {
            "corrupt block in \(source): frame \(frame) at byte \(offset): \(problem)"
        }
        switch self {
        case let .truncatedHeader(_, frame, offset, available):
            return located(frame, offset, "truncated header, \(available) of \(BlockFrame.headerSize) bytes present")
        case let .truncatedPayload(_, frame, offset, expected, available):
            return located(frame, offset, "truncated payload, \(available) of \(expected) bytes present")
        case let .unknownCodec(_, frame, offset, id):
            return located(frame, offset, "unknown codec id \(id)")
        case let .checksumMismatch(_, frame, offset, expected, actual):
            return located(frame, offset, "CRC-32C mismatch, header says \(hex(expected)), payload has \(hex(actual))")
        case let .lengthMismatch(_, frame, offset, expected, actual):
            return located(frame, offset, "payload decompresses to \(actual) bytes, header says \(expected)")
        case let .undecodablePayload(_, frame, offset, reason):
            return located(frame, offset, "payload cannot be decompressed: \(reason)")
        }
    }

    /// `value` as 0x-prefixed, 8-digit hexadecimal.
    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
