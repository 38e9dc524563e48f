import Foundation
import Logging

/// An executor's cache of RDD partitions, as Spark's `BlockManager`: a memory store and a disk
/// store, and `getOrCompute`, through which every partition of a persisted RDD is read.
///
/// In local mode the driver and its executor threads share one block manager.
public final class BlockManager: @unchecked Sendable {
    /// The memory shared with execution.
    public let memoryManager: MemoryManager
    let memoryStore: MemoryStore
    let diskStore: DiskStore
    /// The codec of serialised blocks in memory and on disk (`flint.rdd.compress`).
    let codec: any CompressionCodec
    let logger = FlintLogging.logger("flint.storage")

    init(conf: FlintConf, memoryManager: MemoryManager, directory: URL) throws {
        self.memoryManager = memoryManager
        diskStore = try DiskStore(directory: directory)
        memoryStore = MemoryStore(memoryManager: memoryManager, diskStore: diskStore)
        let codecName = conf.get(ConfigEntry.compressionCodec) ?? "snappy"
        codec = try conf.getBoolean(ConfigEntry.rddCompress, default: true)
            ? try CompressionCodecs.named(codecName) : NoCompressionCodec()
        memoryManager.evictor = memoryStore
    }

    /// The elements of partition `partition` of `rdd`, persisted at `level`: read from memory
    /// or disk if cached, else computed with `compute` and stored as the level says.
    ///
    /// Cost: a hit in memory of a deserialised block hands out the stored batches (no copy); a
    /// serialised or disk block decodes frame by frame. A miss runs `compute` and holds the
    /// whole partition while it is stored; a partition that does not fit in memory goes to disk
    /// (levels with disk) or is returned uncached (memory-only levels).
    /// - Throws: what `compute` throws; `SerializationError` for a serialised or disk level whose
    ///   element type has no serializer; `FlintError.io` or `BlockCorruptionError` for a
    ///   disk block that cannot be written or read.
    func getOrCompute<T>(rddId: Int, partition: Int, level: StorageLevel, context: TaskContext,
                         compute: () throws -> BatchIterator<T>) throws -> BatchIterator<T> {
        let id = BlockId.rdd(rddId: rddId, partition: partition)
        if let cached = try get(id, as: T.self) { return cached }
        let source = try compute()
        // Objects kept in memory only need no serializer; every other level does.
        let serializer = level.deserialized && !level.useDisk ? try? Serializer<T>.make() : try Serializer<T>.make()
        if level.useMemory {
            return try level.deserialized
                ? putValues(id, source: source, level: level, serializer: serializer, context: context)
                : putBytes(id, source: source, level: level, serializer: serializer!, context: context)
        }
        var encoder = BlockEncoder(serializer: serializer!, codec: codec)
        return try putOnDisk(id, encoder: &encoder, rest: source)
    }

    /// A cached block's elements, or nil if it is neither in memory nor on disk.
    func get<T>(_ id: BlockId, as type: T.Type) throws -> BatchIterator<T>? {
        switch memoryStore.get(id) {
        case let .values(batches):
            var remaining = (batches as! [[T]])[...]
            return BatchIterator { remaining.popFirst() }
        case let .bytes(frames):
            return .decoding(frames: frames, source: "memory block \(id)", serializer: try Serializer<T>.make())
        case nil:
            guard diskStore.contains(id) else { return nil }
            return try .decoding(file: diskStore.file(for: id), serializer: try Serializer<T>.make())
        }
    }

    /// Drops every block of RDD `rddId` from memory and disk; returns how many were dropped.
    @discardableResult
    public func removeRDD(_ rddId: Int) -> Int {
        var removed = Set<BlockId>()
        for block in memoryStore.blocks(ofRDD: rddId) where memoryStore.remove(block.id) { removed.insert(block.id) }
        for block in diskStore.blocks(ofRDD: rddId) where diskStore.remove(block.id) { removed.insert(block.id) }
        if !removed.isEmpty { logger.debug("removed \(removed.count) blocks of RDD \(rddId)") }
        return removed.count
    }

    /// Where RDD `rddId`'s blocks are: partitions cached, bytes in memory, bytes on disk.
    func status(ofRDD rddId: Int) -> (partitions: Set<Int>, memorySize: Int, diskSize: Int) {
        let inMemory = memoryStore.blocks(ofRDD: rddId)
        let onDisk = diskStore.blocks(ofRDD: rddId)
        var partitions = Set<Int>()
        for block in inMemory + onDisk {
            if case let .rdd(_, partition) = block.id { partitions.insert(partition) }
        }
        return (partitions, inMemory.reduce(0) { $0 + $1.size }, onDisk.reduce(0) { $0 + $1.size })
    }

    /// Whether block `id` is held in memory or on disk.
    func contains(_ id: BlockId) -> Bool { memoryStore.contains(id) || diskStore.contains(id) }
}
