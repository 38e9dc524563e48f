/// Reads the frames of a block (see `BlockFrame`) in order, verifying each before use.
///
/// For each frame it checks that the header and payload are complete, that the codec id is
/// known, and that the payload's CRC-32C matches, all before decompressing; then that the
/// payload decompresses to exactly the header's length. Any failure throws
/// `BlockCorruptionError` naming the source, frame index and byte offset, and the reader stays
/// on the failing frame. Cost per frame: one CRC-32C pass plus the decompression.
public struct BlockFrameReader {
    /// The caller's description of where the bytes came from, used in error messages.
    public let source: String
    /// The index of the next frame to read (the number of frames read so far).
    public private(set) var frameIndex = 0
    private let bytes: [UInt8]
    private let sourceOffset: Int
    private var offset = 0

    /// Creates a reader over `bytes`, which hold zero or more whole frames.
    /// - Parameters:
    ///   - source: where the bytes come from, e.g. `"/tmp/flint-app/shuffle_0_3.data"`.
    ///   - sourceOffset: the offset of `bytes[0]` in that source (e.g. the block's file
    ///     offset), so errors report absolute offsets.
    public init(bytes: [UInt8], source: String, sourceOffset: Int = 0) {
        self.bytes = bytes
        self.source = source
        self.sourceOffset = sourceOffset
    }

    /// Whether every frame has been read.
    public var isAtEnd: Bool { offset >= bytes.count }

    /// The next frame's decompressed payload, or nil after the last frame.
    /// - Throws: `BlockCorruptionError` if the frame is truncated, names an unknown codec,
    ///   fails its checksum, or does not decompress to the header's length.
    public mutating func nextFrame() throws -> [UInt8]? {
        guard !isAtEnd else { return nil }
        let payload = try bytes.withUnsafeBytes { try decodeFrame(in: $0) }
        offset += BlockFrame.headerSize + payload.compressedLength
        frameIndex += 1
        return payload.bytes
    }

    /// Verifies and decompresses the frame starting at `offset`.
    private func decodeFrame(in buffer: UnsafeRawBufferPointer) throws -> (bytes: [UInt8], compressedLength: Int) {
        let frameOffset = sourceOffset + offset
        let available = buffer.count - offset
        guard available >= BlockFrame.headerSize else {
            throw BlockCorruptionError.truncatedHeader(source: source, frame: frameIndex, offset: frameOffset,
                                                       available: available)
        }
        let codecID = buffer[offset]
        let compressedLength = Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 1, as: UInt32.self)))
        let uncompressedLength = Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 5, as: UInt32.self)))
        let expectedChecksum = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 9, as: UInt32.self))
        guard let codec = try? CompressionCodecs.byID(codecID) else {
            throw BlockCorruptionError.unknownCodec(source: source, frame: frameIndex, offset: frameOffset, id: codecID)
        }
        let payloadStart = offset + BlockFrame.headerSize
        guard compressedLength <= buffer.count - payloadStart else {
            throw BlockCorruptionError.truncatedPayload(source: source, frame: frameIndex, offset: frameOffset,
                                                        expected: compressedLength,
                                                        available: buffer.count - payloadStart)
        }
        let payload = UnsafeRawBufferPointer(rebasing: buffer[payloadStart..<payloadStart + compressedLength])
        let actualChecksum = CRC32C.checksum(payload)
        guard actualChecksum == expectedChecksum else {
            throw BlockCorruptionError.checksumMismatch(source: source, frame: frameIndex, offset: frameOffset,
                                                        expected: expectedChecksum, actual: actualChecksum)
        }
        var output: [UInt8] = []
        do {
            try codec.decompress(payload, uncompressedLength: uncompressedLength, into: &output)
        } catch let CompressionError.lengthMismatch(_, expected, actual) {
            throw BlockCorruptionError.lengthMismatch(source: source, frame: frameIndex, offset: frameOffset,
                                                      expected: expected, actual: actual)
        } catch {
            throw BlockCorruptionError.undecodablePayload(source: source, frame: frameIndex, offset: frameOffset,
                                                          reason: "\(error)")
        }
        guard output.count == uncompressedLength else {
            throw BlockCorruptionError.lengthMismatch(source: source, frame: frameIndex, offset: frameOffset,
                                                      expected: uncompressedLength, actual: output.count)
        }
        return (output, compressedLength)
    }
}
