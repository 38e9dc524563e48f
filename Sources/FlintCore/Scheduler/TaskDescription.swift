/// A task as data: which stage, partition and attempt to run. Codable, so that a process-based
/// backend can send it to an executor that rebuilds the stage from its own copy of the job.
public struct TaskDescription: Sendable, Codable, Hashable {
    /// What a task produces.
    public enum Kind: Sendable, Codable, Hashable {
        /// Writes the map output of `shuffleId` for one partition.
        case shuffleMap(shuffleId: Int)
        /// Computes one partition of the job's final RDD and returns the action's value.
        case result
    }

    /// The job.
    public var jobId: Int
    /// The stage.
    public var stageId: Int
    /// The stage attempt.
    public var stageAttemptNumber: Int
    /// The partition to compute.
    public var partition: Int
    /// 0 for the first attempt of this partition in this stage attempt, then 1, 2, ...
    public var attemptNumber: Int
    /// Unique id of this task attempt in the application.
    public var taskAttemptId: Int
    /// What the task produces.
    public var kind: Kind
}

/// A task ready to run in this process: its description plus the code that runs it.
struct RunnableTask: @unchecked Sendable {
    let description: TaskDescription
    /// Runs the task; returns a `MapStatus` for map tasks, the action's per-partition value otherwise.
    let body: (TaskContext) throws -> Any
    /// Called once with the outcome, the task's metrics and its accumulator updates, on the
    /// thread that ran the task.
    let completion: (TaskDescription, Result<Any, Error>, TaskMetrics, [any AccumulatorUpdate]) -> Void
    /// Whether the task should be dropped without running (its job already ended).
    let isObsolete: () -> Bool
    /// Receives the context when the task starts, so the job can interrupt it.
    let started: (TaskContext) -> Void
}

/// What the task scheduler needs from a cluster backend: slots to run tasks on.
protocol SchedulerBackend: AnyObject, Sendable {
    /// Number of task slots (cores).
    var defaultParallelism: Int { get }
    /// Queues tasks; they run as slots free up, in submission order.
    func submit(_ tasks: [RunnableTask])
    /// Stops the slots after the running tasks end; queued tasks are dropped.
    func stop()
}
