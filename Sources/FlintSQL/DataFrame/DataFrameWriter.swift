import FlintCore
import Foundation

/// Writes a DataFrame to files, as Spark's `DataFrameWriter` (`frame.write`):
/// `frame.write.mode("overwrite").option("header", true).partitionBy("year").csv(path)`.
/// The output is a directory of `part-NNNNN` files (one per partition, written through a
/// temporary name) and an empty `_SUCCESS`; with `partitionBy`, rows go to
/// `column=value/` subdirectories (nulls to `column=__HIVE_DEFAULT_PARTITION__`) without
/// those columns, as Spark lays them out.
public struct DataFrameWriter: Sendable {
    let frame: DataFrame
    private var sourceFormat = "csv"
    private var saveMode = SaveMode.errorIfExists
    private var writeOptions: [String: String] = [:]
    private var partitionColumns: [String] = []

    /// What to do when the output exists, as Spark's `SaveMode`.
    public enum SaveMode: String, Sendable {
        /// Fail (the default).
        case errorIfExists
        /// Replace it.
        case overwrite
        /// Add new part files next to the existing ones.
        case append
        /// Do nothing.
        case ignore
    }

    init(frame: DataFrame) {
        self.frame = frame
    }

    /// `error` / `errorifexists` (default), `overwrite`, `append` or `ignore`.
    /// - Throws: `DataSourceError.invalidOption` for another value.
    public func mode(_ name: String) throws -> DataFrameWriter {
        var copy = self
        switch name.lowercased() {
        case "error", "errorifexists", "default": copy.saveMode = .errorIfExists
        case "overwrite": copy.saveMode = .overwrite
        case "append": copy.saveMode = .append
        case "ignore": copy.saveMode = .ignore
        default:
            throw DataSourceError.invalidOption(name: "mode", message: "Unknown save mode: \(name). Accepted save modes are "
                                                + "'overwrite', 'append', 'ignore', 'error', 'errorifexists', 'default'.")
        }
        return copy
    }

    /// The output format: `csv`, `json` or `text`.
    public func format(_ source: String) -> DataFrameWriter {
        var copy = self
        copy.sourceFormat = source.lowercased()
        return copy
    }

    /// Sets one writer option (`header`, `sep`, `nullValue`, `dateFormat`, ...).
    public func option(_ key: String, _ value: some CustomStringConvertible) -> DataFrameWriter {
        var copy = self
        copy.writeOptions[key.lowercased()] = value.description
        return copy
    }

    /// Lays the output out in `column=value` directories by these columns.
    public func partitionBy(_ columns: String...) -> DataFrameWriter {
        var copy = self
        copy.partitionColumns = columns
        return copy
    }

    /// Writes CSV files.
    public func csv(_ path: String) throws { try format("csv").save(path) }
    /// Writes JSON lines (one object per row, null fields left out).
    public func json(_ path: String) throws { try format("json").save(path) }
    /// Writes text files (one string column).
    public func text(_ path: String) throws { try format("text").save(path) }

    /// Writes the frame to `path` in the chosen format.
    /// - Throws: `FlintError.outputExists` in the default mode when `path` exists,
    ///   `AnalysisError` for an unknown format or partition column, `DataSourceError` for bad
    ///   options or unsupported column types, `FlintError.io` for write failures.
    public func save(_ path: String) throws {
        let directory = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: directory.path) {
            switch saveMode {
            case .errorIfExists: throw FlintError.outputExists(path: path)
            case .ignore: return
            case .overwrite: try FileManager.default.removeItem(at: directory)
            case .append: break
            }
        }
        let schema = frame.schema
        let partitionIndices = try partitionColumns.map { name -> Int in
            guard let index = schema.fieldIndex(name) else {
                throw AnalysisError.unresolvedColumn(name: name, suggestions: AnalysisError.nearest(name, in: schema.fieldNames))
            }
            return index
        }
        let dataIndices = schema.fields.indices.filter { !partitionIndices.contains($0) }
        let dataSchema = StructType(dataIndices.map { schema[$0] })
        let format = sourceFormat
        guard ["csv", "json", "text", "libsvm"].contains(format) else {
            throw AnalysisError.unsupported("cannot write the format '\(format)'; use csv, json, text or libsvm")
        }
        if format == "libsvm", dataSchema.fields.map(\.dataType) != [.double, .vector] {
            throw AnalysisError.unsupported("LIBSVM data source supports only a double label column and a vector features column, "
                                            + "and you have " + dataSchema.fields.map { "\($0.name) \($0.dataType.simpleString)" }.joined(separator: ", "))
        }
        if format == "text", dataSchema.count != 1 || dataSchema[0].dataType != .string {
            throw AnalysisError.unsupported("Text data source supports only a single column of string type, and you have \(dataSchema.count) columns")
        }
        let csvOptions = try CSVOptions(DataSourceOptions(writeOptions))
        if format == "csv" { _ = try CSVWriter(options: csvOptions, schema: dataSchema) }  // Rejects array/struct columns first.
        let csvSchema = format == "csv" ? dataSchema : StructType()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let stamp = UUID().uuidString.prefix(8)
        let names = partitionIndices.map { schema[$0].name }
        _ = try frame.session.context.runJob(try frame.batchRDD, callSite: CallSite("save", file: #fileID, line: #line)) { task, batches in
            var outputs: [String: (FileOutput, CSVWriter, URL, URL)] = [:]
            while let chunk = try batches.nextBatch() {
                for batch in chunk {
                    var rowsByDirectory: [String: [Int]] = [:]
                    for row in 0..<batch.rowCount {
                        let subdirectory = zip(names, partitionIndices).map { name, index -> String in
                            let value = batch.columns[index].value(at: row)
                            return "\(name)=\(value.isNull ? "__HIVE_DEFAULT_PARTITION__" : Self.escapePathValue(value.description))"
                        }.joined(separator: "/")
                        rowsByDirectory[subdirectory, default: []].append(row)
                    }
                    for (subdirectory, rows) in rowsByDirectory {
                        if outputs[subdirectory] == nil {
                            let folder = subdirectory.isEmpty ? directory : directory.appendingPathComponent(subdirectory)
                            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                            let name = String(format: "part-%05d-%@.%@", task.partitionId, String(stamp), format == "text" ? "txt" : format)
                            let temporary = folder.appendingPathComponent(".\(name).attempt-\(task.taskAttemptId)")
                            outputs[subdirectory] = (try FileOutput(url: temporary), try CSVWriter(options: csvOptions, schema: csvSchema),
                                                     temporary, folder.appendingPathComponent(name))
                        }
                        let part = batch.gather(rows)
                        let data = ColumnBatch(schema: dataSchema, columns: dataIndices.map { part.columns[$0] }, rowCount: part.rowCount)
                        let text: String
                        if format == "text", case let .string(values) = data.columns[0].storage {
                            text = values.enumerated().map { data.columns[0].isNull($0.offset) ? "" : $0.element }.joined(separator: "\n") + "\n"
                        } else if format == "libsvm" {
                            text = try Self.libsvmLines(data)
                        } else if format == "json" {
                            // One object per line; null fields are left out, as Spark's ignoreNullFields.
                            text = (0..<data.rowCount).map { row in
                                JSONText.object(dataSchema.fields.enumerated().compactMap { index, field in
                                    let value = data.columns[index].value(at: row)
                                    return value.isNull ? nil : (field.name, value, field.dataType)
                                }) + "\n"
                            }.joined()
                        } else {
                            text = outputs[subdirectory]!.1.write(data)
                        }
                        try outputs[subdirectory]!.0.write(Array(text.utf8))
                        task.metrics.outputRecords += data.rowCount
                    }
                }
            }
            for (output, _, temporary, final) in outputs.values {
                try output.close()
                task.metrics.outputBytes += output.written
                try FileOutput.replace(final, with: temporary)
            }
        }
        try Data().write(to: directory.appendingPathComponent("_SUCCESS"))
    }

    /// The LIBSVM lines of a batch of (label, features).
    /// - Throws: `DataSourceError.unsupported` for a null label or features vector.
    static func libsvmLines(_ data: ColumnBatch) throws -> String {
        var text = ""
        for row in 0..<data.rowCount {
            guard case let .double(label) = data.columns[0].value(at: row), case let .vector(features) = data.columns[1].value(at: row) else {
                throw DataSourceError.unsupported("LIBSVM cannot write a null label or features vector")
            }
            text += LibSVMSource.line(label: label, features: features) + "\n"
        }
        return text
    }

    /// A partition value as Spark escapes it in a directory name (`/`, `=`, `%` and the like).
    static func escapePathValue(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            if "\"#%'*/:=?\\\u{7F}{[]^".unicodeScalars.contains(scalar) || scalar.value < 0x20 {
                escaped += String(format: "%%%02X", scalar.value)
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

extension DataFrame {
    /// Writes the frame to files (`write.csv(path)`, `write.mode("overwrite").text(path)`).
    public var write: DataFrameWriter { DataFrameWriter(frame: self) }
}
