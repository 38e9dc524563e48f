import Foundation

extension RDD {
    /// Marks the RDD for checkpointing, as Spark's `checkpoint()`: when the next job on it ends,
    /// its partitions are written under the checkpoint directory and its lineage is replaced by
    /// a reader of those files (`toDebugString` then shows a `ReliableCheckpointRDD` as its only
    /// parent). Persist the RDD first, or writing the checkpoint computes it a second time.
    /// Calling it on an RDD checkpointed already does nothing.
    /// - Throws: `FlintError.invalidArgument` if `setCheckpointDir` was not called.
    public func checkpoint(file: String = #fileID, line: Int = #line) throws {
        guard let root = context.checkpointDirectory.withLock({ $0 }) else {
            throw FlintError.invalidArgument(
                "the checkpoint directory has not been set: call setCheckpointDir(_:) on the FlintContext first")
        }
        let callSite = CallSite("checkpoint", file: file, line: line)
        let directory = root.appendingPathComponent("rdd-\(id)")
        persistence.withLock { state in
            guard state.checkpointDependency == nil else { return }
            // The closure runs only from doCheckpoint, while the RDD is alive.
            state.pendingCheckpoint = { [unowned self] in
                try self.writeCheckpoint(to: directory, callSite: callSite)
            }
        }
    }

    /// Marks the RDD for local checkpointing, as Spark's `localCheckpoint()`: it is persisted
    /// (at `.memoryAndDisk`, or its level with disk added) and, when the next job on it ends,
    /// its missing partitions are computed and its lineage is cut. Faster than `checkpoint()`,
    /// but the data lives only in this application's block manager: unpersisting the RDD
    /// afterwards makes its partitions unreadable (`FlintError.checkpointBlockMissing`).
    @discardableResult
    public func localCheckpoint(file: String = #fileID, line: Int = #line) -> Self {
        let callSite = CallSite("localCheckpoint", file: file, line: line)
        persistence.withLock { state in
            guard state.checkpointDependency == nil else { return }
            let level = state.storageLevel
            state.storageLevel = level.isValid
                ? StorageLevel(useDisk: true, useMemory: level.useMemory, deserialized: level.deserialized,
                               replication: level.replication)
                : .memoryAndDisk
            state.pendingCheckpoint = { [unowned self] in try self.materializeLocalCheckpoint(callSite: callSite) }
        }
        context.registerPersistent(self)
        return self
    }

    /// Writes every partition to `directory/part-NNNNN` (through a temporary file, so a failed
    /// attempt leaves nothing behind) and returns the RDD reading them back.
    private func writeCheckpoint(to directory: URL, callSite: CallSite) throws -> RDDBase {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw FlintError.io(path: directory.path, reason: "cannot create the checkpoint directory: \(error)")
        }
        let codec = context.env.blockManager.codec
        _ = try context.runJob(self, callSite: callSite) { task, elements in
            let file = ReliableCheckpointRDD<T>.partFile(task.partitionId, in: directory)
            let temporary = directory.appendingPathComponent(".\(file.lastPathComponent)-attempt-\(task.taskAttemptId)")
            let output = try FileOutput(url: temporary)
            var encoder = BlockEncoder(serializer: try Serializer<T>.make(), codec: codec)
            while let batch = try elements.nextBatch() {
                try encoder.append(batch)
                try output.write(encoder.takeOutput())
            }
            encoder.finish()
            try output.write(encoder.takeOutput())
            try output.close()
            task.metrics.outputBytes += output.written
            try FileOutput.replace(file, with: temporary)
        }
        persistence.withLock { $0.checkpointPath = directory.path }
        return try ReliableCheckpointRDD<T>(context: context, directory: directory, numPartitions: numPartitions,
                                            partitioner: partitioner, callSite: callSite)
    }

    /// Computes the partitions not cached yet, then returns the RDD standing for the cached ones.
    private func materializeLocalCheckpoint(callSite: CallSite) throws -> RDDBase {
        let blockManager = context.env.blockManager
        let missing = (0..<numPartitions).filter { !blockManager.contains(.rdd(rddId: id, partition: $0)) }
        if !missing.isEmpty {
            _ = try context.runJob(self, partitions: missing, callSite: callSite) { _, elements in
                try elements.count()
            }
        }
        return LocalCheckpointRDD<T>(context: context, rddId: id, numPartitions: numPartitions,
                                     partitioner: partitioner, callSite: callSite)
    }
}
