import Synchronization

/// The executor's memory budget for execution (shuffle buffers, sorts, aggregations), shared by
/// its running tasks as in Spark's unified memory manager.
///
/// The pool is `(flint.executor.memory or flint.driver.memory) × flint.memory.fraction`. With N
/// tasks holding memory, one task may hold at most pool/N; a request beyond what is free is
/// granted in part, and the task spills instead of waiting. Calls take one lock: request memory
/// in chunks (megabytes), not per record.
public final class MemoryManager: Sendable {
    /// Bytes the execution pool holds.
    public let maxExecutionMemory: Int

    private struct State {
        var used = 0
        var perTask: [Int: Int] = [:]
    }
    private let state = Mutex(State())

    /// Creates a manager whose execution pool holds `maxExecutionMemory` bytes.
    public init(maxExecutionMemory: Int) {
        self.maxExecutionMemory = max(maxExecutionMemory, 1 << 20)
    }

    /// Reads the pool size from `conf`.
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
        self.init(maxExecutionMemory: Int(Double(total) * fraction))
    }

    /// Grants up to `bytes` to task `taskAttemptId`; returns what was granted (possibly 0).
    public func acquireExecutionMemory(_ bytes: Int, taskAttemptId: Int) -> Int {
        precondition(bytes >= 0, "cannot acquire a negative amount of memory")
        return state.withLock { state in
            let held = state.perTask[taskAttemptId] ?? 0
            let activeTasks = state.perTask.keys.contains(taskAttemptId) ? state.perTask.count : state.perTask.count + 1
            let perTaskCap = maxExecutionMemory / activeTasks
            let granted = max(0, min(bytes, perTaskCap - held, maxExecutionMemory - state.used))
            state.perTask[taskAttemptId] = held + granted
            state.used += granted
            return granted
        }
    }

    /// Returns `bytes` held by task `taskAttemptId` to the pool.
    public func releaseExecutionMemory(_ bytes: Int, taskAttemptId: Int) {
        state.withLock { state in
            let held = state.perTask[taskAttemptId] ?? 0
            let released = min(bytes, held)
            state.perTask[taskAttemptId] = held - released
            state.used -= released
        }
    }

    /// Returns everything task `taskAttemptId` holds and forgets the task.
    public func releaseAll(taskAttemptId: Int) {
        state.withLock { state in
            if let held = state.perTask.removeValue(forKey: taskAttemptId) { state.used -= held }
        }
    }

    /// Bytes currently held by all tasks.
    public var executionMemoryUsed: Int { state.withLock { $0.used } }
}

/// One task's view of the memory manager: tracks what the task holds and its peak.
final class TaskMemory: @unchecked Sendable {
    let manager: MemoryManager
    let taskAttemptId: Int
    private(set) var held = 0
    private(set) var peak = 0

    init(manager: MemoryManager, taskAttemptId: Int) {
        self.manager = manager
        self.taskAttemptId = taskAttemptId
    }

    /// Requests `bytes` more; returns what was granted.
    func acquire(_ bytes: Int) -> Int {
        let granted = manager.acquireExecutionMemory(bytes, taskAttemptId: taskAttemptId)
        held += granted
        peak = max(peak, held)
        return granted
    }

    /// Gives back `bytes`.
    func release(_ bytes: Int) {
        let amount = min(bytes, held)
        manager.releaseExecutionMemory(amount, taskAttemptId: taskAttemptId)
        held -= amount
    }

    func releaseAll() {
        manager.releaseAll(taskAttemptId: taskAttemptId)
        held = 0
    }
}

/// A buffer's claim on execution memory: grows its grant in chunks as its estimated size grows,
/// and says when it must spill because the pool would not grant more.
struct MemoryReservation {
    let memory: TaskMemory
    private(set) var granted = 0
    static let chunk = 4 << 20

    init(memory: TaskMemory) {
        self.memory = memory
    }

    /// Ensures `estimatedBytes` is covered; returns false when the buffer should spill.
    mutating func reserve(_ estimatedBytes: Int) -> Bool {
        if estimatedBytes <= granted { return true }
        let wanted = max(estimatedBytes - granted, Self.chunk)
        granted += memory.acquire(wanted)
        return estimatedBytes <= granted
    }

    /// Gives the whole grant back (after a spill or at the end).
    mutating func releaseAll() {
        memory.release(granted)
        granted = 0
    }
}
