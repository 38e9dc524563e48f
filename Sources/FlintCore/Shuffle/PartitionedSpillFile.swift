import Foundation

/// Elements an operator spilled to one local file, grouped into partitions: partition i is a
/// segment of compressed, checksummed frames (the block format of `BlockEncoder`, with the
/// spill codec, `flint.shuffle.spill.compress`) read back on its own, frame by frame. For
/// operators outside the core that partition their overflow, such as the SQL layer's grace hash
/// aggregation and join; the core's own spills are sorted runs (`SpillRun`).
///
/// The file lives under the executor's spill directory and is deleted when the task ends,
/// whether it succeeds or fails. Writing adds the file's size to the task's `diskBytesSpilled`.
public struct PartitionedSpillFile<T> {
    /// The spill file.
    public let file: URL
    /// The byte range of each partition's frames.
    private let segments: [Range<Int>]
    private let serializer: Serializer<T>

    /// Writes `partitions` (partition i's elements at index i) to a new spill file of the task
    /// `context` describes. Cost: one serialisation per element, one compression and checksum
    /// per frame (a frame per `flint.shuffle.file.buffer` bytes or per element, whichever is
    /// larger), one sequential write.
    /// - Throws: `SerializationError.unsupportedType` when `T` has no serializer,
    ///   `FlintError.io` naming the file when it cannot be written.
    public static func write(_ partitions: [[T]], context: TaskContext) throws -> PartitionedSpillFile {
        let manager = context.env.shuffleManager
        let serializer = try Serializer<T>.make()
        let file = manager.newSpillFile()
        context.addTaskCompletionListener { try? FileManager.default.removeItem(at: file) }
        let output = try FileOutput(url: file)
        var encoder = BlockEncoder(serializer: serializer, codec: manager.spillCodec, frameSize: manager.fileBufferSize)
        var segments: [Range<Int>] = []
        for elements in partitions {
            let start = encoder.encodedBytes
            try encoder.append(elements)
            encoder.finish()
            try output.write(encoder.takeOutput())
            segments.append(start..<encoder.encodedBytes)
        }
        try output.close()
        context.metrics.diskBytesSpilled += output.written
        return PartitionedSpillFile(file: file, segments: segments, serializer: serializer)
    }

    /// The number of partitions written.
    public var partitionCount: Int { segments.count }

    /// The elements of `partition`, decoded frame by frame as they are pulled (one frame in
    /// memory at a time).
    /// - Throws: `FlintError.io` naming the file if it cannot be opened; reading throws
    ///   `BlockCorruptionError` naming the file and offset for a damaged frame.
    public func elements(inPartition partition: Int) throws -> BatchIterator<T> {
        guard !segments[partition].isEmpty else { return .empty }
        return try .decoding(file: file, range: segments[partition], serializer: serializer)
    }
}
