/// Missing-value handling, as Spark's `DataFrameNaFunctions` (`frame.na.drop()`,
/// `frame.na.fill(0)`). A NaN counts as missing in numeric columns, as in Spark.
public struct DataFrameNaFunctions: Sendable {
    let frame: DataFrame

    /// Without the rows that have nulls (or NaNs) in `subset` (all columns by default): `how`
    /// "any" drops a row with at least one, "all" a row with only those; `minNonNulls` (Spark's
    /// `thresh`), when given, keeps rows with at least that many non-null values and wins over `how`.
    /// - Throws: `AnalysisError` for an unknown column or a `how` other than any/all.
    public func drop(how: String = "any", minNonNulls: Int? = nil, subset: [String]? = nil) throws -> DataFrame {
        guard ["any", "all"].contains(how.lowercased()) else {
            throw AnalysisError.unsupported("how must be 'any' or 'all', got '\(how)'")
        }
        let columns = try (subset ?? frame.columns).map { name in Column(.attribute(try frame.session.analyzer.resolveColumn([name], input: frame.plan.output))) }
        let present = columns.map { column -> Column in
            let notNull = column.isNotNull()
            return column.expression.dataType == .double || column.expression.dataType == .float
                ? notNull && !Column(.function(name: "isnan", arguments: [column.expression], isDistinct: false)) : notNull
        }
        let count = present.map { when($0, 1).otherwise(0) }.reduce(lit(0)) { $0 + $1 }
        let threshold = minNonNulls ?? (how.lowercased() == "any" ? columns.count : 1)
        return try frame.filter(count >= threshold)
    }

    /// Nulls (and NaNs) in the columns of `value`'s kind replaced by `value`: a number fills
    /// numeric columns, a string fills string columns, a Bool boolean columns; `subset` limits
    /// the columns.
    public func fill(_ value: Any, subset: [String]? = nil) throws -> DataFrame {
        let wanted = Set((subset ?? frame.columns).map { $0.lowercased() })
        let literal = lit(value).expression
        let list = frame.plan.output.map { attribute -> Expression in
            guard wanted.contains(attribute.name.lowercased()), Self.fills(attribute.dataType, with: literal.dataType) else {
                return .attribute(attribute)
            }
            var check = Expression.unary(.isNull, .attribute(attribute))
            if attribute.dataType == .double || attribute.dataType == .float {
                check = .binary(.or, check, .function(name: "isnan", arguments: [.attribute(attribute)], isDistinct: false))
            }
            return .alias(.caseWhen([WhenClause(condition: check, value: .cast(literal, attribute.dataType))],
                                    otherwise: .attribute(attribute)), name: attribute.name, id: Attribute.newId())
        }
        return try frame.select(list.map(Column.init))
    }

    /// Nulls replaced column by column: `["age": 0, "name": "unknown"]`.
    public func fill(_ values: [String: Any]) throws -> DataFrame {
        try values.keys.sorted().reduce(frame) { current, name in try current.na.fill(values[name]!, subset: [name]) }
    }

    private static func fills(_ column: DataType, with value: DataType) -> Bool {
        (column.isNumeric && value.isNumeric) || (column == value)
    }
}

extension DataFrame {
    /// Missing-value handling: `na.drop()`, `na.fill(...)`.
    public var na: DataFrameNaFunctions { DataFrameNaFunctions(frame: self) }
}
