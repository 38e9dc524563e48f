import Foundation

/// Encodes a partition's elements into the block format shared by serialised cache blocks, the
/// disk store and checkpoint files: back-to-back serialised elements, cut into checksummed
/// frames (see `BlockFrame`) of about `frameSize` raw bytes, each compressed with the codec.
///
/// Completed frames accumulate in `output`; a caller writing to a file drains them with
/// `takeOutput()` as they grow. Cost per element: one serializer call; per frame: one
/// compression and one CRC-32C pass.
struct BlockEncoder<T> {
    let serializer: Serializer<T>
    let frameWriter: BlockFrameWriter
    let frameSize: Int
    private var buffer = ByteWriter()
    /// Frames completed so far and not yet taken.
    private(set) var output: [UInt8] = []
    /// Total bytes of frames produced, including those taken.
    private(set) var encodedBytes = 0

    init(serializer: Serializer<T>, codec: any CompressionCodec, frameSize: Int = 256 << 10) {
        self.serializer = serializer
        frameWriter = BlockFrameWriter(codec: codec)
        self.frameSize = frameSize
    }

    /// Encodes `batch`, cutting a frame whenever the raw bytes reach `frameSize`.
    /// - Throws: what the serializer throws for an element it cannot encode.
    mutating func append(_ batch: [T]) throws {
        for element in batch {
            try serializer.write(element, into: &buffer)
            if buffer.count >= frameSize { cutFrame() }
        }
    }

    /// Cuts the last frame; `output` then holds every remaining frame.
    mutating func finish() {
        cutFrame()
    }

    /// Returns and clears the completed frames.
    mutating func takeOutput() -> [UInt8] {
        defer { output = [] }
        return output
    }

    private mutating func cutFrame() {
        guard buffer.count > 0 else { return }
        let before = output.count
        buffer.withUnsafeBytes { frameWriter.appendFrame(of: $0, to: &output) }
        encodedBytes += output.count - before
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Decodes one frame payload of back-to-back serialised elements.
/// - Throws: `SerializationError` (or `DecodingError`) for malformed bytes.
func decodeElements<T>(_ payload: [UInt8], serializer: Serializer<T>) throws -> [T] {
    var reader = ByteReader(payload)
    var elements: [T] = []
    while !reader.isAtEnd { elements.append(try serializer.read(from: &reader)) }
    return elements
}

extension BatchIterator {
    /// The elements of a block held in memory as frames (see `BlockEncoder`), decoded frame by
    /// frame as they are pulled. Each frame is verified before it is decompressed.
    static func decoding(frames: [UInt8], source: String, serializer: Serializer<Element>) -> BatchIterator {
        var reader = BlockFrameReader(bytes: frames, source: source)
        return BatchIterator {
            guard let payload = try reader.nextFrame() else { return nil }
            return try decodeElements(payload, serializer: serializer)
        }
    }

    /// The elements of a block file written in the block format (or of the frames in `range`
    /// of it), streamed frame by frame.
    /// - Throws: `FlintError.io` if the file cannot be opened.
    static func decoding(file: URL, range: Range<Int>? = nil, serializer: Serializer<Element>) throws -> BatchIterator {
        let frames = try FrameFileStream(url: file, range: range)
        return BatchIterator {
            guard let payload = try frames.next() else { return nil }
            return try decodeElements(payload, serializer: serializer)
        }
    }
}
