import FlintCore

/// A distributed table with named, typed columns, as Spark's `DataFrame`: transformations
/// return new DataFrames (analysed at once, so a wrong column name fails where it is written),
/// actions (`collect`, `count`, `show`, ...) run jobs.
public struct DataFrame: Sendable {
    /// The session that made it.
    public let session: FlintSession
    /// The analysed logical plan.
    public let plan: LogicalPlan
    /// The plan as built or parsed, before analysis (for `explain(extended: true)`).
    public let parsedPlan: LogicalPlan

    /// Analyses `plan`.
    /// - Throws: `AnalysisError` naming what could not be resolved.
    init(session: FlintSession, plan: LogicalPlan) throws {
        self.session = session
        parsedPlan = plan
        self.plan = try session.analyzer.analyze(plan)
    }

    init(session: FlintSession, analyzed: LogicalPlan) {
        self.session = session
        plan = analyzed
        parsedPlan = analyzed
    }

    func derive(_ build: (LogicalPlan) -> LogicalPlan) throws -> DataFrame {
        try DataFrame(session: session, plan: build(plan))
    }

    // MARK: - Schema

    /// The columns' names and types.
    public var schema: StructType { plan.schema }
    /// The column names.
    public var columns: [String] { schema.fieldNames }
    /// (name, SQL type) pairs, as Spark's `dtypes`.
    public var dtypes: [(String, String)] { schema.fields.map { ($0.name, $0.dataType.simpleString) } }
    /// Prints the schema as a tree (Spark's `printSchema`).
    public func printSchema() { print(schema.treeString + "\n") }

    // MARK: - Transformations

    /// The given columns or expressions.
    public func select(_ columns: Column...) throws -> DataFrame { try select(columns) }
    /// The given columns or expressions.
    public func select(_ columns: [Column]) throws -> DataFrame { try derive { .project(columns.map(\.expression), $0) } }
    /// The columns named.
    public func select(_ first: String, _ rest: String...) throws -> DataFrame { try select(([first] + rest).map(Column.init)) }

    /// The rows where `condition` is true.
    public func filter(_ condition: Column) throws -> DataFrame { try derive { .filter(condition.expression, $0) } }
    /// The rows where `condition` is true (Spark's `where`).
    public func `where`(_ condition: Column) throws -> DataFrame { try filter(condition) }

    /// Adds a column, or replaces the column of that name.
    public func withColumn(_ name: String, _ column: Column) throws -> DataFrame {
        let existing = plan.output
        var list = existing.map { attribute -> Expression in
            attribute.name.lowercased() == name.lowercased() ? .aliased(column.expression, name) : .attribute(attribute)
        }
        if !existing.contains(where: { $0.name.lowercased() == name.lowercased() }) { list.append(.aliased(column.expression, name)) }
        return try derive { .project(list, $0) }
    }

    /// Renames a column (a no-op when there is no such column, as Spark).
    public func withColumnRenamed(_ existing: String, _ newName: String) throws -> DataFrame {
        try derive { input in
            .project(input.output.map { $0.name.lowercased() == existing.lowercased() ? .alias(.attribute($0), name: newName, id: Attribute.newId()) : .attribute($0) }, input)
        }
    }

    /// Without the columns named (names that do not exist are ignored, as Spark).
    public func drop(_ names: String...) throws -> DataFrame {
        let dropped = Set(names.map { $0.lowercased() })
        return try derive { input in .project(input.output.filter { !dropped.contains($0.name.lowercased()) }.map { .attribute($0) }, input) }
    }

    /// Groups by the columns, for `agg` / `count` / `sum` ...
    public func groupBy(_ columns: Column...) -> GroupedData { GroupedData(frame: self, keys: columns) }
    /// Groups by the columns named.
    public func groupBy(_ names: String...) -> GroupedData { GroupedData(frame: self, keys: names.map(Column.init)) }
    /// Aggregates the whole frame (no grouping).
    public func agg(_ columns: Column...) throws -> DataFrame { try GroupedData(frame: self, keys: []).agg(columns) }
    /// Aggregates over all rows, the aggregates given as an array.
    public func agg(_ columns: [Column]) throws -> DataFrame { try GroupedData(frame: self, keys: []).agg(columns) }

    /// Sorted by the keys (ascending by default; `col("a").desc()` for descending).
    public func orderBy(_ keys: SortColumn...) throws -> DataFrame { try derive { .sort(keys.map(\.order), isGlobal: true, $0) } }
    /// Sorted by the columns named, ascending.
    public func orderBy(_ names: String...) throws -> DataFrame {
        try derive { .sort(names.map { SortOrder(Column($0).expression) }, isGlobal: true, $0) }
    }
    /// Sorted by the keys (Spark's `sort`).
    public func sort(_ keys: SortColumn...) throws -> DataFrame { try derive { .sort(keys.map(\.order), isGlobal: true, $0) } }
    /// Each partition sorted by the keys where it is, without a shuffle (Spark's
    /// `sortWithinPartitions`); spills sorted runs to disk when a task's memory runs out.
    public func sortWithinPartitions(_ keys: SortColumn...) throws -> DataFrame {
        try derive { .sort(keys.map(\.order), isGlobal: false, $0) }
    }
    /// Each partition sorted by the columns named, ascending, without a shuffle.
    public func sortWithinPartitions(_ names: String...) throws -> DataFrame {
        try derive { .sort(names.map { SortOrder(Column($0).expression) }, isGlobal: false, $0) }
    }

    /// The first `n` rows.
    public func limit(_ n: Int) throws -> DataFrame { try derive { .limit(max(0, n), $0) } }
    /// Distinct rows.
    public func distinct() throws -> DataFrame { try derive { .distinct($0) } }
    /// One row per distinct value of the columns named (all columns by default).
    public func dropDuplicates(_ names: [String] = []) throws -> DataFrame {
        if names.isEmpty { return try distinct() }
        return try derive { .deduplicate(keys: names.map { Column($0).expression }, $0) }
    }
    /// The rows of both (`UNION ALL`, by column position).
    public func union(_ other: DataFrame) throws -> DataFrame {
        try derive { .union([$0, other.plan], byName: false, allowMissingColumns: false) }
    }
    /// The rows of both, matching columns by name.
    public func unionByName(_ other: DataFrame, allowMissingColumns: Bool = false) throws -> DataFrame {
        try derive { .union([$0, other.plan], byName: true, allowMissingColumns: allowMissingColumns) }
    }
    /// Rows in both (distinct).
    public func intersect(_ other: DataFrame) throws -> DataFrame { try derive { .setOperation(.intersect, $0, other.plan, isAll: false) } }
    /// Rows in this one but not in `other` (distinct; Spark's `except`).
    public func except(_ other: DataFrame) throws -> DataFrame { try derive { .setOperation(.except, $0, other.plan, isAll: false) } }

    /// Joined with `other` on `condition`; `how` is a Spark join type name (`inner`, `left`,
    /// `right`, `full`, `left_semi`, `left_anti`, `cross`, ...).
    /// - Throws: `AnalysisError.unsupported` for an unknown join type.
    public func join(_ other: DataFrame, on condition: Column, how: String = "inner") throws -> DataFrame {
        let type = try Self.joinType(how)
        return try derive { .join($0, other.plan, type, condition: condition.expression, using: []) }
    }
    /// Joined with `other` on equal values of the columns named (each appears once).
    public func join(_ other: DataFrame, using columns: [String], how: String = "inner") throws -> DataFrame {
        let type = try Self.joinType(how)
        return try derive { .join($0, other.plan, type, condition: nil, using: columns) }
    }
    /// Every pair of rows.
    public func crossJoin(_ other: DataFrame) throws -> DataFrame { try derive { .join($0, other.plan, .cross, condition: nil, using: []) } }

    static func joinType(_ name: String) throws -> JoinType {
        guard let type = JoinType(sparkName: name) else {
            throw AnalysisError.unsupported("[UNSUPPORTED_JOIN_TYPE] Unsupported join type '\(name)'. Supported join types include: "
                                            + "'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', "
                                            + "'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', "
                                            + "'left_anti', 'anti', 'cross'")
        }
        return type
    }

    /// Registers the frame as temporary view `name` for `session.sql` and `table`.
    public func createOrReplaceTempView(_ name: String) { try? session.catalog.createTempView(name, plan: plan, replace: true) }

    // MARK: - Actions

    /// The result as column batches, one RDD partition per task: what the engine runs on,
    /// the fastest way to consume a result in RDD code.
    public var batchRDD: RDD<ColumnBatch> {
        get throws {
            try session.checkSQLConf()
            return try QueryExecutor(session: session).execute(optimizedPlan)
        }
    }

    /// The result as an RDD of rows, as Spark's `df.rdd`. Costs a `Row` per row; prefer
    /// `batchRDD` for large results.
    public var rdd: RDD<Row> {
        get throws {
            let schema = self.schema
            return try batchRDD.flatMap { batch in batch.rows.map { Row($0.values, schema: schema) } }
        }
    }

    /// Every row, on the driver.
    public func collect() throws -> [Row] {
        let schema = self.schema
        return try batchRDD.collect().flatMap { $0.rows.map { Row($0.values, schema: schema) } }
    }

    /// The number of rows, as Spark's: a global `count(*)`, so a file scan reads no columns
    /// (and, as Spark, a FAILFAST CSV read does not fail on fields it never converts).
    public func count() throws -> Int {
        guard case let .long(count)? = try GroupedData(frame: self, keys: []).count().collect().first?[0] else { return 0 }
        return Int(count)
    }

    /// The first `n` rows.
    public func take(_ n: Int) throws -> [Row] { try limit(n).collect() }
    /// The first row, or nil when empty.
    public func first() throws -> Row? { try take(1).first }
    /// Whether the frame has no rows.
    public func isEmpty() throws -> Bool { try take(1).isEmpty }
}
