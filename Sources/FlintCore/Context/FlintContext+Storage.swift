import Foundation

extension FlintContext {
    /// The RDDs persisted with `persist` or `cache` and still alive, by id, as Spark's
    /// `getPersistentRDDs`. An RDD that is no longer referenced is unpersisted automatically.
    public func getPersistentRDDs() -> [Int: RDDBase] {
        persistentRDDs.withLock { rdds in rdds.compactMapValues { $0.rdd } }
    }

    /// The storage status of every persisted RDD, ordered by id: cached partitions and the bytes
    /// they hold in memory and on disk. Cost: one pass over the executor's blocks per RDD.
    public func getRDDStorageInfo() -> [RDDInfo] {
        getPersistentRDDs().values.sorted { $0.id < $1.id }.map { storageInfo(of: $0) }
    }

    /// The storage status of `rdd` (zero cached partitions if it is not persisted).
    public func storageInfo(of rdd: RDDBase) -> RDDInfo {
        let status = env.blockManager.status(ofRDD: rdd.id)
        return RDDInfo(id: rdd.id, name: rdd.name ?? rdd.kindName, callSite: rdd.callSite,
                       storageLevel: rdd.getStorageLevel(), numPartitions: rdd.numPartitions,
                       numCachedPartitions: status.partitions.count, memorySize: status.memorySize,
                       diskSize: status.diskSize)
    }

    /// Per executor: the memory it has for storage and execution together, and what of it is
    /// free, in bytes, as Spark's `getExecutorMemoryStatus` (local mode: one entry, "driver").
    public func getExecutorMemoryStatus() -> [String: (maxMemory: Int, remainingMemory: Int)] {
        let manager = env.memoryManager
        let used = manager.storageMemoryUsed + manager.executionMemoryUsed
        return [env.executorId: (manager.maxMemory, max(0, manager.maxMemory - used))]
    }

    /// Sets the directory under which `checkpoint()` writes RDDs, as Spark's `setCheckpointDir`:
    /// a fresh subdirectory named by a UUID is created inside `path`, so that applications
    /// sharing `path` do not collide. Checkpoint files are kept after the application ends.
    /// - Throws: `FlintError.io` if the directory cannot be created.
    public func setCheckpointDir(_ path: String) throws {
        let directory = URL(fileURLWithPath: path).appendingPathComponent(UUID().uuidString)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw FlintError.io(path: directory.path, reason: "cannot create the checkpoint directory: \(error)")
        }
        checkpointDirectory.withLock { $0 = directory }
    }

    /// The directory set with `setCheckpointDir` (with its UUID subdirectory), if any.
    public var checkpointDir: String? { checkpointDirectory.withLock { $0?.path } }

    func registerPersistent(_ rdd: RDDBase) {
        persistentRDDs.withLock { $0[rdd.id] = WeakRDD(rdd: rdd) }
    }

    func unregisterPersistent(_ rddId: Int) {
        _ = persistentRDDs.withLock { $0.removeValue(forKey: rddId) }
    }
}

/// A registry entry that does not keep its RDD alive.
struct WeakRDD {
    weak var rdd: RDDBase?
}
