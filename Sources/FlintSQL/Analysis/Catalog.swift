import Synchronization

/// The temporary views of a session, as Spark's `Catalog` (`spark.catalog`): names to analysed
/// plans. Names are case-insensitive. Every call takes one lock.
public final class Catalog: Sendable {
    private let views = Mutex<[String: (name: String, plan: LogicalPlan)]>([:])

    /// An empty catalog.
    public init() {}

    /// Registers `plan` as `name`, replacing a view of that name if `replace`.
    /// - Throws: `AnalysisError.unsupported` if the view exists and `replace` is false.
    public func createTempView(_ name: String, plan: LogicalPlan, replace: Bool) throws {
        try views.withLock { views in
            if !replace, views[name.lowercased()] != nil {
                throw AnalysisError.unsupported("[TEMP_TABLE_OR_VIEW_ALREADY_EXISTS] Cannot create the temporary view `\(name)` because it already exists; use createOrReplaceTempView")
            }
            views[name.lowercased()] = (name, plan)
        }
    }

    /// Removes view `name`; returns whether it existed (as Spark's `dropTempView`).
    @discardableResult
    public func dropTempView(_ name: String) -> Bool { views.withLock { $0.removeValue(forKey: name.lowercased()) != nil } }

    /// The plan of view `name`, if registered.
    public func lookup(_ name: String) -> LogicalPlan? { views.withLock { $0[name.lowercased()]?.plan } }

    /// The names of the registered views, sorted (as `SHOW TABLES` lists them).
    public func listTables() -> [String] { views.withLock { $0.values.map(\.name).sorted() } }

    /// The columns of view `name` (as `listColumns`).
    /// - Throws: `AnalysisError.tableNotFound`.
    public func listColumns(_ name: String) throws -> [StructField] {
        guard let plan = lookup(name) else { throw AnalysisError.tableNotFound(name: name) }
        return plan.schema.fields
    }
}
