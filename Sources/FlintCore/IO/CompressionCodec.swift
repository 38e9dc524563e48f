/// A block compression algorithm for shuffle and spill frames.
///
/// Both operations append to a caller-owned array, so a writer can build a whole frame (or
/// file buffer) in one allocation and a reader can reuse its buffer between frames.
public protocol CompressionCodec: Sendable {
    /// The configuration name (`flint.io.compression.codec`), e.g. `"snappy"`.
    var name: String { get }
    /// The id stored in each frame header, so a reader needs no configuration.
    var id: UInt8 { get }
    /// Appends the compressed form of `input` to `output`.
    func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8])
    /// Appends the `uncompressedLength` bytes that `input` decompresses to, to `output`.
    /// - Throws: `CompressionError` if `input` is corrupt or decompresses to another length;
    ///   `output` is then left as it was.
    func decompress(_ input: UnsafeRawBufferPointer, uncompressedLength: Int, into output: inout [UInt8]) throws
}

/// The registry of codecs, by configuration name and by frame id.
public enum CompressionCodecs {
    /// Every supported codec.
    public static let all: [any CompressionCodec] = [NoCompressionCodec(), SnappyCodec()]

    /// Spark's class names, accepted so Spark configurations work unchanged.
    private static let aliases = [
        "org.apache.spark.io.SnappyCompressionCodec": "snappy",
    ]

    /// The codec configured as `name` (case-insensitive; Spark's codec class names are
    /// accepted too). O(number of codecs).
    /// - Throws: `CompressionError.unknownCodec` listing the supported names.
    public static func named(_ name: String) throws -> any CompressionCodec {
        let canonical = aliases[name] ?? name.lowercased()
        guard let codec = all.first(where: { $0.name == canonical }) else {
            throw CompressionError.unknownCodec(name: name, supported: all.map(\.name))
        }
        return codec
    }

    /// The codec whose frame id is `id`. O(number of codecs).
    /// - Throws: `CompressionError.unknownCodecID` listing the supported ids.
    public static func byID(_ id: UInt8) throws -> any CompressionCodec {
        guard let codec = all.first(where: { $0.id == id }) else {
            throw CompressionError.unknownCodecID(id, supported: all.map(\.id))
        }
        return codec
    }
}
