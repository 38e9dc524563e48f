import Synchronization

/// Counters of one task attempt, as Spark's `TaskMetrics`. Updated by the task's own thread;
/// read by the scheduler after the task ends.
public struct TaskMetrics: Sendable, Codable, Equatable {
    /// Wall time the task ran, in nanoseconds.
    public var runTimeNanos: UInt64 = 0
    /// Records read from sources (files, collections).
    public var inputRecords: Int = 0
    /// Bytes read from input files.
    public var inputBytes: Int = 0
    /// Records written by output actions (saveAsTextFile).
    public var outputRecords: Int = 0
    /// Bytes written by output actions.
    public var outputBytes: Int = 0
    /// Records written to the shuffle by a map task.
    public var shuffleRecordsWritten: Int = 0
    /// Serialised (uncompressed) bytes of those records.
    public var shuffleBytesWrittenUncompressed: Int = 0
    /// Bytes written to shuffle files (after compression).
    public var shuffleBytesWritten: Int = 0
    /// Records read from the shuffle by a reduce task.
    public var shuffleRecordsRead: Int = 0
    /// Bytes of shuffle blocks read (as stored, compressed).
    public var shuffleBytesRead: Int = 0
    /// Estimated in-memory size of data spilled.
    public var memoryBytesSpilled: Int = 0
    /// Bytes written to spill files.
    public var diskBytesSpilled: Int = 0
    /// Peak execution memory held.
    public var peakExecutionMemory: Int = 0

    /// All counters at zero.
    public init() {}

    /// Adds every counter of `other` (peak memory takes the maximum).
    public mutating func accumulate(_ other: TaskMetrics) {
        runTimeNanos += other.runTimeNanos
        inputRecords += other.inputRecords
        inputBytes += other.inputBytes
        outputRecords += other.outputRecords
        outputBytes += other.outputBytes
        shuffleRecordsWritten += other.shuffleRecordsWritten
        shuffleBytesWrittenUncompressed += other.shuffleBytesWrittenUncompressed
        shuffleBytesWritten += other.shuffleBytesWritten
        shuffleRecordsRead += other.shuffleRecordsRead
        shuffleBytesRead += other.shuffleBytesRead
        memoryBytesSpilled += other.memoryBytesSpilled
        diskBytesSpilled += other.diskBytesSpilled
        peakExecutionMemory = max(peakExecutionMemory, other.peakExecutionMemory)
    }
}
