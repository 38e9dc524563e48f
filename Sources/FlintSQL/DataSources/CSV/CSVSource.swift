import FlintCore

/// The CSV data source on top of `textFile`: schema from the options (given, or the header's
/// names with inferred or string types), then each text split decoded into batches. A FAILFAST
/// error reports the line number in its file: the split's first line number is counted only
/// when an error needs it.
enum CSVSource {
    /// The schema of `paths`: the given one, else names from the header (or `_c0`, `_c1`, ...)
    /// and types from one pass over the data when `inferSchema` is true (strings otherwise).
    /// - Throws: `DataSourceError` for bad options, what reading the files throws.
    static func schema(paths: [String], options raw: [String: String], given: StructType?,
                       context: FlintContext) throws -> StructType {
        let options = try CSVOptions(DataSourceOptions(raw))
        if let given { return given }
        let lines = try context.fileScanLines(paths.joined(separator: ","))
        guard let firstLine = try lines.filter({ !$0.isEmpty }).take(1).first else { return StructType() }
        let fields = CSVParser(options: options).fields(of: firstLine)
        let names = options.header ? CSVSchemaInference.columnNames(firstLine: fields, options: options)
                                   : fields.indices.map { "_c\($0)" }
        guard options.inferSchema else {
            return CSVSchemaInference.schema(names: names, types: names.map { _ in .string })
        }
        let header = options.header ? firstLine : nil
        let perPartition = try lines.mapPartitions { input in
            var types = [DataType](repeating: .null, count: names.count)
            try input.forEachBatch { chunk in
                CSVSchemaInference.inferTypes(lines: chunk.filter { $0 != header }, options: options, into: &types)
            }
            return BatchIterator([types])
        }.collect()
        let types = perPartition.reduce([DataType](repeating: .null, count: names.count), CSVSchemaInference.merge)
        return CSVSchemaInference.schema(names: names, types: types)
    }

    /// The batches of `relation`'s files.
    static func scan(_ relation: FileRelation, context: FlintContext) throws -> RDD<ColumnBatch> {
        let options = try CSVOptions(DataSourceOptions(relation.options))
        let schema = StructType(relation.output.map(\.field))
        let pruning = try context.conf.getBoolean(ConfigEntry.sqlCSVColumnPruning, default: true)
        let required = requiredIndices(relation, corruptColumn: options.columnNameOfCorruptRecord, pruning: pruning)
        let lines = try context.fileScanLines(relation.paths.joined(separator: ","))
        // Pushed equalities skip records before conversion (off with the corrupt-record column,
        // whose rows a query may want whatever their fields hold).
        let pushdown = try context.conf.getBoolean(ConfigEntry.sqlCSVFilterPushdown, default: true)
        let rowFilters = !pushdown || relation.output.contains { $0.name == options.columnNameOfCorruptRecord } ? []
            : CSVRowFilter.filters(relation.pushedFilters, output: relation.output)
        let chunks = lines.chunks()
        return chunks.mapPartitionsWithIndex { partition, input in
            let split = lines.split(ofPartition: partition)
            var decoder = try CSVBatchDecoder(schema: schema, options: options, path: split.path, firstLineNumber: 1,
                                              containsHeader: options.header && split.start == 0, requiredColumns: required.decoded,
                                              rowFilters: rowFilters)
            var finished = false
            return BatchIterator {
                guard !finished else { return nil }
                do {
                    while let pieces = try input.nextBatch() {
                        var batches: [ColumnBatch] = []
                        for piece in pieces {
                            try piece.withUnsafeBufferPointer { try decoder.decode(text: $0, into: &batches) }
                        }
                        if !batches.isEmpty { return required.selected.map { columns in batches.map { $0.selecting(columns) } } ?? batches }
                    }
                    finished = true
                    return decoder.finish().map { batch in [required.selected.map(batch.selecting) ?? batch] }
                } catch let DataSourceError.malformedRecord(path, line, record, reason) where split.start > 0 {
                    let first = try TextFileRDD.firstLineNumber(ofSplitAt: split.start, in: path)
                    throw DataSourceError.malformedRecord(path: path, line: line + first - 1, record: record, reason: reason)
                }
            }
        }
    }

    /// The columns a scan decodes and, when it must decode more than the query needs, the ones
    /// it keeps afterwards (indices into the decoded columns). As Spark's CSV column pruning,
    /// which is off when the corrupt-record column is read (its content depends on every field)
    /// and when `flint.sql.csv.parser.columnPruning.enabled` is false.
    private static func requiredIndices(_ relation: FileRelation, corruptColumn: String, pruning: Bool) -> (decoded: [Int]?, selected: [Int]?) {
        guard let required = relation.requiredColumns else { return (nil, nil) }
        let indices = required.map { column in relation.output.firstIndex { $0.id == column.id }! }
        guard !pruning || required.contains(where: { $0.name == corruptColumn }) else { return (indices, nil) }
        return (nil, indices)
    }
}
