/// Errors of the engine, each saying what was wrong and where.
public enum FlintError: Error, CustomStringConvertible {
    /// A job was aborted: a task of `stageId` on `partition` failed `attempts` times.
    case jobFailed(jobId: Int, stageId: Int, stageDescription: String, partition: Int, attempts: Int, underlying: String)
    /// A job was cancelled by `cancelJob` / `cancelAllJobs` / `stop()`.
    case jobCancelled(jobId: Int, reason: String)
    /// A task was told to stop.
    case taskKilled(reason: String)
    /// A reduce task could not read a map output.
    case fetchFailed(shuffleId: Int, mapId: Int, reduceId: Int, reason: String)
    /// An input path matched nothing.
    case inputNotFound(path: String)
    /// An output path exists already.
    case outputExists(path: String)
    /// An I/O error on `path`.
    case io(path: String, reason: String)
    /// An argument outside its allowed range.
    case invalidArgument(String)
    /// A locally checkpointed partition's block is gone (unpersisted), so it cannot be read.
    case checkpointBlockMissing(block: String)
    /// The context was stopped.
    case contextStopped
    /// An action needs elements but the RDD is empty (e.g. `first`, `reduce`).
    case emptyCollection(String)
    /// A broadcast variable was read after `destroy()`, called at `destroyedAt`.
    case broadcastDestroyed(id: Int, destroyedAt: CallSite)

    public var description: String {
        switch self {
        case let .jobFailed(jobId, stageId, stage, partition, attempts, underlying):
            return "Job \(jobId) aborted: task \(partition) in stage \(stageId) (\(stage)) failed "
                + "\(attempts) time\(attempts == 1 ? "" : "s"); last error: \(underlying)"
        case let .jobCancelled(jobId, reason):
            return "Job \(jobId) cancelled: \(reason)"
        case let .taskKilled(reason):
            return "task killed: \(reason)"
        case let .fetchFailed(shuffleId, mapId, reduceId, reason):
            return "fetch failed for shuffle \(shuffleId), map \(mapId), reduce \(reduceId): \(reason)"
        case let .inputNotFound(path):
            return "Input path does not exist: \(path)"
        case let .outputExists(path):
            return "Output directory \(path) already exists"
        case let .io(path, reason):
            return "I/O error on \(path): \(reason)"
        case let .invalidArgument(message):
            return message
        case let .checkpointBlockMissing(block):
            return "Checkpoint block \(block) not found: the RDD was unpersisted after localCheckpoint(), "
                + "so its truncated lineage cannot recompute it; use checkpoint() for a checkpoint that "
                + "survives, or keep the RDD persisted"
        case .contextStopped:
            return "Cannot call methods on a stopped FlintContext"
        case let .emptyCollection(action):
            return "\(action): empty collection"
        case let .broadcastDestroyed(id, site):
            return "Attempted to use Broadcast(\(id)) after it was destroyed (\(site))"
        }
    }
}
