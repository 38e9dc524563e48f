/// Formats `ColumnBatch`es as CSV text, as Spark's CSV writer (univocity) does with the same
/// options: `sep`, `header`, `nullValue` (nulls), `emptyValue` (empty strings, `""` by
/// default), `dateFormat` (`yyyy-MM-dd`), `timestampFormat` (`yyyy-MM-dd'T'HH:mm:ss.SSSXXX`,
/// UTC), `lineSep` (`\n`), `quoteAll`, `escapeQuotes`, and whitespace trimming of strings
/// (`ignoreLeadingWhiteSpace` / `ignoreTrailingWhiteSpace`, true when writing).
///
/// A value is quoted when `quoteAll` is set or it contains the separator, a line break, the
/// quote character (with `escapeQuotes`), or starts with the comment character. Inside quotes,
/// a quote is written as `escape` + quote (`\"`, Spark's default; a doubled quote when `escape`
/// is the quote or empty), and an escape character that precedes a quote, another escape or
/// the closing quote is itself escaped, so that `CSVParser` reads back the same text.
/// Doubles print as Java does (`1.0`, `1.0E10`), as Spark writes them.
///
/// Cost: one pass over the batch, column by column per row, appending bytes to one buffer; a
/// String only for doubles and the final text.
public struct CSVWriter {
    /// The options.
    public let options: CSVOptions
    /// The schema of the batches written.
    public let schema: StructType
    private var headerPending: Bool
    private let separator: [UInt8]
    private let lineSeparator: [UInt8]
    private let quote: UInt8
    private let escape: UInt8
    private let nullValue: [UInt8]
    private let emptyValue: [UInt8]
    private let comment: UInt8?

    /// A writer of `schema` with `options`; the header (if `options.header`) is written before
    /// the first batch.
    /// - Throws: `DataSourceError.unsupported` for array and struct columns.
    public init(options: CSVOptions, schema: StructType) throws {
        for field in schema.fields {
            switch field.dataType {
            case .array, .structure:
                throw DataSourceError.unsupported("CSV data source does not support \(field.dataType.simpleString) data type.")
            default: break
            }
        }
        self.options = options
        self.schema = schema
        headerPending = options.header
        separator = options.separator
        lineSeparator = Array((options.lineSeparator ?? "\n").utf8)
        quote = options.quote ?? UInt8(ascii: "\"")
        escape = options.escape ?? quote
        nullValue = Array(options.nullValue.utf8)
        emptyValue = Array(options.emptyValueInWrite.utf8)
        comment = options.comment
    }

    /// The header line (column names, then the line separator).
    public var header: String {
        var out: [UInt8] = []
        for (index, field) in schema.fields.enumerated() {
            if index > 0 { out.append(contentsOf: separator) }
            appendString(field.name, to: &out)
        }
        out.append(contentsOf: lineSeparator)
        return String(decoding: out, as: UTF8.self)
    }

    /// The text of `batch`, preceded by the header the first time when `options.header`.
    public mutating func write(_ batch: ColumnBatch) -> String {
        var text = ""
        if headerPending {
            headerPending = false
            text = header
        }
        return text + format(batch)
    }

    /// The lines of `batch` (no header), each ended by the line separator.
    public func format(_ batch: ColumnBatch) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(batch.rowCount * (schema.count * 8 + 1))
        append(batch, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the lines of `batch` (no header) to `out` as UTF-8.
    public func append(_ batch: ColumnBatch, to out: inout [UInt8]) {
        precondition(batch.columns.count == schema.count, "the batch does not have the writer's schema")
        // Column at a time (one switch per column), all into one buffer, with each cell's end
        // offset (column-major); then the rows are assembled by copying those byte ranges.
        let rowCount = batch.rowCount
        guard rowCount > 0 else { return }
        var cells: [UInt8] = []
        cells.reserveCapacity(rowCount * schema.count * 8)
        var ends: [Int] = []
        ends.reserveCapacity(rowCount * schema.count)
        for column in batch.columns { appendColumn(column, rowCount, &cells, &ends) }
        out.reserveCapacity(out.count + cells.count + rowCount * (lineSeparator.count + schema.count * separator.count))
        let columnCount = batch.columns.count
        let singleSeparator = separator.count == 1 ? separator[0] : nil
        cells.withUnsafeBufferPointer { cells in
            ends.withUnsafeBufferPointer { ends in
                for row in 0..<rowCount {
                    for column in 0..<columnCount {
                        if column > 0 {
                            if let singleSeparator { out.append(singleSeparator) } else { out.append(contentsOf: separator) }
                        }
                        let cell = column * rowCount + row
                        let start = cell == 0 ? 0 : ends[cell - 1]
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: cells[start..<ends[cell]]))
                    }
                    out.append(contentsOf: lineSeparator)
                }
            }
        }
    }

    /// Appends the text of every row of `column` to `out`, recording each row's end offset.
    private func appendColumn(_ column: ColumnVector, _ rowCount: Int, _ out: inout [UInt8], _ ends: inout [Int]) {
        @inline(__always)
        func each(_ body: (Int, inout [UInt8]) -> Void) {
            for row in 0..<rowCount {
                if column.isNull(row) {
                    out.append(contentsOf: nullValue)
                } else if options.quoteAll {
                    out.append(quote)
                    body(row, &out)
                    out.append(quote)
                } else {
                    body(row, &out)
                }
                ends.append(out.count)
            }
        }
        switch column.storage {
        case let .boolean(values):
            each { row, out in out.append(contentsOf: (values[row] ? "true" : "false").utf8) }
        case let .int32(values):
            if column.dataType == .date {
                let pattern = options.dateFormatInWrite
                each { row, out in pattern.append(days: values[row], to: &out) }
            } else {
                each { row, out in DateTimeText.pad(Int(values[row]), 1, &out) }
            }
        case let .int64(values):
            if column.dataType == .timestamp {
                let pattern = options.timestampFormatInWrite
                each { row, out in pattern.append(micros: values[row], to: &out) }
            } else {
                each { row, out in DateTimeText.pad(Int(values[row]), 1, &out) }
            }
        case let .float32(values):
            each { row, out in CSVWriter.appendDouble(Double(values[row]), isFloat: true, to: &out) }
        case let .float64(values):
            each { row, out in CSVWriter.appendDouble(values[row], isFloat: false, to: &out) }
        case let .string(values):
            for row in 0..<rowCount {
                if column.isNull(row) { out.append(contentsOf: nullValue) } else { appendString(values[row], to: &out) }
                ends.append(out.count)
            }
        case let .values(values):
            for row in 0..<rowCount {
                let value = values[row]
                if column.isNull(row) || value.isNull { out.append(contentsOf: nullValue) } else { appendString(value.description, to: &out) }
                ends.append(out.count)
            }
        }
    }

    /// Java's `Double.toString` (as `Value` prints it); in [1e-3, 1e7), where Java and Swift
    /// both print plain shortest digits, straight from Swift's `description` (no heap String).
    @inline(__always)
    private static func appendDouble(_ value: Double, isFloat: Bool, to out: inout [UInt8]) {
        let magnitude = Swift.abs(value)
        guard magnitude >= 1e-3, magnitude < 1e7 else {
            out.append(contentsOf: Value.format(value, isFloat: isFloat).utf8)
            return
        }
        let text = isFloat ? Float(value).description : value.description
        let before = out.count
        out.append(contentsOf: text.utf8)
        if !out[before...].contains(UInt8(ascii: ".")) { out.append(contentsOf: ".0".utf8) }
    }

    /// Appends a string value: trimmed (by the write options), `emptyValue` when empty,
    /// quoted and escaped when needed.
    private func appendString(_ value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            var end = bytes.count
            if options.ignoreLeadingWhiteSpaceInWrite { while start < end, bytes[start] <= 0x20 { start += 1 } }
            if options.ignoreTrailingWhiteSpaceInWrite { while end > start, bytes[end - 1] <= 0x20 { end -= 1 } }
            let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if text.isEmpty {
                out.append(contentsOf: emptyValue)
                return
            }
            guard options.quoteAll || needsQuotes(text) else {
                out.append(contentsOf: text)
                return
            }
            out.append(quote)
            for index in text.indices {
                let byte = text[index]
                if byte == quote {
                    out.append(escape)
                } else if byte == escape, escape != quote {
                    let next = index + 1 < text.count ? text[index + 1] : quote
                    if next == quote || next == escape { out.append(escape) }
                }
                out.append(byte)
            }
            out.append(quote)
        }
    }

    private func needsQuotes(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        if let comment, text.first == comment { return true }
        let first = separator[0]
        for index in text.indices {
            let byte = text[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return true }
            if byte == quote, options.escapeQuotes || index == 0 { return true }
            if byte == first, separator.count == 1 || text[index...].starts(with: separator) { return true }
        }
        return false
    }
}
