import FlintCore
import Synchronization

/// The entry point of the DataFrame and SQL API, as Spark's `SparkSession`: it wraps a
/// `FlintContext`, holds the temporary views (`catalog`) and functions, and creates
/// DataFrames (`createDataFrame`, `range`, `table`, `read`, `sql`).
public final class FlintSession: @unchecked Sendable {
    /// The engine underneath (Spark's `sparkContext`).
    public let context: FlintContext
    /// Temporary views.
    public let catalog = Catalog()
    /// Built-in and registered functions.
    public let functions = FunctionRegistry()
    let dataSources = DataSourceRegistry()
    let cacheManager = CacheManager()
    private let rdds = Mutex<[Int: RDD<ColumnBatch>]>([:])
    private let nextRDDId = Atomic<Int>(0)

    /// A session over `context`; it becomes the `activeSession`.
    public init(context: FlintContext) {
        self.context = context
        FlintSession.latest.withLock { $0.session = self }
    }

    private final class WeakReference: @unchecked Sendable { weak var session: FlintSession? }
    private static let latest = Mutex(WeakReference())

    /// The most recently created session that is still referenced, as Spark's
    /// `SparkSession.getActiveSession`: what APIs without a DataFrame argument (such as a loaded
    /// model's factor tables) build their DataFrames in. `nil` when there is none.
    public static var activeSession: FlintSession? { latest.withLock { $0.session } }

    /// A session over a new context for `master` and `appName`.
    /// - Throws: what `FlintContext.init` throws.
    public convenience init(master: String, appName: String) throws {
        self.init(context: try FlintContext(master: master, appName: appName))
    }

    /// The runtime configuration (Spark's `spark.conf`): the context's, so `conf.set` changes
    /// the SQL settings (`flint.sql.*`) of the next query.
    public var conf: FlintConf { context.conf }

    /// Checks the `flint.sql.*` settings a query reads, before it runs.
    /// - Throws: `FlintConfError.invalidValue` naming the key and its bad value.
    func checkSQLConf() throws {
        let partitions = try context.conf.getInt(ConfigEntry.sqlShufflePartitions, default: 200)
        guard partitions > 0 else {
            throw FlintConfError.invalidValue(key: ConfigEntry.sqlShufflePartitions.key, value: "\(partitions)", expected: "a positive integer")
        }
        if let text = context.conf.get(ConfigEntry.sqlAutoBroadcastJoinThreshold), (Int(text) ?? 0) >= 0 {
            _ = try context.conf.getSizeAsBytes(ConfigEntry.sqlAutoBroadcastJoinThreshold, default: 10 << 20, defaultUnit: 1)
        }
        _ = try context.conf.getBoolean(ConfigEntry.sqlCSVColumnPruning, default: true)
        _ = try context.conf.getBoolean(ConfigEntry.sqlCSVFilterPushdown, default: true)
        _ = try context.conf.getBoolean(ConfigEntry.sqlAdaptiveCoalesce, default: true)
        _ = try context.conf.getBoolean(ConfigEntry.sqlSemiJoinReduction, default: true)
        for entry in [ConfigEntry.sqlAdaptiveAdvisorySize, ConfigEntry.sqlAdaptiveMinPartitionSize] {
            guard try context.conf.getSizeAsBytes(entry, default: 1, defaultUnit: 1) > 0 else {
                throw FlintConfError.invalidValue(key: entry.key, value: context.conf.get(entry) ?? "", expected: "a positive size")
            }
        }
    }

    /// `flint.sql.shuffle.partitions` (200 by default, as Spark), read at each query.
    public var shufflePartitions: Int {
        max(1, (try? context.conf.getInt(ConfigEntry.sqlShufflePartitions, default: 200)) ?? 200)
    }

    /// `flint.sql.adaptive.coalescePartitions.enabled` (true by default), read at each query.
    var adaptiveCoalescing: Bool {
        (try? context.conf.getBoolean(ConfigEntry.sqlAdaptiveCoalesce, default: true)) ?? true
    }

    /// `flint.sql.adaptive.advisoryPartitionSizeInBytes` (64 MiB by default).
    var adaptiveAdvisorySize: Int {
        (try? context.conf.getSizeAsBytes(ConfigEntry.sqlAdaptiveAdvisorySize, default: 64 << 20, defaultUnit: 1)) ?? (64 << 20)
    }

    /// `flint.sql.adaptive.coalescePartitions.minPartitionSize` (1 MiB by default).
    var adaptiveMinPartitionSize: Int {
        (try? context.conf.getSizeAsBytes(ConfigEntry.sqlAdaptiveMinPartitionSize, default: 1 << 20, defaultUnit: 1)) ?? (1 << 20)
    }

    /// `flint.sql.optimizer.runtimeFilter.semiJoinReduction.enabled` (true by default).
    var semiJoinReductionEnabled: Bool {
        (try? context.conf.getBoolean(ConfigEntry.sqlSemiJoinReduction, default: true)) ?? true
    }

    /// `flint.sql.autoBroadcastJoinThreshold` in bytes (10 MiB by default; negative disables).
    public var broadcastThreshold: Int {
        if let text = context.conf.get(ConfigEntry.sqlAutoBroadcastJoinThreshold), let number = Int(text), number < 0 { return -1 }
        return (try? context.conf.getSizeAsBytes(ConfigEntry.sqlAutoBroadcastJoinThreshold, default: 10 << 20, defaultUnit: 1)) ?? (10 << 20)
    }

    var analyzer: Analyzer { Analyzer(catalog: catalog, functions: functions) }

    /// A DataFrame of `rows` (values converted to the schema's column types).
    /// - Throws: `AnalysisError.unsupported` if a row's length differs from the schema's.
    public func createDataFrame(_ rows: [[Value]], schema: StructType) throws -> DataFrame {
        if let bad = rows.firstIndex(where: { $0.count != schema.count }) {
            throw AnalysisError.unsupported("row \(bad) has \(rows[bad].count) values but the schema has \(schema.count) columns")
        }
        let output = schema.fields.map { Attribute(name: $0.name, dataType: $0.dataType, nullable: $0.nullable) }
        let converted = rows.map { row in zip(row, schema.fields).map { Cast.cast($0, to: $1.dataType) } }
        return DataFrame(session: self, analyzed: .localRelation(output: output, rows: converted))
    }

    /// A DataFrame of `rows`.
    public func createDataFrame(_ rows: [Row], schema: StructType) throws -> DataFrame {
        try createDataFrame(rows.map(\.values), schema: schema)
    }

    /// A DataFrame over an RDD of batches of `schema` (the `rdd` of another DataFrame, or
    /// batches built by hand).
    public func createDataFrame(_ batches: RDD<ColumnBatch>, schema: StructType) -> DataFrame {
        let id = newRelationId()
        register(batches, id: id)
        let output = schema.fields.map { Attribute(name: $0.name, dataType: $0.dataType, nullable: $0.nullable) }
        return DataFrame(session: self, analyzed: .rddScan(RDDRelation(id: id, output: output, name: "ExistingRDD")))
    }

    /// A single `id: bigint` column from `start` to `end` (exclusive) by `step`, as Spark's
    /// `range`, in `numPartitions` partitions (default parallelism by default).
    public func range(_ start: Int64, _ end: Int64, step: Int64 = 1, numPartitions: Int? = nil) -> DataFrame {
        let schema = StructType([StructField("id", .long, nullable: false)])
        let batches = context.range(Int(start), Int(end), step: Int(step), numSlices: numPartitions).mapPartitions { ids in
            ids.mapBatches { chunk in
                [ColumnBatch(schema: schema, columns: [ColumnVector(dataType: .long, storage: .int64(chunk.map(Int64.init)))],
                             rowCount: chunk.count)]
            }
        }
        return createDataFrame(batches, schema: schema)
    }

    /// The DataFrame of temporary view `name`.
    /// - Throws: `AnalysisError.tableNotFound`.
    public func table(_ name: String) throws -> DataFrame {
        try DataFrame(session: self, plan: .unresolvedRelation(name.split(separator: ".").map(String.init)))
    }

    func newRelationId() -> Int { nextRDDId.add(1, ordering: .relaxed).oldValue }

    func register(_ batches: RDD<ColumnBatch>, id: Int) { rdds.withLock { $0[id] = batches } }

    func registeredRDD(_ id: Int) throws -> RDD<ColumnBatch> {
        guard let rdd = rdds.withLock({ $0[id] }) else { throw ExecutionError.internalError("unknown RDD relation \(id)") }
        return rdd
    }

    /// Stops the underlying context.
    public func stop() { context.stop() }
}
