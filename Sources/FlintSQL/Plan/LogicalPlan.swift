/// A query as a tree of relational operators, as Spark's `LogicalPlan`: built unresolved by
/// the DataFrame API and the SQL parser, resolved by the analyzer, rewritten by the optimizer,
/// then compiled into physical operators over RDDs.
public indirect enum LogicalPlan: Hashable, Sendable, Codable {
    /// A table or view by name (`db.t` → `["db", "t"]`), before analysis.
    case unresolvedRelation([String])
    /// Rows held in the plan (`createDataFrame`, `VALUES`, `SELECT` without `FROM`).
    case localRelation(output: [Attribute], rows: [[Value]])
    /// Files read through a data source (CSV, JSON, text, LIBSVM).
    case fileScan(FileRelation)
    /// An RDD of column batches registered in this process (DataFrames made from RDDs).
    case rddScan(RDDRelation)
    /// `SELECT expressions` (each named: an attribute or an alias).
    case project([Expression], LogicalPlan)
    /// `WHERE condition` / `HAVING condition`.
    case filter(Expression, LogicalPlan)
    /// `GROUP BY grouping` with output `aggregates` (grouping expressions and aggregate calls).
    case aggregate(grouping: [Expression], aggregates: [Expression], LogicalPlan)
    /// `ORDER BY` (global) or `sortWithinPartitions` (not global).
    case sort([SortOrder], isGlobal: Bool, LogicalPlan)
    /// `LIMIT n`.
    case limit(Int, LogicalPlan)
    /// A join; `using` names columns of `USING (...)` / `join(other, on: ["a"])`, which the
    /// analyzer turns into an equality condition and a merged output column.
    case join(LogicalPlan, LogicalPlan, JoinType, condition: Expression?, using: [String])
    /// `UNION ALL` of plans with the same number of columns (by position), or by column name.
    case union([LogicalPlan], byName: Bool, allowMissingColumns: Bool)
    /// `INTERSECT [ALL]` / `EXCEPT [ALL]`.
    case setOperation(SetOperation, LogicalPlan, LogicalPlan, isAll: Bool)
    /// `SELECT DISTINCT` / `distinct()`.
    case distinct(LogicalPlan)
    /// `dropDuplicates(columns)`: one row (the first seen) per distinct value of the keys.
    case deduplicate(keys: [Expression], LogicalPlan)
    /// `... AS alias`: qualifies the child's columns with `alias`.
    case subqueryAlias(String, LogicalPlan)
    /// Window functions computed over the child, appended to its columns (built by the analyzer).
    case window([Expression], LogicalPlan)
    /// `WITH name AS (query), ... query`, before analysis.
    case with([CommonTableExpression], LogicalPlan)
    /// The rows whose pseudo-random draw in [0, 1) falls in [lowerBound, upperBound)
    /// (`sample`, `randomSplit`): the draw depends on the seed, the partition and the row's
    /// position in it, so the same plan over the same input always keeps the same rows.
    case sample(lowerBound: Double, upperBound: Double, seed: Int64, LogicalPlan)
    /// `repartition(n)` (a round-robin shuffle) or `coalesce(n)` (partitions merged without a
    /// shuffle).
    case repartition(Int, shuffle: Bool, LogicalPlan)
    /// `repartition(cols)` / `repartition(n, cols)`: rows shuffled by the hash of the
    /// expressions into `numPartitions` partitions (nil: `flint.sql.shuffle.partitions`), as
    /// Spark's RepartitionByExpression.
    case repartitionByExpression([Expression], numPartitions: Int?, LogicalPlan)

    /// The direct children.
    public var children: [LogicalPlan] {
        switch self {
        case .unresolvedRelation, .localRelation, .fileScan, .rddScan: []
        case let .project(_, child), let .filter(_, child), let .aggregate(_, _, child), let .sort(_, _, child),
             let .limit(_, child), let .distinct(child), let .deduplicate(_, child), let .subqueryAlias(_, child),
             let .window(_, child), let .with(_, child), let .sample(_, _, _, child), let .repartition(_, _, child),
             let .repartitionByExpression(_, _, child):
            [child]
        case let .join(left, right, _, _, _), let .setOperation(_, left, right, _): [left, right]
        case let .union(children, _, _): children
        }
    }
}

/// `WITH name AS (query)`.
public struct CommonTableExpression: Hashable, Sendable, Codable {
    /// The name the query is referred to by.
    public var name: String
    /// The query.
    public var plan: LogicalPlan

    /// Creates a CTE.
    public init(name: String, plan: LogicalPlan) {
        self.name = name
        self.plan = plan
    }
}

/// The kinds of join, with Spark's names.
public enum JoinType: String, Hashable, Sendable, Codable, CaseIterable {
    case inner
    case leftOuter = "left_outer"
    case rightOuter = "right_outer"
    case fullOuter = "full_outer"
    case leftSemi = "left_semi"
    case leftAnti = "left_anti"
    case cross

    /// Parses a join type as Spark's `join(other, on, how)` does: `inner`, `cross`, `outer`,
    /// `full`, `fullouter`, `full_outer`, `left`, `leftouter`, `left_outer`, `right`,
    /// `rightouter`, `right_outer`, `semi`, `leftsemi`, `left_semi`, `anti`, `leftanti`,
    /// `left_anti` (case-insensitive); nil otherwise.
    public init?(sparkName: String) {
        switch sparkName.lowercased().replacingOccurrences(of: "_", with: "") {
        case "inner": self = .inner
        case "cross": self = .cross
        case "outer", "full", "fullouter": self = .fullOuter
        case "left", "leftouter": self = .leftOuter
        case "right", "rightouter": self = .rightOuter
        case "semi", "leftsemi": self = .leftSemi
        case "anti", "leftanti": self = .leftAnti
        default: return nil
        }
    }
}

extension JoinType {
    /// The name plans print, as Spark's (`Inner`, `LeftOuter`, `LeftSemi`, ...).
    public var planName: String {
        rawValue.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

/// `INTERSECT` or `EXCEPT`.
public enum SetOperation: String, Hashable, Sendable, Codable {
    case intersect = "INTERSECT"
    case except = "EXCEPT"
}

/// Files read through a data source, with what the optimizer pushed into the scan.
public struct FileRelation: Hashable, Sendable, Codable {
    /// `csv`, `json`, `text`, `libsvm`.
    public var format: String
    /// The paths given (files, directories, globs).
    public var paths: [String]
    /// The reader options (`header`, `sep`, ...), keys lower-cased.
    public var options: [String: String]
    /// The columns of the files.
    public var output: [Attribute]
    /// The columns the query needs (projection pruning); nil means all.
    public var requiredColumns: [Attribute]?
    /// Conjuncts the scan evaluates while reading (predicate pushdown).
    public var pushedFilters: [Expression]

    /// Creates a relation reading all columns.
    public init(format: String, paths: [String], options: [String: String], output: [Attribute]) {
        self.format = format
        self.paths = paths
        self.options = options
        self.output = output
        requiredColumns = nil
        pushedFilters = []
    }
}

/// An RDD of column batches, known by an id in this process's registry.
public struct RDDRelation: Hashable, Sendable, Codable {
    /// The id in `RDDRelationRegistry`.
    public var id: Int
    /// The columns.
    public var output: [Attribute]
    /// A name for plans (`ExistingRDD`, `LogicalRDD`).
    public var name: String

    /// Creates a relation.
    public init(id: Int, output: [Attribute], name: String) {
        self.id = id
        self.output = output
        self.name = name
    }
}

import Foundation
