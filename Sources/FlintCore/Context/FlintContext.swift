import Foundation
import Logging
import Synchronization

/// The entry point of a Flint application, as Spark's `SparkContext`: it owns the configuration,
/// the scheduler, the executors' environment and the shuffle files, and creates RDDs.
///
/// Create one per application, run actions from any thread, and call `stop()` at the end (it
/// deletes the application's shuffle and spill files). Creating a context starts the executor
/// threads; it costs a few milliseconds.
public final class FlintContext: @unchecked Sendable {
    /// The configuration (a copy: changing the original later has no effect).
    public let conf: FlintConf
    /// Where tasks run.
    public let master: Master
    /// The application name (`flint.app.name`).
    public let appName: String
    /// A unique id, e.g. "local-1732251234567".
    public let applicationId: String
    /// Default number of partitions for `parallelize` and shuffles (`flint.default.parallelism`,
    /// else the number of task slots).
    public let defaultParallelism: Int
    /// The executor environment (local mode: shared with the driver).
    public let env: FlintEnv

    let listenerBus = ListenerBus()
    let persistentRDDs = Mutex<[Int: WeakRDD]>([:])
    let checkpointDirectory = Mutex<URL?>(nil)
    private(set) var dagScheduler: DAGScheduler!
    private let nextRDDId = Atomic<Int>(0)
    private let nextShuffleId = Atomic<Int>(0)
    private let nextBroadcastId = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)
    private var progressBar: ConsoleProgressBar?
    private let logger = FlintLogging.logger("flint.context")

    /// Creates a context from `conf` (by default what flint-submit passed, see `FlintConf`).
    ///
    /// - Throws: `FlintConfError.invalidMaster` for a bad `flint.master`, `FlintConfError` for
    ///   malformed settings, `FlintError.invalidArgument` for a cluster master (not yet
    ///   supported by this build), `FlintError.io` if the local directory cannot be created.
    public init(conf: FlintConf = FlintConf()) throws {
        self.conf = conf.clone()
        try FlintLogging.bootstrap(conf: self.conf)
        master = try Master.parse(self.conf.get(ConfigEntry.master) ?? "local[*]")
        appName = self.conf.get(ConfigEntry.appName) ?? "Flint"
        let threads: Int
        var maxFailures = try self.conf.getInt(ConfigEntry.taskMaxFailures, default: 4)
        switch master {
        case let .local(count, failures):
            threads = count
            if let failures { maxFailures = failures }
        case .localCluster, .standalone:
            throw FlintError.invalidArgument(
                "master '\(master)' needs Flint's standalone cluster mode, which this build does not have yet; "
                    + "use local, local[N] or local[*]")
        }
        guard maxFailures >= 1 else {
            throw FlintConfError.invalidValue(key: ConfigEntry.taskMaxFailures.key, value: "\(maxFailures)",
                                              expected: "an integer >= 1")
        }
        let millis = Int(Date().timeIntervalSince1970 * 1000)
        applicationId = "local-\(millis)-\(UInt32.random(in: 0...UInt32.max))"
        env = try FlintEnv(executorId: "driver", conf: self.conf, applicationId: applicationId)
        let parallelism = try self.conf.getInt(ConfigEntry.defaultParallelism, default: threads)
        guard parallelism >= 1 else {
            throw FlintConfError.invalidValue(key: ConfigEntry.defaultParallelism.key, value: "\(parallelism)",
                                              expected: "an integer >= 1")
        }
        defaultParallelism = parallelism
        let backend = LocalBackend(threads: threads, env: env)
        dagScheduler = DAGScheduler(context: self, backend: backend, maxTaskFailures: maxFailures)
        if try self.conf.getBoolean(ConfigEntry.consoleProgress, default: true), isatty(STDERR_FILENO) == 1 {
            let bar = ConsoleProgressBar()
            progressBar = bar
            listenerBus.add(bar)
        }
        logger.info("started \(appName) (\(applicationId)) on \(master), allocator \(MemoryAllocator.description)")
    }

    /// Creates a context for `master` and `appName`, other settings from the environment.
    public convenience init(master: String, appName: String) throws {
        try self.init(conf: FlintConf().setMaster(master).setAppName(appName))
    }

    /// Whether `stop()` was called.
    public var isStopped: Bool { stopped.load(ordering: .relaxed) }

    /// Cancels running jobs, stops the executor threads and deletes the application's local files.
    /// Idempotent.
    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        dagScheduler.cancelAllJobs(reason: "the FlintContext was stopped")
        dagScheduler.backend.stop()
        progressBar?.finish()
        env.shuffleManager.removeAll()
        logger.info("stopped \(applicationId)")
    }

    deinit { stop() }

    // MARK: - Jobs

    /// Runs `function` on each of `partitions` (all by default) of `rdd` and returns the values in
    /// partition order, as Spark's `runJob`. Actions are built on it.
    /// Then writes the checkpoints marked on `rdd` or its ancestors (`RDD.checkpoint()`).
    /// - Throws: `FlintError.jobFailed` after a task failed `flint.task.maxFailures` times,
    ///   `FlintError.jobCancelled`, `FlintError.contextStopped`; what writing a checkpoint throws.
    public func runJob<T, U>(_ rdd: RDD<T>, partitions: [Int]? = nil, callSite: CallSite,
                             _ function: @escaping (TaskContext, BatchIterator<T>) throws -> U) throws -> [U] {
        guard !isStopped else { throw FlintError.contextStopped }
        let wanted = partitions ?? Array(0..<rdd.numPartitions)
        for partition in wanted where partition < 0 || partition >= rdd.numPartitions {
            throw FlintError.invalidArgument("partition \(partition) out of range 0..<\(rdd.numPartitions) of \(rdd)")
        }
        let results = try dagScheduler.runJob(rdd: rdd, partitions: wanted, callSite: callSite,
                                              group: Thread.current.threadDictionary[Self.jobGroupKey] as? String,
                                              function: function)
        try rdd.doCheckpoint()
        return results
    }

    /// Runs the map side of `dependency` as a job of this thread's job group.
    /// - Throws: `FlintError.contextStopped`; what the job throws.
    func runMapStage(_ dependency: ShuffleDependencyBase, callSite: CallSite) throws {
        guard !isStopped else { throw FlintError.contextStopped }
        try dagScheduler.runMapStage(dependency, callSite: callSite,
                                     group: Thread.current.threadDictionary[Self.jobGroupKey] as? String)
    }

    /// Cancels job `jobId`; its action throws `FlintError.jobCancelled`.
    public func cancelJob(_ jobId: Int) {
        dagScheduler.cancelJob(jobId, reason: "cancelled by cancelJob(\(jobId))")
    }

    /// Puts the jobs this thread starts from now on in group `groupId`, as Spark's
    /// `setJobGroup`, so that `cancelJobGroup` can cancel them from another thread.
    public func setJobGroup(_ groupId: String) {
        Thread.current.threadDictionary[Self.jobGroupKey] = groupId
    }

    /// Takes this thread's later jobs out of their job group.
    public func clearJobGroup() {
        Thread.current.threadDictionary.removeObject(forKey: Self.jobGroupKey)
    }

    /// Cancels the running jobs of group `groupId`; their actions throw `FlintError.jobCancelled`.
    public func cancelJobGroup(_ groupId: String) {
        dagScheduler.cancelJobGroup(groupId, reason: "cancelled by cancelJobGroup(\(groupId))")
    }

    private static let jobGroupKey = "flint.jobGroup"

    /// Cancels every running job.
    public func cancelAllJobs() {
        dagScheduler.cancelAllJobs(reason: "cancelled by cancelAllJobs()")
    }

    /// Ids of the jobs running now.
    public var activeJobIds: [Int] { dagScheduler.activeJobIds }

    /// The most recent jobs (up to 1000), oldest first, with their stages and metrics.
    public var jobHistory: [JobInfo] { listenerBus.jobs }

    /// Registers a listener for scheduler events.
    public func addListener(_ listener: any FlintListener) { listenerBus.add(listener) }

    /// Removes a listener.
    public func removeListener(_ listener: any FlintListener) { listenerBus.remove(listener) }

    /// Sets the log level ("INFO", "WARN", "DEBUG", ...), as Spark's `setLogLevel`.
    /// - Throws: `FlintConfError.invalidValue` for an unknown level.
    public func setLogLevel(_ level: String) throws { try FlintLogging.setLevel(level) }

    // MARK: - Ids

    func newRDDId() -> Int { nextRDDId.add(1, ordering: .relaxed).oldValue }
    func newShuffleId() -> Int { nextShuffleId.add(1, ordering: .relaxed).oldValue }
    func newBroadcastId() -> Int { nextBroadcastId.add(1, ordering: .relaxed).oldValue }
}
