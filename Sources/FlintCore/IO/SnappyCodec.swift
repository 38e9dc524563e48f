import CSnappy

/// Google's Snappy (`"snappy"`, frame id 1) through the system libsnappy: fast (hundreds of
/// MB/s compressing, GB/s decompressing) with moderate ratios, Spark's default shuffle codec.
public struct SnappyCodec: CompressionCodec {
    /// `"snappy"`.
    public let name = "snappy"
    /// 1.
    public let id: UInt8 = 1

    /// Creates the codec.
    public init() {}

    /// Appends the Snappy encoding of `input`; output space is reserved for the worst case
    /// (`snappy_max_compressed_length`, about 1.17 × input) and trimmed afterwards.
    public func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        let maxLength = snappy_max_compressed_length(input.count)
        output.appendUninitialized(capacity: maxLength) { destination in
            var length = destination.count
            let status = snappy_compress(input.baseAddress?.assumingMemoryBound(to: CChar.self), input.count,
                                         destination.baseAddress?.assumingMemoryBound(to: CChar.self), &length)
            precondition(status == SNAPPY_OK, "snappy_compress failed with status \(status.rawValue)")
            return length
        }
    }

    /// Checks the length recorded in the Snappy data against `uncompressedLength` before
    /// allocating, then decompresses straight into `output`. libsnappy bounds-checks every
    /// copy, so corrupt input throws rather than reading or writing out of bounds.
    public func decompress(_ input: UnsafeRawBufferPointer, uncompressedLength: Int, into output: inout [UInt8]) throws {
        guard let source = input.baseAddress?.assumingMemoryBound(to: CChar.self) else {
            throw CompressionError.corruptInput(codec: name, reason: "empty input")
        }
        var recordedLength = 0
        guard snappy_uncompressed_length(source, input.count, &recordedLength) == SNAPPY_OK else {
            throw CompressionError.corruptInput(codec: name, reason: "unreadable length preamble")
        }
        guard recordedLength == uncompressedLength else {
            throw CompressionError.lengthMismatch(codec: name, expected: uncompressedLength, actual: recordedLength)
        }
        try output.appendUninitialized(capacity: uncompressedLength) { destination in
            var length = destination.count
            let status = snappy_uncompress(source, input.count,
                                           destination.baseAddress?.assumingMemoryBound(to: CChar.self), &length)
            guard status == SNAPPY_OK else {
                throw CompressionError.corruptInput(codec: name, reason: "snappy_uncompress status \(status.rawValue)")
            }
            return length
        }
    }
}
