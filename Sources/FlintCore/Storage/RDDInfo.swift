/// Where a persisted RDD's partitions are, as Spark's `RDDInfo` (what the web UI's Storage tab
/// shows): how many are cached and how many bytes they take in memory and on disk.
public struct RDDInfo: Sendable, Hashable, CustomStringConvertible {
    /// The RDD's id.
    public let id: Int
    /// The name given with `setName`, else the RDD's kind ("MapPartitionsRDD").
    public let name: String
    /// Where the RDD was created.
    public let callSite: CallSite
    /// The level it is persisted at.
    public let storageLevel: StorageLevel
    /// Its number of partitions.
    public let numPartitions: Int
    /// Partitions held in memory or on disk.
    public let numCachedPartitions: Int
    /// Bytes held in memory (estimated for deserialised blocks, exact for serialised ones).
    public let memorySize: Int
    /// Bytes held on disk.
    public let diskSize: Int

    /// Whether any partition is cached.
    public var isCached: Bool { numCachedPartitions > 0 }

    /// As Spark prints it, e.g.
    /// `RDD "MapPartitionsRDD" (3) StorageLevel: StorageLevel(memory, deserialized, 1 replicas); CachedPartitions: 4; TotalPartitions: 4; MemorySize: 1.2 MiB; DiskSize: 0 B`.
    public var description: String {
        "RDD \"\(name)\" (\(id)) StorageLevel: \(storageLevel); CachedPartitions: \(numCachedPartitions); "
            + "TotalPartitions: \(numPartitions); MemorySize: \(ByteSize.format(memorySize)); "
            + "DiskSize: \(ByteSize.format(diskSize))"
    }
}
