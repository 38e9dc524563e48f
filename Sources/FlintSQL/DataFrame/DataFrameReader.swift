import FlintCore

/// Reads files into DataFrames, as Spark's `DataFrameReader` (`session.read`):
/// `session.read.option("header", "true").option("inferSchema", "true").csv("data.csv")`, or
/// `.format("csv").schema(schema).load(path)`. Paths may be files, directories or globs. Options
/// are case-insensitive and named as Spark's; an unknown value of a known option is an error.
public struct DataFrameReader: Sendable {
    let session: FlintSession
    private var sourceFormat: String?
    private var readOptions: [String: String] = [:]
    private var userSchema: StructType?

    init(session: FlintSession) {
        self.session = session
    }

    /// The data source: `csv`, `json`, `text`, `libsvm`.
    public func format(_ source: String) -> DataFrameReader {
        var copy = self
        copy.sourceFormat = source.lowercased()
        return copy
    }

    /// Sets one option (`header`, `sep`, `inferSchema`, `mode`, ...).
    public func option(_ key: String, _ value: String) -> DataFrameReader {
        var copy = self
        copy.readOptions[key.lowercased()] = value
        return copy
    }

    /// Sets one option from a Bool or a number.
    public func option(_ key: String, _ value: some CustomStringConvertible) -> DataFrameReader { option(key, value.description) }

    /// Sets several options.
    public func options(_ values: [String: String]) -> DataFrameReader {
        values.reduce(self) { $0.option($1.key, $1.value) }
    }

    /// The schema to read with (no inference).
    public func schema(_ schema: StructType) -> DataFrameReader {
        var copy = self
        copy.userSchema = schema
        return copy
    }

    /// The schema as DDL: `"name STRING, age INT, joined DATE"`.
    /// - Throws: `SQLSyntaxError` for a malformed type, `AnalysisError` for a malformed column.
    public func schema(_ ddl: String) throws -> DataFrameReader {
        let fields = try ddl.split(separator: ",").map { column -> StructField in
            let parts = column.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { throw AnalysisError.unsupported("cannot read the column definition '\(column)': expected 'name TYPE'") }
            return StructField(String(parts[0]).trimmingCharacters(in: CharacterSet(charactersIn: "`")),
                               try SQLParser.parseDataType(String(parts[1])))
        }
        return schema(StructType(fields))
    }

    /// Reads `paths` with the format set by `format(_:)`.
    /// - Throws: `AnalysisError` without a format or for an unknown one, `FlintError.inputNotFound`
    ///   for a path that matches nothing, `DataSourceError` for bad options or records.
    public func load(_ paths: String...) throws -> DataFrame { try load(paths) }

    /// Reads `paths` with the format set by `format(_:)`.
    public func load(_ paths: [String]) throws -> DataFrame {
        guard let sourceFormat else {
            throw AnalysisError.unsupported("no data source format: call format(\"csv\"|\"json\"|\"text\"|\"libsvm\") or csv(_:) / json(_:) / text(_:)")
        }
        let relation = try session.dataSources.relation(format: sourceFormat, paths: paths, options: readOptions,
                                                        schema: userSchema, context: session.context)
        return DataFrame(session: session, analyzed: .fileScan(relation))
    }

    /// Reads CSV files.
    public func csv(_ paths: String...) throws -> DataFrame { try format("csv").load(paths) }
    /// Reads JSON-lines files.
    public func json(_ paths: String...) throws -> DataFrame { try format("json").load(paths) }
    /// Reads text files: one row per line, in a `value` string column.
    public func text(_ paths: String...) throws -> DataFrame { try format("text").load(paths) }
    /// Reads LIBSVM files into `label` (double) and `features` (vector) columns; options
    /// `numFeatures` (found from the data when absent: one extra job) and `vectorType`.
    public func libsvm(_ paths: String...) throws -> DataFrame { try format("libsvm").load(paths) }
}

extension FlintSession {
    /// Reads files into DataFrames (`read.csv(...)`, `read.format(...).load(...)`).
    public var read: DataFrameReader { DataFrameReader(session: self) }
}

import Foundation
