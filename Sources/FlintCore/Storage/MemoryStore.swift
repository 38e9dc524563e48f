import Logging
import Synchronization

/// The cached blocks an executor holds in memory, byte-accounted in the storage side of the
/// `MemoryManager`, evicted least recently used first.
///
/// A block is held either as the partition's batches of objects (size estimated) or as its
/// encoded frames (size exact). Reads hand out the stored arrays without copying them (Swift
/// arrays are copy-on-write), so a block evicted while a task iterates it stays valid for that
/// task. Evicting a block whose level uses disk writes it to the disk store first. Every call
/// takes one lock; eviction sorts the candidates (O(n log n) in the number of blocks).
final class MemoryStore: StorageEvictor, @unchecked Sendable {
    /// What a block holds.
    enum Payload {
        /// The batches of objects (`[[T]]`, type-erased).
        case values(Any)
        /// Encoded frames (see `BlockEncoder`).
        case bytes([UInt8])
    }

    /// One cached block.
    struct Entry {
        let payload: Payload
        /// Bytes accounted in the storage pool.
        let size: Int
        let level: StorageLevel
        /// Encodes a `.values` payload for the disk store when the block is evicted (nil: no
        /// serializer for the element type, the block is dropped).
        let encode: (() throws -> [UInt8])?
        var lastAccess: UInt64
    }

    private struct State {
        var entries: [BlockId: Entry] = [:]
        var clock: UInt64 = 0
    }

    private let state = Mutex(State())
    let memoryManager: MemoryManager
    let diskStore: DiskStore
    private let logger = FlintLogging.logger("flint.storage")

    init(memoryManager: MemoryManager, diskStore: DiskStore) {
        self.memoryManager = memoryManager
        self.diskStore = diskStore
    }

    /// Stores a block whose `size` the caller has already reserved. Returns false (the caller
    /// releases the reservation) when the block is cached already.
    func put(_ id: BlockId, payload: Payload, size: Int, level: StorageLevel,
             encode: (() throws -> [UInt8])?) -> Bool {
        state.withLock { state in
            guard state.entries[id] == nil else { return false }
            state.clock += 1
            state.entries[id] = Entry(payload: payload, size: size, level: level, encode: encode,
                                      lastAccess: state.clock)
            return true
        }
    }

    /// The block's payload, marking it most recently used; nil if not in memory.
    func get(_ id: BlockId) -> Payload? {
        state.withLock { state in
            guard state.entries[id] != nil else { return nil }
            state.clock += 1
            state.entries[id]!.lastAccess = state.clock
            return state.entries[id]!.payload
        }
    }

    /// Whether the block is in memory (does not touch its recency).
    func contains(_ id: BlockId) -> Bool { state.withLock { $0.entries[id] != nil } }

    /// Drops the block and returns its memory; returns whether it was there.
    @discardableResult
    func remove(_ id: BlockId) -> Bool {
        guard let entry = state.withLock({ $0.entries.removeValue(forKey: id) }) else { return false }
        memoryManager.releaseStorageMemory(entry.size)
        return true
    }

    /// The ids and sizes of the blocks held for RDD `rddId`.
    func blocks(ofRDD rddId: Int) -> [(id: BlockId, size: Int)] {
        state.withLock { state in
            state.entries.compactMap { id, entry in id.rddId == rddId ? (id, entry.size) : nil }
        }
    }

    func evictBlocks(toFree bytes: Int, excludingRDD: Int?) -> Int {
        let victims: [(BlockId, Entry)] = state.withLock { state in
            let candidates = state.entries
                .filter { id, _ in excludingRDD == nil || id.rddId != excludingRDD }
                .sorted { $0.value.lastAccess < $1.value.lastAccess }
            var chosen: [(BlockId, Entry)] = []
            var freed = 0
            for (id, entry) in candidates where freed < bytes {
                chosen.append((id, entry))
                freed += entry.size
            }
            guard freed >= bytes else { return [] }
            for (id, _) in chosen { state.entries.removeValue(forKey: id) }
            return chosen
        }
        for (id, entry) in victims {
            logger.debug("evicted \(id) (\(entry.size) bytes) from memory")
            if entry.level.useDisk { drop(id, entry: entry) }
        }
        return victims.reduce(0) { $0 + $1.1.size }
    }

    /// Writes an evicted block to the disk store; a block that cannot be written is lost and
    /// will be recomputed from its lineage.
    private func drop(_ id: BlockId, entry: Entry) {
        do {
            switch entry.payload {
            case let .bytes(frames):
                try diskStore.put(id, bytes: frames)
            case .values:
                guard let encode = entry.encode else { return }
                try diskStore.put(id, bytes: try encode())
            }
        } catch {
            logger.warning("could not write evicted block \(id) to disk (it will be recomputed): \(error)")
        }
    }
}
