/// Builds frames (see `BlockFrame`) with one codec.
///
/// Stateless apart from the codec, so one writer can serve a whole task; frames are appended
/// to a caller-owned buffer, usually the bytes of a file about to be written.
public struct BlockFrameWriter: Sendable {
    /// The codec that compresses every payload.
    public let codec: any CompressionCodec

    /// Creates a writer compressing with `codec`.
    public init(codec: any CompressionCodec) {
        self.codec = codec
    }

    /// Appends one frame holding `raw` to `output`: the header, then the payload compressed
    /// straight into `output`. A payload that compression does not shrink (random keys, already
    /// compressed data) is stored as is, with the `none` codec id, so readers skip the
    /// decompression. Cost: the compression plus one CRC-32C pass over the payload.
    /// - Precondition: `raw` and its compressed form are at most `BlockFrame.maxPayloadSize` bytes.
    public func appendFrame(of raw: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        precondition(raw.count <= BlockFrame.maxPayloadSize,
                     "a frame holds at most \(BlockFrame.maxPayloadSize) bytes, got \(raw.count)")
        let headerStart = output.count
        let payloadStart = headerStart + BlockFrame.headerSize
        output.append(contentsOf: repeatElement(0, count: BlockFrame.headerSize))
        codec.compress(raw, into: &output)
        var codecID = codec.id
        if output.count - payloadStart >= raw.count, codecID != NoCompressionCodec().id {
            output.removeSubrange(payloadStart...)
            output.append(contentsOf: raw)
            codecID = NoCompressionCodec().id
        }
        let payloadLength = output.count - payloadStart
        precondition(payloadLength <= BlockFrame.maxPayloadSize,
                     "compressed frame payload of \(payloadLength) bytes exceeds \(BlockFrame.maxPayloadSize)")
        output.withUnsafeMutableBytes { bytes in
            let checksum = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[payloadStart...]))
            bytes[headerStart] = codecID
            bytes.storeBytes(of: UInt32(payloadLength).littleEndian, toByteOffset: headerStart + 1, as: UInt32.self)
            bytes.storeBytes(of: UInt32(raw.count).littleEndian, toByteOffset: headerStart + 5, as: UInt32.self)
            bytes.storeBytes(of: checksum.littleEndian, toByteOffset: headerStart + 9, as: UInt32.self)
        }
    }

    /// Appends one frame holding `raw` to `output`; see `appendFrame(of:to:)` for buffers.
    public func appendFrame(of raw: [UInt8], to output: inout [UInt8]) {
        raw.withUnsafeBytes { appendFrame(of: $0, to: &output) }
    }
}
