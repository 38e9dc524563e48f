import FlintCore
import FlintLinalg

/// The LIBSVM data source (`read.format("libsvm")`), as Spark's: rows of `label` (double) and
/// `features` (vector), from lines `label index:value ...` with 1-based ascending indices.
/// Options: `numFeatures` (the vector size; when absent, one job over the files finds the
/// largest index, as Spark does) and `vectorType` (`sparse`, the default, or `dense`). A bad
/// line fails the job with its file and line number. Writing produces the same text.
enum LibSVMSource {
    /// The columns of every LIBSVM relation.
    static let schema = StructType([StructField("label", .double, nullable: false), StructField("features", .vector, nullable: false)])

    /// The reader options, checked.
    struct Options {
        let numFeatures: Int?
        let dense: Bool

        init(_ raw: [String: String]) throws {
            let options = DataSourceOptions(raw)
            if let text = options["numfeatures"] {
                guard let count = Int(text), count > 0 else {
                    throw DataSourceError.invalidOption(name: "numFeatures", message: "option 'numFeatures' must be a positive integer, got '\(text)'")
                }
                numFeatures = count
            } else {
                numFeatures = nil
            }
            switch (options["vectortype"] ?? "sparse").lowercased() {
            case "sparse": dense = false
            case "dense": dense = true
            case let other:
                throw DataSourceError.invalidOption(name: "vectorType", message: "option 'vectorType' must be sparse or dense, got '\(other)'")
            }
        }
    }

    /// The options of a relation over `paths`, with `numFeatures` found from the data when not
    /// given. - Throws: `DataSourceError` for bad options, a given schema that is not
    /// LIBSVM's, or a bad record.
    static func resolvedOptions(paths: [String], options raw: [String: String], given: StructType?,
                                context: FlintContext) throws -> [String: String] {
        if let given, given.fields.map(\.dataType) != schema.fields.map(\.dataType) {
            throw DataSourceError.schemaMismatch("LIBSVM data has the schema \(DataType.structure(schema).simpleString), not \(DataType.structure(given).simpleString)")
        }
        let options = try Options(raw)
        guard options.numFeatures == nil else { return raw }
        let lines = try textLines(paths, context: context)
        let largest = try lines.mapPartitionsWithIndex { partition, input in
            let split = lines.split(ofPartition: partition)
            var largest = -1
            var number = 0
            try input.forEach { line in
                number += 1
                if let record = try parse(line, split: split, lineInSplit: number) { largest = max(largest, record.indices.last ?? -1) }
            }
            return BatchIterator([largest])
        }.collect().max() ?? -1
        var resolved = raw
        resolved["numfeatures"] = "\(max(largest + 1, 1))"
        return resolved
    }

    /// The batches of `relation`'s files (its required columns only).
    static func scan(_ relation: FileRelation, context: FlintContext) throws -> RDD<ColumnBatch> {
        let options = try Options(relation.options)
        let size = options.numFeatures ?? 1
        let lines = try textLines(relation.paths, context: context)
        let required = (relation.requiredColumns ?? relation.output).map { column in relation.output.firstIndex { $0.id == column.id }! }
        return lines.mapPartitionsWithIndex { partition, input in
            let split = lines.split(ofPartition: partition)
            var number = 0
            return input.mapBatches { chunk in
                var labels: [Double] = [], features: [Value] = []
                labels.reserveCapacity(chunk.count)
                for line in chunk {
                    number += 1
                    guard let record = try parse(line, split: split, lineInSplit: number) else { continue }
                    if let last = record.indices.last, last >= size {
                        throw try invalid(line, split: split, lineInSplit: number,
                                          reason: "feature index \(last + 1) is larger than numFeatures \(size)")
                    }
                    let sparse = try SparseVector(size: size, indices: record.indices, values: record.values)
                    labels.append(record.label)
                    features.append(.vector(options.dense ? .dense(sparse.toDense) : .sparse(sparse)))
                }
                let columns = [ColumnVector(dataType: .double, storage: .float64(labels)),
                               ColumnVector(dataType: .vector, storage: .values(features))]
                return [ColumnBatch(schema: schema, columns: columns, rowCount: labels.count).selecting(required)]
            }
        }
    }

    /// One line of a LIBSVM file as text, `label index:value ...` with 1-based indices.
    static func line(label: Double, features: Vector) -> String {
        var parts = [Value.double(label).description]
        features.forEachActive { index, value in parts.append("\(index + 1):\(Value.double(value).description)") }
        return parts.joined(separator: " ")
    }

    private static func textLines(_ paths: [String], context: FlintContext) throws -> TextFileRDD {
        try context.fileScanLines(paths.joined(separator: ","))
    }

    private static func parse(_ line: String, split: (path: String, start: Int, end: Int), lineInSplit: Int) throws -> LibSVMRecord? {
        do {
            return try LibSVMRecord(Substring(line))
        } catch {
            throw try invalid(line, split: split, lineInSplit: lineInSplit, reason: error.reason)
        }
    }

    private static func invalid(_ line: String, split: (path: String, start: Int, end: Int), lineInSplit: Int,
                                reason: String) throws -> DataSourceError {
        let first = try TextFileRDD.firstLineNumber(ofSplitAt: split.start, in: split.path)
        return .invalidRecord(format: "LIBSVM", path: split.path, line: first + lineInSplit - 1, record: line, reason: reason)
    }
}
