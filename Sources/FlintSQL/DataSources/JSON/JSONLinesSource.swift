import FlintCore
import Foundation

/// The JSON lines data source (`read.json`): one JSON object per line. The schema is inferred
/// as Spark's: fields sorted by name, integers as bigint, other numbers as double, booleans,
/// strings, arrays and nested objects (structs); conflicting types widen (bigint + double →
/// double) or fall back to string; a field only ever null is a string. Malformed lines follow
/// `mode` as in CSV, and in PERMISSIVE mode the inferred schema gains a `_corrupt_record` column
/// when there are any. Lines are parsed with Foundation's `JSONSerialization` (about 1–2 µs a line).
enum JSONLinesSource {
    /// The options JSON reads.
    struct Options {
        let mode: ParseMode
        let corruptColumn: String

        init(_ raw: [String: String]) throws {
            let options = DataSourceOptions(raw)
            mode = try ParseMode.parse(options.string("mode", default: "PERMISSIVE"))
            corruptColumn = options.string("columnNameOfCorruptRecord", default: "_corrupt_record")
            if let encoding = options["encoding"], !["utf-8", "utf8"].contains(encoding.lowercased()) {
                throw DataSourceError.invalidOption(name: "encoding", message: "the JSON reader supports UTF-8 only, got '\(encoding)'")
            }
        }
    }

    static func parse(_ line: String) -> [String: Any]? {
        guard let data = line.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        return object as? [String: Any]
    }

    /// The inferred (or given) schema of `paths`.
    static func schema(paths: [String], options raw: [String: String], given: StructType?, context: FlintContext) throws -> StructType {
        let options = try Options(raw)
        if let given { return given }
        let lines = try context.fileScanLines(paths.joined(separator: ","))
        let partials = try lines.mapPartitions { input in
            var fields: [String: DataType] = [:]
            var malformed = false
            try input.forEach { line in
                guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
                guard let object = parse(line) else { malformed = true; return }
                for (key, value) in object { fields[key] = merge(fields[key], inferType(value)) }
            }
            return BatchIterator([(fields, malformed)])
        }.collect()
        var merged: [String: DataType] = [:]
        for (fields, _) in partials { for (key, type) in fields { merged[key] = merge(merged[key], type) } }
        var result = merged.keys.sorted().map { StructField($0, finalType(merged[$0]!)) }
        if options.mode == .permissive, partials.contains(where: \.1), !merged.keys.contains(options.corruptColumn) {
            result.append(StructField(options.corruptColumn, .string))
        }
        return StructType(result)
    }

    /// Whether `JSONSerialization` read `true`/`false` (a boolean `NSNumber`), not a number.
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(describing: type(of: number)).contains("Boolean")
    }

    static func inferType(_ value: Any) -> DataType {
        switch value {
        case is NSNull: return .null
        case let number as NSNumber:
            if isBoolean(number) { return .boolean }
            return number.stringValue.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? .double : .long
        case is String: return .string
        case let array as [Any]:
            return .array(element: array.map(inferType).reduce(DataType.null) { merge($0, $1) }, containsNull: true)
        case let object as [String: Any]:
            return .structure(StructType(object.keys.sorted().map { StructField($0, inferType(object[$0]!)) }))
        default: return .string
        }
    }

    static func merge(_ left: DataType?, _ right: DataType) -> DataType {
        guard let left else { return right }
        if left == right || right == .null { return left }
        if left == .null { return right }
        if let widened = left.widened(with: right), widened.isNumeric { return widened }
        switch (left, right) {
        case let (.array(a, _), .array(b, _)): return .array(element: merge(a, b), containsNull: true)
        case let (.structure(a), .structure(b)):
            var fields = Dictionary(a.fields.map { ($0.name, $0.dataType) }, uniquingKeysWith: { x, _ in x })
            for field in b.fields { fields[field.name] = merge(fields[field.name], field.dataType) }
            return .structure(StructType(fields.keys.sorted().map { StructField($0, fields[$0]!) }))
        default: return .string
        }
    }

    /// Types still null after inference become strings, as Spark's.
    static func finalType(_ type: DataType) -> DataType {
        switch type {
        case .null: return .string
        case let .array(element, containsNull): return .array(element: finalType(element), containsNull: containsNull)
        case let .structure(fields): return .structure(StructType(fields.fields.map { StructField($0.name, finalType($0.dataType)) }))
        default: return type
        }
    }

    /// The batches of `relation`'s files, with its required columns only (every line is still
    /// parsed whole).
    static func scan(_ relation: FileRelation, context: FlintContext) throws -> RDD<ColumnBatch> {
        let options = try Options(relation.options)
        let schema = StructType((relation.requiredColumns ?? relation.output).map(\.field))
        let corruptIndex = schema.fieldIndex(options.corruptColumn)
        let lines = try context.fileScanLines(relation.paths.joined(separator: ","))
        return lines.mapPartitionsWithIndex { partition, input in
            let split = lines.split(ofPartition: partition)
            var lineInSplit = 0
            return input.mapBatches { chunk in
                var rows: [[Value]] = []
                for line in chunk {
                    lineInSplit += 1
                    guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                    guard let object = parse(line) else {
                        switch options.mode {
                        case .dropMalformed: continue
                        case .failFast:
                            let first = try TextFileRDD.firstLineNumber(ofSplitAt: split.start, in: split.path)
                            throw DataSourceError.malformedRecord(path: split.path, line: first + lineInSplit - 1, record: line,
                                                                  reason: "not a JSON object")
                        case .permissive:
                            var row = [Value](repeating: .null, count: schema.count)
                            if let corruptIndex { row[corruptIndex] = .string(line) }
                            rows.append(row)
                            continue
                        }
                    }
                    rows.append(schema.fields.enumerated().map { index, field in
                        index == corruptIndex ? .null : convert(object[field.name], to: field.dataType)
                    })
                }
                return QueryExecutor.batches(rows, schema: schema)
            }
        }
    }

    /// A JSON value as `type` (null when it does not fit, as Spark's PERMISSIVE conversion).
    static func convert(_ value: Any?, to type: DataType) -> Value {
        guard let value, !(value is NSNull) else { return .null }
        switch (type, value) {
        case let (.array(element, _), array as [Any]): return .array(array.map { convert($0, to: element) })
        case let (.structure(fields), object as [String: Any]):
            return .structure(fields.fields.map { convert(object[$0.name], to: $0.dataType) })
        case let (.string, text as String): return .string(text)
        case (.string, _):
            if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]) {
                return .string(String(decoding: data, as: UTF8.self))
            }
            return .string("\(value)")
        case let (.boolean, number as NSNumber) where isBoolean(number): return .boolean(number.boolValue)
        case let (_, number as NSNumber) where type.isNumeric && !isBoolean(number):
            return Cast.cast(number.stringValue.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
                             ? .double(number.doubleValue) : .long(number.int64Value), to: type)
        case let (.date, text as String), let (.timestamp, text as String): return Cast.cast(.string(text), to: type)
        default: return .null
        }
    }
}
