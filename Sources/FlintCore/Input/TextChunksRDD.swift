/// The splits of text files read as chunks of whole lines' raw bytes (see
/// `TextFileRDD.chunks()`): one partition per split, the same line boundaries as `textFile`.
final class TextChunksRDD: RDD<[UInt8]>, @unchecked Sendable {
    private let splits: [TextFileRDD.Split]
    private static let chunkSize = 256 << 10

    init(context: FlintContext, splits: [TextFileRDD.Split], callSite: CallSite) {
        self.splits = splits
        super.init(context: context, dependencies: [], numPartitions: splits.count, callSite: callSite)
    }

    override var kindName: String { "TextChunksRDD" }

    override func compute(partition: Int, context: TaskContext) throws -> BatchIterator<[UInt8]> {
        var reader = try TextFileRDD.openReader(splits[partition])
        var consumed = reader.bytesRead
        return BatchIterator {
            try context.checkInterrupted()
            guard let chunk = try reader.nextChunk(Self.chunkSize) else { return nil }
            context.metrics.inputRecords += chunk.lines
            context.metrics.inputBytes += reader.bytesRead - consumed
            consumed = reader.bytesRead
            return [chunk.bytes]
        }
    }
}
