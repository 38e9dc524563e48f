import Foundation

/// Streams the frames of a spill file one at a time, so that merging spills holds one frame per
/// run in memory, not the whole run. Each frame is verified (CRC-32C) before it is decompressed.
final class FrameFileStream {
    private let input: FileInput
    private var offset = 0

    init(url: URL) throws {
        input = try FileInput(url: url)
    }

    /// The next decompressed payload, or nil at the end of the file.
    /// - Throws: `BlockCorruptionError` naming the file and offset.
    func next() throws -> [UInt8]? {
        guard offset < input.size else { return nil }
        let headerEnd = Swift.min(offset + BlockFrame.headerSize, input.size)
        var frame = try input.read(offset..<headerEnd)
        if frame.count == BlockFrame.headerSize {
            var lengthReader = ByteReader(frame, range: 1..<5)
            let compressedLength = Int(try lengthReader.readFixed32())
            frame += try input.read(headerEnd..<Swift.min(headerEnd + compressedLength, input.size))
        }
        var reader = BlockFrameReader(bytes: frame, source: input.url.path, sourceOffset: offset)
        offset += frame.count
        return try reader.nextFrame()
    }
}
