extension FlintSession {
    /// Runs one SQL statement, as Spark's `spark.sql`: a query gives its DataFrame (lazy, as
    /// any DataFrame); `CREATE [OR REPLACE] TEMP VIEW`, `DROP VIEW`, `SHOW TABLES`, `DESCRIBE`
    /// and `EXPLAIN` run at once and return their result as a DataFrame.
    /// - Throws: `SQLSyntaxError` (with line and column) for text that does not parse,
    ///   `AnalysisError` for unknown tables, columns or functions.
    public func sql(_ text: String) throws -> DataFrame {
        try execute(try SQLParser.parseStatement(text))
    }

    /// Runs one parsed statement (see `sql(_:)`); scripts come from `SQLParser.parseStatements`.
    /// - Throws: `AnalysisError` for unknown tables, columns or functions.
    public func execute(_ statement: SQLStatement) throws -> DataFrame {
        switch statement {
        case let .query(plan):
            return try DataFrame(session: self, plan: plan)
        case let .createTempView(name, replace, query):
            let frame = try DataFrame(session: self, plan: query)
            try catalog.createTempView(name, plan: frame.plan, replace: replace)
            return try createDataFrame([[Value]](), schema: StructType())
        case let .dropView(name, ifExists):
            if !catalog.dropTempView(name), !ifExists { throw AnalysisError.tableNotFound(name: name) }
            return try createDataFrame([[Value]](), schema: StructType())
        case .showTables:
            return try createDataFrame(catalog.listTables().map { [.string(""), .string($0), .boolean(true)] },
                                       schema: StructType([StructField("namespace", .string), StructField("tableName", .string),
                                                           StructField("isTemporary", .boolean)]))
        case let .describe(name):
            let fields = try catalog.listColumns(name)
            return try createDataFrame(fields.map { [.string($0.name), .string($0.dataType.simpleString), .null] },
                                       schema: StructType([StructField("col_name", .string), StructField("data_type", .string),
                                                           StructField("comment", .string)]))
        case let .explain(plan, extended):
            let frame = try DataFrame(session: self, plan: plan)
            return try createDataFrame([[.string(frame.explainString(extended: extended))]],
                                       schema: StructType([StructField("plan", .string)]))
        }
    }
}

extension DataFrame {
    /// The SQL expressions given, as Spark's `selectExpr`: `selectExpr("a + 1 AS b", "upper(name)")`.
    /// - Throws: `SQLSyntaxError` or `AnalysisError`.
    public func selectExpr(_ expressions: String...) throws -> DataFrame {
        try select(expressions.map { Column(try SQLParser.parseExpression($0)) })
    }

    /// The rows where the SQL condition holds: `filter("age > 30 AND dept = 'eng'")`.
    /// - Throws: `SQLSyntaxError` or `AnalysisError`.
    public func filter(_ condition: String) throws -> DataFrame { try filter(Column(try SQLParser.parseExpression(condition))) }

    /// The rows where the SQL condition holds (Spark's `where`).
    public func `where`(_ condition: String) throws -> DataFrame { try filter(condition) }
}

/// A column from a SQL expression, as Spark's `expr`: `expr("salary * 1.1")`.
/// - Throws: `SQLSyntaxError` for text that does not parse.
public func expr(_ text: String) throws -> Column { Column(try SQLParser.parseExpression(text)) }
