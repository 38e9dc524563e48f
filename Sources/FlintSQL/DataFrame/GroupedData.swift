/// A DataFrame grouped by keys, as Spark's `RelationalGroupedDataset`: `agg` computes
/// aggregates per group; `count`, `sum`, `avg`, `min`, `max` are shortcuts.
public struct GroupedData: Sendable {
    let frame: DataFrame
    let keys: [Column]

    /// One row per group: the keys, then the aggregates.
    public func agg(_ aggregates: Column...) throws -> DataFrame { try agg(aggregates) }

    /// One row per group: the keys, then the aggregates.
    public func agg(_ aggregates: [Column]) throws -> DataFrame {
        let keyExpressions = keys.map(\.expression)
        return try DataFrame(session: frame.session,
                             plan: .aggregate(grouping: keyExpressions, aggregates: keyExpressions + aggregates.map(\.expression), frame.plan))
    }

    /// The number of rows per group, as column `count`.
    public func count() throws -> DataFrame { try agg(FlintSQL.count("*").alias("count")) }
    /// Sums of the columns named.
    public func sum(_ names: String...) throws -> DataFrame { try agg(names.map { FlintSQL.sum($0) }) }
    /// Means of the columns named.
    public func avg(_ names: String...) throws -> DataFrame { try agg(names.map { FlintSQL.avg($0) }) }
    /// Minimums of the columns named.
    public func min(_ names: String...) throws -> DataFrame { try agg(names.map { FlintSQL.min($0) }) }
    /// Maximums of the columns named.
    public func max(_ names: String...) throws -> DataFrame { try agg(names.map { FlintSQL.max($0) }) }
}
