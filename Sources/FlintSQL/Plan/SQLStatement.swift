/// A parsed SQL statement: a query, or a command.
public enum SQLStatement: Hashable, Sendable {
    /// A query (`SELECT ...`, `WITH ...`, `VALUES ...`, `TABLE t`).
    case query(LogicalPlan)
    /// `CREATE [OR REPLACE] [GLOBAL] TEMP[ORARY] VIEW name AS query`.
    case createTempView(name: String, replace: Bool, query: LogicalPlan)
    /// `DROP VIEW [IF EXISTS] name`.
    case dropView(name: String, ifExists: Bool)
    /// `SHOW TABLES`.
    case showTables
    /// `DESCRIBE [TABLE] name` (also `DESC`).
    case describe(name: String)
    /// `EXPLAIN [EXTENDED] query`.
    case explain(LogicalPlan, extended: Bool)
}
