/// What a data source does with a record it cannot parse, as Spark's `mode` option.
public enum ParseMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Keep the record: fields that cannot be converted become null, and the raw text goes to
    /// the corrupt-record column when the schema has one (Spark's default).
    case permissive = "PERMISSIVE"
    /// Skip the record.
    case dropMalformed = "DROPMALFORMED"
    /// Stop with `DataSourceError.malformedRecord`, naming the file and line.
    case failFast = "FAILFAST"

    /// The mode named `text`, case-insensitively.
    /// - Throws: `DataSourceError.invalidOption` for any other text.
    public static func parse(_ text: String, option: String = "mode") throws -> ParseMode {
        guard let mode = ParseMode(rawValue: text.uppercased()) else {
            throw DataSourceError.invalidOption(
                name: option, message: "option '\(option)' must be PERMISSIVE, DROPMALFORMED or FAILFAST, got '\(text)'")
        }
        return mode
    }
}
