/// A configuration key the engine reads, with its default and meaning.
///
/// `ConfigEntry.all` is the single list behind `conf/flint-defaults.conf.template` and
/// `flint-submit --help`; a test checks that the template documents every entry.
public struct ConfigEntry: Sendable, Hashable {
    /// The key, e.g. `flint.task.maxFailures`.
    public let key: String
    /// The default value as text, or nil when the default is computed (shown in `doc`).
    public let defaultValue: String?
    /// One sentence on what the key does.
    public let doc: String

    /// Creates an entry.
    public init(_ key: String, default defaultValue: String?, _ doc: String) {
        self.key = key
        self.defaultValue = defaultValue
        self.doc = doc
    }
}

extension ConfigEntry {
    /// `flint.master`: see its `doc`.
    public static let master = ConfigEntry("flint.master", default: "local[*]",
        "Where jobs run: local, local[N], local[*], local[N,maxFailures].")
    /// `flint.app.name`: see its `doc`.
    public static let appName = ConfigEntry("flint.app.name", default: "Flint",
        "The application name shown in logs and the progress bar.")
    /// `flint.default.parallelism`: see its `doc`.
    public static let defaultParallelism = ConfigEntry("flint.default.parallelism", default: nil,
        "Default number of partitions for parallelize and shuffles without a partition count (default: number of cores).")
    /// `flint.executor.memory`: see its `doc`.
    public static let executorMemory = ConfigEntry("flint.executor.memory", default: "1g",
        "Memory of an executor; in local mode the driver's memory (--driver-memory) is used when it is set.")
    /// `flint.driver.memory`: see its `doc`.
    public static let driverMemory = ConfigEntry("flint.driver.memory", default: nil,
        "Memory of the driver; in local mode the executor runs in the driver and uses this budget.")
    /// `flint.memory.fraction`: see its `doc`.
    public static let memoryFraction = ConfigEntry("flint.memory.fraction", default: "0.6",
        "Fraction of the memory shared by execution (shuffle, sort, aggregation buffers) and storage (cached blocks).")
    /// `flint.memory.storageFraction`: see its `doc`.
    public static let memoryStorageFraction = ConfigEntry("flint.memory.storageFraction", default: "0.5",
        "Part of the shared memory where cached blocks are safe from eviction by execution.")
    /// `flint.task.maxFailures`: see its `doc`.
    public static let taskMaxFailures = ConfigEntry("flint.task.maxFailures", default: "4",
        "Number of failures of one task before its job is aborted.")
    /// `flint.local.dir`: see its `doc`.
    public static let localDir = ConfigEntry("flint.local.dir", default: "/tmp",
        "Directory for shuffle files and spills (comma-separated list allowed; the first is used; env FLINT_LOCAL_DIRS overrides).")
    /// `flint.shuffle.compress`: see its `doc`.
    public static let shuffleCompress = ConfigEntry("flint.shuffle.compress", default: "true",
        "Compress shuffle blocks with flint.io.compression.codec.")
    /// `flint.shuffle.spill.compress`: see its `doc`.
    public static let shuffleSpillCompress = ConfigEntry("flint.shuffle.spill.compress", default: "true",
        "Compress data spilled to disk during shuffles and sorts.")
    /// `flint.rdd.compress`: see its `doc`.
    public static let rddCompress = ConfigEntry("flint.rdd.compress", default: "true",
        "Compress serialised cached blocks (MEMORY_ONLY_SER, MEMORY_AND_DISK_SER, disk) with flint.io.compression.codec (Spark's default is false).")
    /// `flint.io.compression.codec`: see its `doc`.
    public static let compressionCodec = ConfigEntry("flint.io.compression.codec", default: "snappy",
        "Codec for shuffle blocks, spills and serialised cached blocks: snappy or none.")
    /// `flint.shuffle.file.buffer`: see its `doc`.
    public static let shuffleFileBuffer = ConfigEntry("flint.shuffle.file.buffer", default: "32k",
        "Size of a serialised buffer per reduce partition before it is compressed into a frame.")
    /// `flint.sql.shuffle.partitions`: see its `doc`.
    public static let sqlShufflePartitions = ConfigEntry("flint.sql.shuffle.partitions", default: "200",
        "Number of partitions of DataFrame and SQL shuffles (aggregations, joins, sorts), as spark.sql.shuffle.partitions.")
    /// `flint.sql.autoBroadcastJoinThreshold`: see its `doc`.
    public static let sqlAutoBroadcastJoinThreshold = ConfigEntry("flint.sql.autoBroadcastJoinThreshold", default: "10m",
        "Largest estimated size of a join side that is broadcast (collected and joined in every task) instead of shuffled; -1 disables.")
    /// `flint.sql.adaptive.coalescePartitions.enabled`: see its `doc`.
    public static let sqlAdaptiveCoalesce = ConfigEntry("flint.sql.adaptive.coalescePartitions.enabled", default: "true",
        "Run each aggregation and join shuffle's map side first and read its reduce partitions in groups of about the advisory size, as Spark's adaptive execution.")
    /// `flint.sql.adaptive.advisoryPartitionSizeInBytes`: see its `doc`.
    public static let sqlAdaptiveAdvisorySize = ConfigEntry("flint.sql.adaptive.advisoryPartitionSizeInBytes", default: "64m",
        "Target size of a coalesced shuffle partition (stored bytes).")
    /// `flint.sql.adaptive.coalescePartitions.minPartitionSize`: see its `doc`.
    public static let sqlAdaptiveMinPartitionSize = ConfigEntry("flint.sql.adaptive.coalescePartitions.minPartitionSize", default: "1m",
        "Smallest size of a coalesced partition; below the advisory size, partitions are sized to keep every core busy (parallelism first).")
    /// `flint.sql.optimizer.runtimeFilter.semiJoinReduction.enabled`: see its `doc`.
    public static let sqlSemiJoinReduction = ConfigEntry("flint.sql.optimizer.runtimeFilter.semiJoinReduction.enabled", default: "true",
        "Before a shuffle join, semi-join one side with the keys of a small filtered relation that the other side is joined with (Spark's runtime filter; Spark's default is false).")
    /// `flint.sql.csv.parser.columnPruning.enabled`: see its `doc`.
    public static let sqlCSVColumnPruning = ConfigEntry("flint.sql.csv.parser.columnPruning.enabled", default: "true",
        "Convert only the CSV columns a query reads; malformed fields in other columns then go unnoticed (as Spark's).")
    /// `flint.sql.csv.filterPushdown.enabled`: see its `doc`.
    public static let sqlCSVFilterPushdown = ConfigEntry("flint.sql.csv.filterPushdown.enabled", default: "true",
        "Skip CSV records that a pushed column = 'text' filter rules out before converting them; their malformed fields then go unnoticed (as Spark's).")
    /// `flint.sql.files.maxPartitionBytes`: see its `doc`.
    public static let sqlFilesMaxPartitionBytes = ConfigEntry("flint.sql.files.maxPartitionBytes", default: "128m",
        "Largest split of a DataFrame file scan (CSV, JSON, text, LIBSVM), as spark.sql.files.maxPartitionBytes.")
    /// `flint.sql.files.openCostInBytes`: see its `doc`.
    public static let sqlFilesOpenCostInBytes = ConfigEntry("flint.sql.files.openCostInBytes", default: "4m",
        "The cost of opening a file, counted as that many bytes when DataFrame file scans size their splits.")
    /// `flint.sql.files.minPartitionNum`: see its `doc`.
    public static let sqlFilesMinPartitionNum = ConfigEntry("flint.sql.files.minPartitionNum", default: nil,
        "Splits a DataFrame file scan aims for at least, below maxPartitionBytes (default: the default parallelism).")
    /// `flint.ui.showConsoleProgress`: see its `doc`.
    public static let consoleProgress = ConfigEntry("flint.ui.showConsoleProgress", default: "true",
        "Show the stage progress bar on stderr when it is a terminal.")
    /// `flint.log.level`: see its `doc`.
    public static let logLevel = ConfigEntry("flint.log.level", default: "warning",
        "Log level: trace, debug, info, notice, warning, error, critical (env FLINT_LOG_LEVEL overrides).")

    /// Every key the engine reads.
    public static let all: [ConfigEntry] = [
        master, appName, defaultParallelism, executorMemory, driverMemory, memoryFraction, memoryStorageFraction,
        taskMaxFailures, localDir, shuffleCompress, shuffleSpillCompress, rddCompress,
        compressionCodec, shuffleFileBuffer, sqlShufflePartitions, sqlAutoBroadcastJoinThreshold, sqlAdaptiveCoalesce,
        sqlAdaptiveAdvisorySize, sqlAdaptiveMinPartitionSize, sqlSemiJoinReduction, sqlCSVColumnPruning, sqlCSVFilterPushdown,
        sqlFilesMaxPartitionBytes, sqlFilesOpenCostInBytes, sqlFilesMinPartitionNum, consoleProgress, logLevel,
    ]
}
