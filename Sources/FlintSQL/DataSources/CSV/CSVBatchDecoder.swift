import Foundation

/// Turns the lines of one partition of a CSV file into `ColumnBatch`es of a given schema, as
/// Spark's CSV reader does: blank lines and comment lines are skipped; the header line, if the
/// partition holds it, is skipped (and checked against the schema with `enforceSchema=false`);
/// every other line is tokenized (`CSVParser`) and its fields converted to the schema's types
/// straight from the bytes.
///
/// A record is malformed when its number of fields differs from the schema's (not counting
/// the corrupt-record column) or a field cannot be converted. Then, by `mode`:
/// - PERMISSIVE: fields that could be converted are kept (Spark 3's partial results), the
///   others and missing ones are null, extra fields are dropped, and the raw line goes to the
///   string column named `columnNameOfCorruptRecord` when the schema has one (null otherwise);
/// - DROPMALFORMED: the record is skipped (`droppedCount`);
/// - FAILFAST: `DataSourceError.malformedRecord` names the file, the line and the reason.
///
/// Use: feed lines (`decode(line:)`, `decode(lines:)`, `decode(text:into:)` for a buffer of
/// many lines, or `nextBatch(from:)` to pull from an iterator); a batch comes out every
/// `batchSize` rows; `finish()` returns the last, partial one. With `requiredColumns` (column
/// pruning), the batches hold only those columns and the other fields are tokenized (to count
/// them) but not converted. Cost per line: one tokenizing
/// pass over the bytes, one parse per field, one String per string field; no per-row
/// allocation otherwise (about 90 ns for a line of an int, a double and a short string, on
/// one core of the reference machine, through `decode(text:into:)`).
///
/// Use one decoder per partition, from one thread: copies share the tokenizer's buffers.
public struct CSVBatchDecoder {
    /// The schema of the batches: the required columns of the file's schema.
    public let schema: StructType
    /// The schema of the file's records (including the corrupt-record column, if any).
    public let fileSchema: StructType
    /// The CSV options.
    public let options: CSVOptions
    /// The file the lines come from, for error messages.
    public let path: String
    /// Rows per batch (4096 by default).
    public var batchSize: Int
    /// The 1-based number of the next line fed.
    public internal(set) var lineNumber: Int
    /// Records that were malformed (kept with nulls in PERMISSIVE mode, or dropped).
    public internal(set) var malformedCount = 0
    /// Records skipped by DROPMALFORMED.
    public internal(set) var droppedCount = 0
    /// Rows emitted or buffered so far.
    public internal(set) var rowCount = 0

    private let parser: CSVParser
    let converter: CSVFieldConverter
    /// The names of the fields a well-formed record has (the file schema's, less the
    /// corrupt-record column), which a checked header must match.
    private let headerNames: [String]
    private var expectedFieldCount: Int { headerNames.count }
    /// The fields converted into the batches, in token order: token index, batch column and
    /// conversion.
    let conversions: [CSVFieldConversion]
    /// The batch column of the corrupt-record column, when it is required.
    private let corruptColumn: Int?
    /// Pushed `column = 'text'` filters checked on the raw fields, with their tokens.
    let rowFilters: [(token: Int, filter: CSVRowFilter)]
    /// Records skipped by `rowFilters` (never converted).
    public internal(set) var filteredCount = 0
    var columns: [CSVColumnAccumulator]
    var bufferedRows = 0
    private var headerPending: Bool
    private let comment: UInt8?
    /// The index of simple records, when the options allow that path (`decode(text:into:)`).
    private let simpleRecords: CSVRecordBlock?

    /// A decoder for lines of `path` that start at line `firstLineNumber` (1-based).
    /// - Parameter containsHeader: whether the first non-blank, non-comment line fed is the
    ///   header, to be skipped; by default `options.header && firstLineNumber == 1`. Pass it
    ///   explicitly when the split starting at byte 0 does not know its line number.
    /// - Parameter requiredColumns: the indices in `schema` of the columns the batches hold, in
    ///   that order; nil for all.
    /// - Throws: `DataSourceError.unsupported` for array or struct columns;
    ///   `DataSourceError.schemaMismatch` when the corrupt-record column is not a nullable string.
    public init(schema: StructType, options: CSVOptions, path: String, firstLineNumber: Int = 1,
                containsHeader: Bool? = nil, batchSize: Int = 4096, requiredColumns: [Int]? = nil) throws {
        try self.init(schema: schema, options: options, path: path, firstLineNumber: firstLineNumber,
                      containsHeader: containsHeader, batchSize: batchSize, requiredColumns: requiredColumns, rowFilters: [])
    }

    /// A decoder that also skips, unconverted, the records `rowFilters` rule out (see
    /// `CSVRowFilter`); otherwise as `init(schema:options:path:firstLineNumber:containsHeader:batchSize:requiredColumns:)`.
    init(schema: StructType, options: CSVOptions, path: String, firstLineNumber: Int = 1,
         containsHeader: Bool? = nil, batchSize: Int = 4096, requiredColumns: [Int]? = nil, rowFilters: [CSVRowFilter]) throws {
        let required = requiredColumns ?? Array(schema.fields.indices)
        precondition(required.allSatisfy(schema.fields.indices.contains), "required columns outside the schema")
        fileSchema = schema
        self.schema = StructType(required.map { schema.fields[$0] })
        self.options = options
        self.path = path
        self.batchSize = Swift.max(1, batchSize)
        lineNumber = firstLineNumber
        headerPending = containsHeader ?? (options.header && firstLineNumber == 1)
        comment = options.comment
        parser = CSVParser(options: options)
        converter = CSVFieldConverter(options: options)
        let corrupt = schema.fields.firstIndex { $0.name == options.columnNameOfCorruptRecord }
        if let corrupt {
            let field = schema.fields[corrupt]
            guard field.dataType == .string, field.nullable else {
                throw DataSourceError.schemaMismatch(
                    "The field for corrupt records must be string type and nullable: '\(field.name)' is \(field.dataType.simpleString)"
                        + (field.nullable ? "" : " not null"))
            }
        }
        corruptColumn = corrupt.flatMap { required.firstIndex(of: $0) }
        let tokenColumns = schema.fields.indices.filter { $0 != corrupt }
        self.rowFilters = rowFilters.compactMap { filter in tokenColumns.firstIndex(of: filter.column).map { ($0, filter) } }
        headerNames = tokenColumns.map { schema.fields[$0].name }
        conversions = tokenColumns.enumerated().compactMap { token, fileColumn in
            required.firstIndex(of: fileColumn).map {
                CSVFieldConversion(token: token, column: $0, conversion: CSVFieldConverter.conversion(of: schema.fields[fileColumn].dataType))
            }
        }
        columns = try self.schema.fields.map { try CSVColumnAccumulator(dataType: $0.dataType, capacity: Swift.max(1, batchSize)) }
        simpleRecords = corruptColumn == nil ? CSVRecordBlock(fieldCount: headerNames.count, options: options) : nil
    }

    /// Decodes one line (without its terminator) given as bytes. Returns a batch when this
    /// line completes one.
    /// - Throws: `DataSourceError.malformedRecord` in FAILFAST mode; `schemaMismatch` for a
    ///   header that does not match with `enforceSchema=false`.
    @inline(__always)
    public mutating func decode(line: UnsafeBufferPointer<UInt8>) throws -> ColumnBatch? {
        let number = lineNumber
        lineNumber += 1
        if isBlankOrComment(line) { return nil }
        if headerPending {
            headerPending = false
            try checkHeader(line)
            return nil
        }
        try decodeRecord(line, number: number)
        return bufferedRows >= batchSize ? takeBatch() : nil
    }

    /// Decodes one line given as a String (no copy for native Strings).
    public mutating func decode(line: String) throws -> ColumnBatch? {
        if let batch = try line.utf8.withContiguousStorageIfAvailable({ try decode(line: $0) }) { return batch }
        var copy = line
        copy.makeContiguousUTF8()
        return try copy.utf8.withContiguousStorageIfAvailable { try decode(line: $0) } ?? nil
    }

    /// Decodes `lines` in order; returns the batches they complete (the rest stays buffered
    /// until `finish()`). The concrete overload of the generic one below, which callers in
    /// other modules could only reach unspecialised.
    public mutating func decode(lines: [String]) throws -> [ColumnBatch] {
        var batches: [ColumnBatch] = []
        for line in lines {
            if let batch = try decode(line: line) { batches.append(batch) }
        }
        return batches
    }

    /// Decodes `lines` in order; returns the batches they complete (the rest stays buffered
    /// until `finish()`). Inlinable, so that it is specialised for the caller's sequence.
    @inlinable
    public mutating func decode<Lines: Sequence>(lines: Lines) throws -> [ColumnBatch] where Lines.Element == String {
        var batches: [ColumnBatch] = []
        for line in lines {
            if let batch = try decode(line: line) { batches.append(batch) }
        }
        return batches
    }

    /// Decodes a buffer of whole lines, each ended by `lineSep` (default `\n`, a `\r` before it
    /// dropped); the last line may lack its terminator. Completed batches are appended to
    /// `batches`. The fastest way in: nothing is copied, and runs of simple records (no
    /// quotes, the schema's number of fields, see `CSVRecordBlock`) are converted a column at
    /// a time; other lines go through the tokenizer one by one.
    public mutating func decode(text: UnsafeBufferPointer<UInt8>, into batches: inout [ColumnBatch]) throws {
        guard let base = text.baseAddress else { return }
        let terminator = options.lineTerminator
        let dropCarriageReturn = terminator == UInt8(ascii: "\n")
        let end = base + text.count
        var start = base
        while start < end {
            if let simpleRecords, !headerPending {
                start = try decodeSimpleRecords(from: start, to: end, block: simpleRecords, into: &batches)
                guard start < end else { break }
            }
            let hit = memchr(start, Int32(terminator), end - start)
            let lineEnd = hit.map { $0.assumingMemoryBound(to: UInt8.self) }.map { UnsafePointer($0) } ?? end
            var contentEnd = lineEnd
            if dropCarriageReturn, contentEnd > start, (contentEnd - 1).pointee == UInt8(ascii: "\r") { contentEnd -= 1 }
            if let batch = try decode(line: UnsafeBufferPointer(start: start, count: contentEnd - start)) {
                batches.append(batch)
            }
            start = lineEnd + 1
        }
    }

    /// Pulls lines from `lines` until a batch is complete or the lines run out; then returns
    /// the last partial batch. nil when there is nothing left. Inlinable, so that it is
    /// specialised for the caller's iterator.
    @inlinable
    public mutating func nextBatch<Lines: IteratorProtocol>(from lines: inout Lines) throws -> ColumnBatch?
    where Lines.Element == String {
        while let line = lines.next() {
            if let batch = try decode(line: line) { return batch }
        }
        return finish()
    }

    /// The rows buffered since the last batch, as a batch; nil when there are none.
    public mutating func finish() -> ColumnBatch? {
        bufferedRows > 0 ? takeBatch() : nil
    }

    mutating func takeBatch() -> ColumnBatch {
        let capacity = batchSize
        let vectors = columns.indices.map { columns[$0].finish(capacity: capacity) }
        let batch = ColumnBatch(schema: schema, columns: vectors, rowCount: bufferedRows)
        bufferedRows = 0
        return batch
    }

    /// Spark skips lines that are empty after trimming and lines starting with `comment`.
    @inline(__always)
    private func isBlankOrComment(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = line.first else { return true }
        if first == comment { return true }
        if first > 0x20 { return false }
        return line.allSatisfy { $0 <= 0x20 }
    }

    mutating func decodeRecord(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws {
        let fieldCount = parser.tokenize(line)
        var reason: String?
        if fieldCount != expectedFieldCount {
            reason = "expected \(expectedFieldCount) field\(expectedFieldCount == 1 ? "" : "s") but found \(fieldCount)"
            malformedCount += 1
            switch options.mode {
            case .permissive: break
            case .dropMalformed: droppedCount += 1; return
            case .failFast: throw malformed(line, number, reason!)
            }
        }
        let fields = parser.fields(of: line)
        if reason == nil {
            for (token, filter) in rowFilters
            where !filter.mayMatch(fields[token], quoted: fields.isQuoted(token), converter: converter) {
                filteredCount += 1
                return
            }
        }
        let failedField = columns.withUnsafeMutableBufferPointer { [conversions, converter] columns in
            CSVBatchDecoder.convert(fields, conversions, converter, columns)
        }
        if let failedField {
            if reason == nil { malformedCount += 1 }
            switch options.mode {
            case .permissive:
                break
            case .dropMalformed:
                droppedCount += 1
                for column in conversions.map(\.column) { columns[column].truncate(to: bufferedRows) }
                return
            case .failFast:
                let text = parser.fields(of: line).string(conversions[failedField].token)
                let field = schema.fields[conversions[failedField].column]
                throw malformed(line, number, "cannot parse '\(text)' as \(field.dataType.simpleString) for column '\(field.name)'")
            }
        }
        if let corruptColumn {
            if reason != nil || failedField != nil {
                columns[corruptColumn].append(String(decoding: line, as: UTF8.self))
            } else {
                columns[corruptColumn].appendNull()
            }
        }
        bufferedRows += 1
        rowCount += 1
    }

    /// Appends the required fields of one record to the columns (null for missing ones);
    /// returns the index in `conversions` of the first field that could not be converted, if any.
    @inline(__always)
    private static func convert(_ fields: CSVFields, _ conversions: [CSVFieldConversion],
                                _ converter: CSVFieldConverter, _ columns: UnsafeMutableBufferPointer<CSVColumnAccumulator>) -> Int? {
        var failed: Int?
        for index in conversions.indices {
            let field = conversions[index]
            guard field.token < fields.count else {
                columns[field.column].appendNull()
                continue
            }
            if !converter.append(fields[field.token], quoted: fields.isQuoted(field.token), as: field.conversion,
                                 to: &columns[field.column]),
               failed == nil {
                failed = index
            }
        }
        return failed
    }

    private func malformed(_ line: UnsafeBufferPointer<UInt8>, _ number: Int, _ reason: String) -> DataSourceError {
        .malformedRecord(path: path, line: number, record: String(decoding: line, as: UTF8.self), reason: reason)
    }

    /// With `enforceSchema=false`, the header's names must be the schema's (case-insensitive),
    /// as Spark's `CSVHeaderChecker`.
    private mutating func checkHeader(_ line: UnsafeBufferPointer<UInt8>) throws {
        guard !options.enforceSchema else { return }
        _ = parser.tokenize(line)
        let fields = parser.fields(of: line)
        let names = (0..<fields.count).map { fields.string($0) }
        let expected = headerNames
        guard names.count == expected.count else {
            throw DataSourceError.schemaMismatch(
                "Number of column in CSV header is not equal to number of fields in the schema:\n"
                    + " Header length: \(names.count), schema size: \(expected.count)\nCSV file: \(path)")
        }
        for (found, wanted) in zip(names, expected) where found.lowercased() != wanted.lowercased() {
            throw DataSourceError.schemaMismatch(
                "CSV header does not conform to the schema.\n Header: \(names.joined(separator: ", "))\n"
                    + " Schema: \(expected.joined(separator: ", "))\nExpected: \(wanted) but found: \(found)\nCSV file: \(path)")
        }
    }
}

/// One field a `CSVBatchDecoder` converts: its position among the record's tokens, the batch
/// column it goes to and how it is parsed.
struct CSVFieldConversion {
    let token: Int
    let column: Int
    let conversion: CSVFieldConverter.Conversion
}
