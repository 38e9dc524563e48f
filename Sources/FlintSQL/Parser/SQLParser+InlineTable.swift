extension SQLParser {
    /// Reads what follows `VALUES` into a local relation:
    /// ```
    /// VALUES row (',' row)* [[AS] alias [(name, ...)]]      row := '(' literal, ... ')' | literal
    /// ```
    /// Columns are named `col1`, `col2`, ... unless the alias names them; each column takes the
    /// widest type of its cells (`INT` and `BIGINT` make `BIGINT`, a date and a timestamp make
    /// `TIMESTAMP`; all nulls make the null type), and cells are widened to it. Cells must be
    /// literals (`-1`, `'a'`, `NULL`, `DATE '2024-01-31'`). O(number of cells).
    mutating func parseInlineTableBody() throws(SQLSyntaxError) -> LogicalPlan {
        var rows: [[Value]] = []
        var rowStarts: [Int] = []
        repeat {
            rowStarts.append(index)
            let row = try parseInlineRow()
            if let width = rows.first?.count, row.count != width {
                throw error(.invalidInlineTable("expected \(width) values in each row, found \(row.count)"),
                            at: rowStarts[rows.count])
            }
            rows.append(row)
        } while accept(.comma)
        let width = rows[0].count
        var names = (1...width).map { "col\($0)" }
        let alias = try parseOptionalAlias()
        if alias != nil, isAt(.leftParenthesis) {
            let listStart = index
            names = try parseIdentifierList()
            guard names.count == width else {
                throw error(.invalidInlineTable("\(names.count) column names for \(width) columns"), at: listStart)
            }
        }
        var output: [Attribute] = []
        for (column, name) in names.enumerated() {
            var type = DataType.null
            for (position, row) in rows.enumerated() {
                guard let widened = type.widened(with: row[column].dataType) else {
                    throw error(.invalidInlineTable("column \(name) mixes \(type.simpleString) and "
                                                    + "\(row[column].dataType.simpleString) values"),
                                at: rowStarts[position])
                }
                type = widened
            }
            output.append(Attribute(name: name, dataType: type, nullable: rows.contains { $0[column].isNull }))
        }
        let table = LogicalPlan.localRelation(output: output, rows: rows.map { row in
            zip(row, output).map { Self.widen($0, to: $1.dataType) }
        })
        return alias.map { .subqueryAlias($0, table) } ?? table
    }

    /// Reads `(literal, ...)` or a single literal.
    private mutating func parseInlineRow() throws(SQLSyntaxError) -> [Value] {
        guard accept(.leftParenthesis) else { return [try parseInlineCell()] }
        var row = [try parseInlineCell()]
        while accept(.comma) { row.append(try parseInlineCell()) }
        try expect(.rightParenthesis)
        return row
    }

    /// Reads one cell, which must be a literal.
    private mutating func parseInlineCell() throws(SQLSyntaxError) -> Value {
        let start = index
        guard case let .literal(value) = try parseExpression() else {
            throw error(.invalidInlineTable("a cell must be a literal"), at: start)
        }
        return value
    }

    /// `value` as a value of `type`, a type it widens to (see `DataType.widened(with:)`).
    private static func widen(_ value: Value, to type: DataType) -> Value {
        switch (type, value) {
        case (_, .null): value
        case (.long, _): value.longValue.map(Value.long) ?? value
        case (.float, _): value.doubleValue.map { .float(Float($0)) } ?? value
        case (.double, _): value.doubleValue.map(Value.double) ?? value
        case let (.timestamp, .date(days)): .timestamp(Int64(days) * 86_400_000_000)
        default: value
        }
    }
}
