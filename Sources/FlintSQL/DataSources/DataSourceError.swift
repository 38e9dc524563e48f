/// An error of a data source (CSV, JSON lines, text, ...): a record that cannot be parsed in
/// FAILFAST mode, an option with a bad value, an input path that matches nothing, a schema that
/// does not fit the data. The description is one self-contained sentence for the user, in
/// Spark's words where Spark has them.
public enum DataSourceError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A record could not be parsed and the parse mode is FAILFAST. `line` is 1-based and counts
    /// every line of the file, including a header, blank and comment lines; `record` is the raw
    /// text of the record; `reason` says what was wrong with it.
    case malformedRecord(path: String, line: Int, record: String, reason: String)
    /// A record of a format without parse modes (LIBSVM) could not be parsed: the file, the
    /// 1-based line, the raw record and what was wrong with it.
    case invalidRecord(format: String, path: String, line: Int, record: String, reason: String)
    /// An option has a value that is not allowed; `message` names the option, what it must be
    /// and the value given (e.g. "option 'header' must be true or false, got 'maybe'").
    case invalidOption(name: String, message: String)
    /// An input path matches no file.
    case pathNotFound(String)
    /// The data does not fit the schema (a CSV header that does not match the given schema with
    /// `enforceSchema=false`, a corrupt-record column that is not a nullable string, ...).
    case schemaMismatch(String)
    /// The source cannot read or write something asked of it (e.g. an array column in CSV).
    case unsupported(String)

    /// The message for the user (Spark's wording for malformed records and missing paths).
    public var description: String {
        switch self {
        case let .malformedRecord(path, line, record, reason):
            let shown = record.count > 200 ? String(record.prefix(200)) + "..." : record
            return "Malformed records are detected in record parsing (file \(path), line \(line)): \(reason). "
                + "Record: \(shown). Parse Mode: FAILFAST. To process malformed records as null result, "
                + "try setting the option 'mode' as 'PERMISSIVE'."
        case let .invalidRecord(format, path, line, record, reason):
            let shown = record.count > 200 ? String(record.prefix(200)) + "..." : record
            return "Invalid \(format) record (file \(path), line \(line)): \(reason). Record: \(shown)"
        case let .invalidOption(_, message):
            return message
        case let .pathNotFound(path):
            return "Path does not exist: \(path)"
        case let .schemaMismatch(message), let .unsupported(message):
            return message
        }
    }
}
