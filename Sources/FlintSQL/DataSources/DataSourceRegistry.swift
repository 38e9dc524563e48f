import FlintCore

/// The file formats a session reads, by name (csv, json, text, libsvm): each resolves a relation (its schema, inferred
/// when the format does so and none was given) and scans it into batches.
final class DataSourceRegistry: Sendable {
    /// The relation of `paths` read as `format`.
    /// - Throws: `AnalysisError.unsupported` for an unknown format; what the source throws.
    func relation(format: String, paths: [String], options: [String: String], schema: StructType?,
                  context: FlintContext) throws -> FileRelation {
        guard !paths.isEmpty else { throw AnalysisError.unsupported("no path given to read \(format) from") }
        let resolved: StructType
        var options = options
        switch format {
        case "text":
            resolved = schema ?? StructType([StructField("value", .string)])
        case "csv":
            resolved = try CSVSource.schema(paths: paths, options: options, given: schema, context: context)
        case "json":
            resolved = try JSONLinesSource.schema(paths: paths, options: options, given: schema, context: context)
        case "libsvm":
            options = try LibSVMSource.resolvedOptions(paths: paths, options: options, given: schema, context: context)
            resolved = LibSVMSource.schema
        default:
            throw AnalysisError.unsupported("the data source '\(format)' is not available; known: csv, json, text, libsvm")
        }
        let output = resolved.fields.map { Attribute(name: $0.name, dataType: $0.dataType, nullable: $0.nullable) }
        return FileRelation(format: format, paths: paths, options: options, output: output)
    }

    /// The batches of a file relation (its required columns, when pruned).
    func scan(_ relation: FileRelation, context: FlintContext) throws -> RDD<ColumnBatch> {
        switch relation.format {
        case "csv":
            return try CSVSource.scan(relation, context: context)
        case "json":
            return try JSONLinesSource.scan(relation, context: context)
        case "libsvm":
            return try LibSVMSource.scan(relation, context: context)
        case "text":
            let lines = try context.fileScanLines(relation.paths.joined(separator: ","))
            let schema = StructType(relation.output.map(\.field))
            return lines.mapPartitions { input in
                input.mapBatches { chunk in [ColumnBatch(schema: schema, columns: [ColumnVector(dataType: .string, storage: .string(chunk))],
                                                         rowCount: chunk.count)] }
            }
        default:
            throw AnalysisError.unsupported("the data source '\(relation.format)' is not available")
        }
    }
}
