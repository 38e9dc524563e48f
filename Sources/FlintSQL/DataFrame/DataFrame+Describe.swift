extension DataFrame {
    /// Statistics of the numeric and string columns named (all of them by default), as Spark's
    /// `describe`: a `summary` column (count, mean, stddev, min, max) and one string column per
    /// input column. One aggregation job.
    public func describe(_ names: String...) throws -> DataFrame {
        try summarize(names, statistics: ["count", "mean", "stddev", "min", "max"])
    }

    /// As `describe`, with the quartiles (Spark's `summary()`): count, mean, stddev, min, 25%,
    /// 50%, 75%, max. Quartiles are exact (the value at rank ⌈p·n⌉), one sort job per column.
    public func summary() throws -> DataFrame {
        try summarize([], statistics: ["count", "mean", "stddev", "min", "25%", "50%", "75%", "max"])
    }

    private func summarize(_ names: [String], statistics: [String]) throws -> DataFrame {
        let fields = (names.isEmpty ? schema.fields.map(\.name) : names).map { name in
            schema.fields.first { $0.name.lowercased() == name.lowercased() }
        }.compactMap { $0 }.filter { $0.dataType.isNumeric || $0.dataType == .string }
        var aggregates: [Column] = []
        for field in fields {
            let column = col(field.name)
            let numeric = field.dataType.isNumeric
            aggregates += [FlintSQL.count(column), numeric ? avg(column) : lit(Value.null), numeric ? stddev(column) : lit(Value.null),
                           min(column), max(column)]
        }
        let row = try GroupedData(frame: self, keys: []).agg(aggregates).collect().first?.values ?? []
        var table: [[Value]] = []
        for statistic in statistics {
            var line: [Value] = [.string(statistic)]
            for (index, field) in fields.enumerated() {
                let base = index * 5
                let value: Value
                switch statistic {
                case "count": value = row[base]
                case "mean": value = row[base + 1]
                case "stddev": value = row[base + 2]
                case "min": value = row[base + 3]
                case "max": value = row[base + 4]
                default: value = field.dataType.isNumeric ? try quantile(field.name, Double(statistic.dropLast())! / 100) : .null
                }
                line.append(value.isNull ? .null : .string(value.description))
            }
            table.append(line)
        }
        let resultSchema = StructType([StructField("summary", .string)] + fields.map { StructField($0.name, .string) })
        return try session.createDataFrame(table, schema: resultSchema)
    }

    private func quantile(_ name: String, _ p: Double) throws -> Value {
        let values = try select(col(name)).na.drop().orderBy(name)
        let n = try values.count()
        guard n > 0 else { return .null }
        let rank = Swift.max(1, Int((p * Double(n)).rounded(.up)))
        return try values.limit(rank).collect().last?[0] ?? .null
    }
}
