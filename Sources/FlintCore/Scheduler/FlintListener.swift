import Foundation

/// What happened to a stage in a job.
public enum StageStatus: String, Sendable, Codable {
    /// Tasks are running.
    case active
    /// All tasks succeeded.
    case complete
    /// Its shuffle output existed already, so nothing ran (Spark's "skipped").
    case skipped
    /// The job failed while it ran.
    case failed
}

/// A stage of a job as listeners and the status store see it.
public struct StageInfo: Sendable, Codable {
    /// The stage id (unique in the context).
    public var stageId: Int
    /// The attempt (resubmissions after fetch failures increase it).
    public var attemptNumber: Int
    /// The call site of the stage's last RDD, e.g. "reduceByKey at WordCount.swift:9".
    public var name: String
    /// Tasks of the stage (its partitions).
    public var numTasks: Int
    /// The shuffle the stage writes, nil for the result stage.
    public var shuffleId: Int?
    /// Ids of the parent stages.
    public var parentIds: [Int]
    /// Status.
    public var status: StageStatus
    /// Tasks finished so far.
    public var completedTasks: Int = 0
    /// Tasks running now.
    public var runningTasks: Int = 0
    /// Failed task attempts so far.
    public var failedTasks: Int = 0
    /// Metrics summed over its successful tasks.
    public var metrics = TaskMetrics()
    /// The values of the named accumulators its tasks updated, by name, when it completed.
    public var accumulables: [String: String] = [:]
}

/// A finished job.
public struct JobInfo: Sendable {
    /// The job id.
    public var jobId: Int
    /// The action's call site, e.g. "collect at WordCount.swift:12".
    public var name: String
    /// Every stage of the job, including skipped ones, parents first.
    public var stages: [StageInfo]
    /// Whether it succeeded; the error text otherwise.
    public var failure: String?
    /// Wall time in seconds.
    public var durationSeconds: Double

    /// Metrics summed over all stages.
    public var metrics: TaskMetrics {
        stages.reduce(into: TaskMetrics()) { $0.accumulate($1.metrics) }
    }
}

/// Receives scheduler events, as Spark's `SparkListener`. Called on the job's driver thread or
/// a task thread; keep handlers short and thread-safe.
public protocol FlintListener: AnyObject, Sendable {
    /// A job started.
    func onJobStart(jobId: Int, name: String)
    /// A stage's tasks were submitted.
    func onStageSubmitted(_ stage: StageInfo)
    /// A task started running; `stage` holds the updated counts.
    func onTaskStart(_ stage: StageInfo)
    /// A task ended (successfully or not); `stage` holds the updated counts.
    func onTaskEnd(_ stage: StageInfo, metrics: TaskMetrics, error: String?)
    /// A stage completed, was skipped or failed.
    func onStageCompleted(_ stage: StageInfo)
    /// A job ended.
    func onJobEnd(_ job: JobInfo)
}

extension FlintListener {
    /// Does nothing by default.
    public func onJobStart(jobId: Int, name: String) {}
    /// Does nothing by default.
    public func onStageSubmitted(_ stage: StageInfo) {}
    /// Does nothing by default.
    public func onTaskStart(_ stage: StageInfo) {}
    /// Does nothing by default.
    public func onTaskEnd(_ stage: StageInfo, metrics: TaskMetrics, error: String?) {}
    /// Does nothing by default.
    public func onStageCompleted(_ stage: StageInfo) {}
    /// Does nothing by default.
    public func onJobEnd(_ job: JobInfo) {}
}
