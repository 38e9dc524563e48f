import Foundation

/// Streams the frames of a spill file (or of one segment of it) one at a time, so that merging
/// spills holds one frame per run in memory, not the whole run. Each frame is verified (CRC-32C)
/// before it is decompressed.
final class FrameFileStream {
    private let input: FileInput
    private var offset: Int
    private let end: Int

    /// Opens `url` to stream the frames in `range` (byte offsets; the whole file when nil).
    /// - Throws: `FlintError.io` naming the file if it cannot be opened.
    init(url: URL, range: Range<Int>? = nil) throws {
        let input = try FileInput(url: url)
        self.input = input
        offset = range?.lowerBound ?? 0
        end = range.map { Swift.min($0.upperBound, input.size) } ?? input.size
    }

    /// The next decompressed payload, or nil at the end of the file or segment.
    /// - Throws: `BlockCorruptionError` naming the file and offset.
    func next() throws -> [UInt8]? {
        guard offset < end else { return nil }
        let headerEnd = Swift.min(offset + BlockFrame.headerSize, end)
        var frame = try input.read(offset..<headerEnd)
        if frame.count == BlockFrame.headerSize {
            var lengthReader = ByteReader(frame, range: 1..<5)
            let compressedLength = Int(try lengthReader.readFixed32())
            frame += try input.read(headerEnd..<Swift.min(headerEnd + compressedLength, end))
        }
        var reader = BlockFrameReader(bytes: frame, source: input.url.path, sourceOffset: offset)
        offset += frame.count
        return try reader.nextFrame()
    }
}
