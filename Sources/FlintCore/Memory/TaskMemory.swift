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
/// and says when it must spill because the pool would not grant more. Public so that operators
/// outside the core (the SQL layer's hash aggregation and joins) account for their tables the
/// way the shuffle does. Cost: one comparison per `reserve`, plus one memory-manager call (a
/// lock) per chunk of at least 4 MiB.
public struct MemoryReservation {
    let memory: TaskMemory
    /// Bytes granted so far.
    public private(set) var granted = 0
    static let chunk = 4 << 20

    init(memory: TaskMemory) {
        self.memory = memory
    }

    /// A reservation against the execution memory of the task `context` describes.
    public init(context: TaskContext) {
        self.init(memory: context.memoryConsumerGroup)
    }

    /// Ensures `estimatedBytes` is covered, asking for at least a chunk more when it is not;
    /// returns false when the buffer should spill (the pool granted less than needed; what it
    /// granted is kept until `releaseAll`).
    public mutating func reserve(_ estimatedBytes: Int) -> Bool {
        if estimatedBytes <= granted { return true }
        let wanted = max(estimatedBytes - granted, Self.chunk)
        granted += memory.acquire(wanted)
        return estimatedBytes <= granted
    }

    /// Gives the whole grant back (after a spill or at the end).
    public mutating func releaseAll() {
        memory.release(granted)
        granted = 0
    }
}
