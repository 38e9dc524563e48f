extension SQLParser {
    /// Reads one statement without its `;`:
    /// ```
    /// statement := query
    ///            | CREATE [OR REPLACE] [GLOBAL] (TEMP | TEMPORARY) VIEW name AS query
    ///            | DROP VIEW [IF EXISTS] name
    ///            | SHOW TABLES
    ///            | (DESCRIBE | DESC) [TABLE] name
    ///            | EXPLAIN [EXTENDED] query
    /// ```
    /// A global temporary view is named `global_temp.name`, the name Spark queries it by.
    mutating func parseStatementBody() throws(SQLSyntaxError) -> SQLStatement {
        if accept(.create) {
            return try parseCreateView()
        }
        if accept(.drop) {
            try expect(.view)
            let ifExists = try accept(.if, .exists)
            return .dropView(name: try parseQualifiedName(), ifExists: ifExists)
        }
        if accept(.show) {
            try expect(.tables)
            return .showTables
        }
        if accept(.describe) || accept(.desc) {
            _ = accept(.table)
            return .describe(name: try parseQualifiedName())
        }
        if accept(.explain) {
            let extended = accept(.extended)
            return .explain(try parseQuery(), extended: extended)
        }
        return .query(try parseQuery())
    }

    /// Reads the rest of `CREATE [OR REPLACE] [GLOBAL] TEMP[ORARY] VIEW name AS query`.
    private mutating func parseCreateView() throws(SQLSyntaxError) -> SQLStatement {
        let replace = try accept(.or, .replace)
        let global = accept(.global)
        guard accept(.temp) || accept(.temporary) else { throw unexpected() }
        try expect(.view)
        let name = try parseIdentifier()
        try expect(.as)
        return .createTempView(name: global ? "global_temp." + name : name, replace: replace, query: try parseQuery())
    }

    /// Reads `name` or `db.name` as one dotted string.
    private mutating func parseQualifiedName() throws(SQLSyntaxError) -> String {
        try parseMultipartIdentifier().joined(separator: ".")
    }
}
