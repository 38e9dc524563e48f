import Foundation

/// The data of a reliably checkpointed RDD, read back from its checkpoint directory, as Spark's
/// `ReliableCheckpointRDD`: one file per partition, `part-00000`, `part-00001`, ..., in the block
/// format of `BlockEncoder` (checksummed, compressed frames of serialised elements).
final class ReliableCheckpointRDD<T>: RDD<T>, @unchecked Sendable {
    let directory: URL

    /// Opens the checkpoint in `directory`, written for an RDD of `numPartitions` partitions.
    /// - Throws: `FlintError.io` if the directory does not hold exactly that many part files.
    init(context: FlintContext, directory: URL, numPartitions: Int, partitioner: Partitioner?,
         callSite: CallSite) throws {
        self.directory = directory
        let parts = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?
            .filter { $0.hasPrefix("part-") } ?? []
        guard parts.count == numPartitions else {
            throw FlintError.io(path: directory.path,
                                reason: "the checkpoint holds \(parts.count) part files, the RDD has \(numPartitions) partitions")
        }
        super.init(context: context, dependencies: [], numPartitions: numPartitions, callSite: callSite)
        self.partitioner = partitioner
    }

    override var kindName: String { "ReliableCheckpointRDD" }

    /// The file of `partition`.
    static func partFile(_ partition: Int, in directory: URL) -> URL {
        directory.appendingPathComponent(String(format: "part-%05d", partition))
    }

    override func compute(partition: Int, context: TaskContext) throws -> BatchIterator<T> {
        let file = Self.partFile(partition, in: directory)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw FlintError.io(path: file.path, reason: "checkpoint file missing (was the checkpoint directory changed?)")
        }
        return try .decoding(file: file, serializer: try Serializer<T>.make())
    }
}

/// The data of a locally checkpointed RDD: its cached blocks, as Spark's `LocalCheckpointRDD`.
/// Reached only when a block is gone (the RDD was unpersisted), which is an error.
final class LocalCheckpointRDD<T>: RDD<T>, @unchecked Sendable {
    let rddId: Int

    init(context: FlintContext, rddId: Int, numPartitions: Int, partitioner: Partitioner?, callSite: CallSite) {
        self.rddId = rddId
        super.init(context: context, dependencies: [], numPartitions: numPartitions, callSite: callSite)
        self.partitioner = partitioner
    }

    override var kindName: String { "LocalCheckpointRDD" }

    override func compute(partition: Int, context: TaskContext) throws -> BatchIterator<T> {
        throw FlintError.checkpointBlockMissing(block: BlockId.rdd(rddId: rddId, partition: partition).description)
    }
}
