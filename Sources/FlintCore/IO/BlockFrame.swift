/// The frame format of shuffle and spill files: a block is one or more frames back to back.
///
/// A frame is a 13-byte header followed by the payload:
///
///     offset 0   1 byte            codec id (`CompressionCodec.id`: 0 none, 1 snappy)
///     offset 1   fixed32 LE        payload (compressed) length
///     offset 5   fixed32 LE        uncompressed length
///     offset 9   fixed32 LE        CRC-32C of the payload
///     offset 13  payload
///
/// Write frames with `BlockFrameWriter`, read them with `BlockFrameReader`, which verifies the
/// checksum before decompressing and throws `BlockCorruptionError` on any inconsistency.
public enum BlockFrame {
    /// The size of a frame header in bytes.
    public static let headerSize = 13
    /// The largest payload one frame can hold (lengths are 32-bit).
    public static let maxPayloadSize = Int(UInt32.max)
}
