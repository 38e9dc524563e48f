import Synchronization

/// Frees storage memory on request by evicting cached blocks (the memory store).
protocol StorageEvictor: AnyObject, Sendable {
    /// Evicts least-recently-used blocks until at least `bytes` are freed, never touching blocks
    /// of RDD `excludingRDD`. Evicts nothing when that much cannot be freed. Returns the bytes
    /// freed; the caller subtracts them from the storage pool.
    func evictBlocks(toFree bytes: Int, excludingRDD: Int?) -> Int
}

/// An executor's memory, shared by execution (shuffle buffers, sorts, aggregations) and storage
/// (cached blocks), as Spark's `UnifiedMemoryManager`.
///
/// The pool is `(flint.executor.memory or flint.driver.memory) × flint.memory.fraction`. Either
/// side may use what the other leaves free. Execution may evict cached blocks until storage is
/// down to `flint.memory.storageFraction` of the pool; storage never evicts execution memory, and
/// evicts only other blocks (least recently used first). With N tasks holding execution memory
/// one task may hold at most 1/N of what execution can reach; a request beyond what is free is
/// granted in part, and the task spills instead of waiting. Calls take one lock (plus an
/// eviction when memory is short): request memory in chunks (megabytes), not per record.
public final class MemoryManager: @unchecked Sendable {
    /// Bytes of the shared pool.
    public let maxMemory: Int
    /// Storage memory that execution cannot evict.
    public let storageRegionSize: Int

    private struct State {
        var executionUsed = 0
        var storageUsed = 0
        var perTask: [Int: Int] = [:]
    }
    private let state = Mutex(State())
    /// Set once by the block manager before any task runs.
    weak var evictor: (any StorageEvictor)?

    /// Creates a manager whose pool holds `maxMemory` bytes, of which `storageFraction` is
    /// protected from eviction by execution.
    public init(maxMemory: Int, storageFraction: Double = 0.5) {
        precondition((0...1).contains(storageFraction), "storageFraction must be in [0, 1]")
        self.maxMemory = max(maxMemory, 1 << 20)
        storageRegionSize = Int(Double(self.maxMemory) * storageFraction)
    }

    /// Reads the pool size and fractions from `conf`.
    /// - Throws: `FlintConfError.invalidValue` for a malformed memory size or fraction.
    public convenience init(conf: FlintConf) throws {
        let total: Int
        if conf.get(ConfigEntry.driverMemory) != nil, !conf.contains(ConfigEntry.executorMemory.key) {
            total = try conf.getSizeAsBytes(ConfigEntry.driverMemory, default: 1 << 30, defaultUnit: 1 << 20)
        } else {
            total = try conf.getSizeAsBytes(ConfigEntry.executorMemory, default: 1 << 30, defaultUnit: 1 << 20)
        }
        let fraction = try conf.getDouble(ConfigEntry.memoryFraction, default: 0.6)
        guard fraction > 0, fraction <= 1 else {
            throw FlintConfError.invalidValue(key: ConfigEntry.memoryFraction.key, value: "\(fraction)",
                                              expected: "a number in (0, 1]")
        }
        let storageFraction = try conf.getDouble(ConfigEntry.memoryStorageFraction, default: 0.5)
        guard (0...1).contains(storageFraction) else {
            throw FlintConfError.invalidValue(key: ConfigEntry.memoryStorageFraction.key, value: "\(storageFraction)",
                                              expected: "a number in [0, 1]")
        }
        self.init(maxMemory: Int(Double(total) * fraction), storageFraction: storageFraction)
    }

    // MARK: - Execution

    /// Grants up to `bytes` to task `taskAttemptId`; returns what was granted (possibly 0).
    /// Evicts cached blocks above the storage region when the free memory does not cover it.
    public func acquireExecutionMemory(_ bytes: Int, taskAttemptId: Int) -> Int {
        precondition(bytes >= 0, "cannot acquire a negative amount of memory")
        let shortfall = state.withLock { state in
            let wanted = min(bytes, executionCap(state, taskAttemptId: taskAttemptId))
            let free = maxMemory - state.executionUsed - state.storageUsed
            return min(wanted - free, state.storageUsed - storageRegionSize)
        }
        if shortfall > 0 { evict(shortfall, excludingRDD: nil) }
        return state.withLock { state in
            let held = state.perTask[taskAttemptId] ?? 0
            let free = maxMemory - state.executionUsed - state.storageUsed
            let granted = max(0, min(bytes, executionCap(state, taskAttemptId: taskAttemptId), free))
            state.perTask[taskAttemptId] = held + granted
            state.executionUsed += granted
            return granted
        }
    }

    /// What task `taskAttemptId` may still take: its share of the memory execution can reach
    /// (the pool minus the protected part of what storage holds), less what it holds.
    private func executionCap(_ state: State, taskAttemptId: Int) -> Int {
        let held = state.perTask[taskAttemptId] ?? 0
        let activeTasks = state.perTask[taskAttemptId] != nil ? state.perTask.count : state.perTask.count + 1
        let reachable = maxMemory - min(state.storageUsed, storageRegionSize)
        return max(0, reachable / activeTasks - held)
    }

    /// Returns `bytes` held by task `taskAttemptId` to the pool.
    public func releaseExecutionMemory(_ bytes: Int, taskAttemptId: Int) {
        state.withLock { state in
            let held = state.perTask[taskAttemptId] ?? 0
            let released = min(bytes, held)
            state.perTask[taskAttemptId] = held - released
            state.executionUsed -= released
        }
    }

    /// Returns everything task `taskAttemptId` holds and forgets the task.
    public func releaseAll(taskAttemptId: Int) {
        state.withLock { state in
            if let held = state.perTask.removeValue(forKey: taskAttemptId) { state.executionUsed -= held }
        }
    }

    /// Bytes currently held by all tasks.
    public var executionMemoryUsed: Int { state.withLock { $0.executionUsed } }

    // MARK: - Storage

    /// Reserves `bytes` for a block (of RDD `excludingRDD`, whose blocks are not evicted to make
    /// room). Uses free memory first, then (if `evicting`) evicts least-recently-used blocks;
    /// fails (returns false, reserving nothing) when that does not make room.
    public func acquireStorageMemory(_ bytes: Int, excludingRDD: Int?, evicting: Bool = true) -> Bool {
        precondition(bytes >= 0, "cannot acquire a negative amount of memory")
        // Freed memory can be taken by another task before we re-lock: retry a few times.
        for _ in 0..<3 {
            let shortfall: Int? = state.withLock { state in
                if bytes > maxMemory - state.executionUsed { return nil }
                let free = maxMemory - state.executionUsed - state.storageUsed
                if bytes <= free {
                    state.storageUsed += bytes
                    return 0
                }
                return bytes - free
            }
            guard let shortfall else { return false }
            if shortfall == 0 { return true }
            if !evicting { return false }
            if evict(shortfall, excludingRDD: excludingRDD) == 0 { return false }
        }
        return false
    }

    /// Returns `bytes` of storage memory (a block removed, or an unused reservation).
    public func releaseStorageMemory(_ bytes: Int) {
        state.withLock { $0.storageUsed = max(0, $0.storageUsed - bytes) }
    }

    /// Bytes held by cached blocks and reservations for blocks being stored.
    public var storageMemoryUsed: Int { state.withLock { $0.storageUsed } }

    @discardableResult
    private func evict(_ bytes: Int, excludingRDD: Int?) -> Int {
        guard let evictor else { return 0 }
        let freed = evictor.evictBlocks(toFree: bytes, excludingRDD: excludingRDD)
        if freed > 0 { releaseStorageMemory(freed) }
        return freed
    }
}
