/// The identity codec (`"none"`, frame id 0): payloads are stored as they are, used when
/// `flint.shuffle.compress` or `flint.shuffle.spill.compress` is false.
public struct NoCompressionCodec: CompressionCodec {
    /// `"none"`.
    public let name = "none"
    /// 0.
    public let id: UInt8 = 0

    /// Creates the codec.
    public init() {}

    /// Appends `input` unchanged; one `memcpy`.
    public func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        output.append(contentsOf: input)
    }

    /// Appends `input` unchanged after checking its length; one `memcpy`.
    public func decompress(_ input: UnsafeRawBufferPointer, uncompressedLength: Int, into output: inout [UInt8]) throws {
        guard input.count == uncompressedLength else {
            throw CompressionError.lengthMismatch(codec: name, expected: uncompressedLength, actual: input.count)
        }
        output.append(contentsOf: input)
    }
}
