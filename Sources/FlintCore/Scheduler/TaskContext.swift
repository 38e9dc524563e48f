import Foundation
import Synchronization

/// What a running task knows about itself, as Spark's `TaskContext`: its stage, partition and
/// attempt, its metrics, its memory budget and its cleanup hooks.
///
/// One per task attempt, used by that task's thread only (metrics are plain fields).
public final class TaskContext: @unchecked Sendable {
    /// The stage this task belongs to.
    public let stageId: Int
    /// The attempt of that stage (resubmissions after fetch failures increase it).
    public let stageAttemptNumber: Int
    /// The partition computed.
    public let partitionId: Int
    /// 0 for the first attempt of this task, 1 for the first retry, ...
    public let attemptNumber: Int
    /// A unique id of this task attempt within the application.
    public let taskAttemptId: Int
    /// Counters updated while the task runs.
    public var metrics = TaskMetrics()
    /// The environment of the executor running the task.
    public let env: FlintEnv

    private let interruptedFlag: Atomic<Bool>
    private var completionListeners: [() -> Void] = []
    /// This attempt's partial accumulator values (see `Accumulator.add`).
    @exclusivity(unchecked) @usableFromInline var accumulators = TaskAccumulators()
    let memoryConsumerGroup: TaskMemory

    init(stageId: Int, stageAttemptNumber: Int, partitionId: Int, attemptNumber: Int,
         taskAttemptId: Int, env: FlintEnv) {
        self.stageId = stageId
        self.stageAttemptNumber = stageAttemptNumber
        self.partitionId = partitionId
        self.attemptNumber = attemptNumber
        self.taskAttemptId = taskAttemptId
        self.env = env
        self.interruptedFlag = Atomic(false)
        self.memoryConsumerGroup = TaskMemory(manager: env.memoryManager, taskAttemptId: taskAttemptId)
    }

    /// Whether the task was asked to stop (its job was cancelled or failed).
    public var isInterrupted: Bool { interruptedFlag.load(ordering: .relaxed) }

    /// Asks the task to stop at its next batch.
    func interrupt() { interruptedFlag.store(true, ordering: .relaxed) }

    /// Throws `FlintError.taskKilled` if the task was interrupted. Sources call it per batch.
    public func checkInterrupted() throws {
        if isInterrupted { throw FlintError.taskKilled(reason: "job cancelled") }
    }

    /// Takes up to `bytes` of execution memory for this task from the executor's unified pool
    /// (evicting cached blocks above the storage region if needed); returns what was granted,
    /// possibly 0. Operators that hold data in memory (hash tables, buffers) call it in chunks
    /// and spill or flush when it grants less than asked. Whatever the task still holds is
    /// returned when it ends.
    public func acquireExecutionMemory(_ bytes: Int) -> Int { memoryConsumerGroup.acquire(bytes) }

    /// Returns `bytes` of execution memory taken with `acquireExecutionMemory(_:)`.
    public func releaseExecutionMemory(_ bytes: Int) { memoryConsumerGroup.release(bytes) }

    /// Registers `body` to run when the task ends, successfully or not (e.g. to delete spills).
    public func addTaskCompletionListener(_ body: @escaping () -> Void) {
        completionListeners.append(body)
    }

    /// Runs the completion listeners (newest first) and releases the task's memory.
    func markTaskCompleted() {
        for listener in completionListeners.reversed() { listener() }
        completionListeners.removeAll()
        metrics.peakExecutionMemory = max(metrics.peakExecutionMemory, memoryConsumerGroup.peak)
        memoryConsumerGroup.releaseAll()
    }
}
