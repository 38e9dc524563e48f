import Foundation

/// Serialised records of a map task, kept per reduce partition as compressed frames, spilled to
/// disk when the task's memory budget is exhausted and finally written as one data file plus an
/// index file.
///
/// Records are serialised into a per-partition buffer; a full buffer (`flint.shuffle.file.buffer`)
/// becomes one checksummed, compressed frame. The memory held is the sum of open buffers and
/// frames, so accounting is exact. Spilling appends all frames to a spill file and remembers each
/// partition's segment; the final output concatenates, per partition, the spilled segments and
/// the frames still in memory, copying frames without recompressing them.
@usableFromInline
final class PartitionedFrameBuffer {
    private let numPartitions: Int
    private let manager: ShuffleManager
    private let frameWriter: BlockFrameWriter
    private let context: TaskContext
    private var reservation: MemoryReservation
    /// The open buffer of each partition, written in place by the shuffle writer. Unchecked
    /// exclusivity: one task's thread uses the buffer, and the dynamic access check on every
    /// record's `&buffers[partition]` cost as much as serialising an integer key.
    @exclusivity(unchecked) @usableFromInline var buffers: [ByteWriter]
    private var frames: [[UInt8]]
    private var frameBytes = 0
    private var spills: [(file: URL, segments: [Range<Int>])] = []
    private(set) var uncompressedBytes = 0

    init(numPartitions: Int, manager: ShuffleManager, context: TaskContext) {
        self.numPartitions = numPartitions
        self.manager = manager
        self.context = context
        frameWriter = BlockFrameWriter(codec: manager.blockCodec)
        reservation = MemoryReservation(memory: context.memoryConsumerGroup)
        buffers = Array(repeating: ByteWriter(capacity: manager.fileBufferSize + 1024), count: numPartitions)
        frames = Array(repeating: [], count: numPartitions)
        context.addTaskCompletionListener { [spillFiles = { self.spills.map(\.file) }] in
            for file in spillFiles() { try? FileManager.default.removeItem(at: file) }
        }
    }

    /// Cuts a frame of `partition` if its buffer is full; checks the memory budget then.
    @inline(__always)
    @usableFromInline
    func didAppend(to partition: Int) throws {
        if buffers[partition].count >= manager.fileBufferSize { try cutFrame(partition) }
    }

    private func cutFrame(_ partition: Int) throws {
        flushBuffer(partition)
        let held = frameBytes + numPartitions * manager.fileBufferSize
        if !reservation.reserve(held) { try spill() }
    }

    /// Compresses the open buffer of `partition` into a frame held in memory.
    private func flushBuffer(_ partition: Int) {
        let raw = buffers[partition].count
        guard raw > 0 else { return }
        uncompressedBytes += raw
        let before = frames[partition].count
        buffers[partition].withUnsafeBytes { frameWriter.appendFrame(of: $0, to: &frames[partition]) }
        frameBytes += frames[partition].count - before
        buffers[partition].removeAll(keepingCapacity: true)
    }

    /// Writes all frames held in memory to a spill file.
    func spill() throws {
        for partition in 0..<numPartitions { flushBuffer(partition) }
        let file = manager.newSpillFile()
        var segments: [Range<Int>] = []
        var offset = 0
        let output = try FileOutput(url: file)
        for partition in 0..<numPartitions {
            try output.write(frames[partition])
            segments.append(offset..<offset + frames[partition].count)
            offset += frames[partition].count
            frames[partition] = []
        }
        try output.close()
        context.metrics.memoryBytesSpilled += frameBytes
        context.metrics.diskBytesSpilled += offset
        spills.append((file, segments))
        frameBytes = 0
        reservation.releaseAll()
    }

    /// Writes the data and index files of map `mapId`; returns each partition's stored length.
    func writeOutput(shuffleId: Int, mapId: Int) throws -> [Int] {
        // Everything goes to the output file now: flush without the spill check.
        for partition in 0..<numPartitions { flushBuffer(partition) }
        let dataURL = manager.dataFile(shuffleId: shuffleId, mapId: mapId)
        let indexURL = manager.indexFile(shuffleId: shuffleId, mapId: mapId)
        let temporaryData = dataURL.appendingPathExtension("tmp-\(context.taskAttemptId)")
        let output = try FileOutput(url: temporaryData)
        let spillInputs = try spills.map { try FileInput(url: $0.file) }
        var lengths: [Int] = []
        for partition in 0..<numPartitions {
            var length = 0
            for (spill, input) in zip(spills, spillInputs) {
                let segment = spill.segments[partition]
                guard !segment.isEmpty else { continue }
                try output.write(try input.read(segment))
                length += segment.count
            }
            try output.write(frames[partition])
            length += frames[partition].count
            lengths.append(length)
        }
        try output.close()
        var index = ByteWriter()
        var offset: UInt64 = 0
        index.writeFixed64(0)
        for length in lengths {
            offset += UInt64(length)
            index.writeFixed64(offset)
        }
        let temporaryIndex = indexURL.appendingPathExtension("tmp-\(context.taskAttemptId)")
        try FileOutput.writeAll(index.bytes, to: temporaryIndex)
        try FileOutput.replace(indexURL, with: temporaryIndex)
        try FileOutput.replace(dataURL, with: temporaryData)
        // After the rename: a reader that opened the old file before it is not kept.
        manager.dataFileReplaced(shuffleId: shuffleId, mapId: mapId)
        reservation.releaseAll()
        return lengths
    }
}
