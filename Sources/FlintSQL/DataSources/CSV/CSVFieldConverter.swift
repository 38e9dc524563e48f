/// Converts the bytes of one CSV field to a column's type, appending to the column, with
/// Spark's null rules: an unquoted empty field is null; a quoted empty field reads as
/// `emptyValue`; a field equal to `nullValue` is null. Numbers, booleans, dates and
/// timestamps are parsed from the bytes (`ByteParsing`, `DateTimePattern`); only string
/// columns materialise a String. A class, so that the hot loop passes one reference instead
/// of copying (and retaining) its arrays per row.
final class CSVFieldConverter {
    /// How one column's fields are converted.
    enum Conversion { case boolean, integer, long, float, double, string, date, timestamp, null }

    let nullValue: [UInt8]
    let emptyValue: [UInt8]
    let nanValue: [UInt8]
    let positiveInf: [UInt8]
    let negativeInf: [UInt8]
    let dateFormat: DateTimePattern?
    let timestampFormat: DateTimePattern?
    /// Whether a quoted empty field is null (`emptyValue` equals `nullValue`).
    let emptyIsNull: Bool
    /// Whether text of the form `[-]digits[.digits]` always reads as that number in a double
    /// column: false when `nanValue`, `positiveInf` or `negativeInf` is spelled that way.
    let plainDecimalsAreNumbers: Bool

    init(options: CSVOptions) {
        nullValue = Array(options.nullValue.utf8)
        emptyValue = Array(options.emptyValueInRead.utf8)
        nanValue = Array(options.nanValue.utf8)
        positiveInf = Array(options.positiveInf.utf8)
        negativeInf = Array(options.negativeInf.utf8)
        dateFormat = options.dateFormat
        timestampFormat = options.timestampFormat
        emptyIsNull = options.emptyValueInRead == options.nullValue
        plainDecimalsAreNumbers = [options.nanValue, options.positiveInf, options.negativeInf].allSatisfy { text in
            text.utf8.contains { !($0 &- 48 < 10 || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")) }
        }
    }

    /// Whether an unquoted field is null: empty, or `nullValue`.
    @inline(__always)
    func isNull(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 0 || (bytes.count == nullValue.count && ByteParsing.equal(bytes, nullValue))
    }

    static func conversion(of dataType: DataType) -> Conversion {
        switch dataType {
        case .boolean: .boolean
        case .integer: .integer
        case .long: .long
        case .float: .float
        case .double: .double
        case .date: .date
        case .timestamp: .timestamp
        case .null: .null
        case .string, .array, .structure, .vector: .string
        }
    }

    /// Appends the value of `bytes` (quoted or not) to `column` and returns true, or appends a
    /// null and returns false when the text cannot be converted (a malformed field).
    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>, quoted: Bool, as conversion: Conversion,
                to column: inout CSVColumnAccumulator) -> Bool {
        if bytes.count == 0 {
            if !quoted || emptyIsNull { column.appendNull(); return true }
            return emptyValue.withUnsafeBufferPointer { convert($0, conversion, &column) }
        }
        if isNull(bytes) {
            column.appendNull()
            return true
        }
        return convert(bytes, conversion, &column)
    }

    @inline(__always)
    private func convert(_ bytes: UnsafeBufferPointer<UInt8>, _ conversion: Conversion,
                         _ column: inout CSVColumnAccumulator) -> Bool {
        switch conversion {
        case .string:
            column.append(String(decoding: bytes, as: UTF8.self))
            return true
        case .integer:
            guard let value = ByteParsing.int32(bytes) else { break }
            column.append(value)
            return true
        case .long:
            guard let value = ByteParsing.int64(bytes) else { break }
            column.append(value)
            return true
        case .double:
            guard let value = double(bytes) else { break }
            column.append(value)
            return true
        case .float:
            guard let value = double(bytes) else { break }
            column.append(Float(value))
            return true
        case .boolean:
            guard let value = ByteParsing.boolean(bytes) else { break }
            column.append(value)
            return true
        case .date:
            let parsed = if let dateFormat { dateFormat.parseDate(bytes) } else { DateTimeText.lenientDate(bytes) }
            guard let value = parsed else { break }
            column.append(value)
            return true
        case .timestamp:
            let parsed = if let timestampFormat { timestampFormat.parseTimestamp(bytes) } else { DateTimeText.lenientTimestamp(bytes) }
            guard let value = parsed else { break }
            column.append(value)
            return true
        case .null:
            column.appendNull()
            return true
        }
        column.appendNull()
        return false
    }

    /// The double `bytes` (not null) spell: `nanValue`, `positiveInf`, `negativeInf`, or a
    /// number as `Double.parseDouble` reads it; nil when malformed.
    @inline(__always)
    func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        special(bytes) ?? ByteParsing.double(bytes)
    }

    /// `nanValue`, `positiveInf`, `negativeInf` (checked before the number itself, as Spark).
    @inline(__always)
    private func special(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if bytes.count == nanValue.count, ByteParsing.equal(bytes, nanValue) { return .nan }
        if bytes.count == positiveInf.count, ByteParsing.equal(bytes, positiveInf) { return .infinity }
        if bytes.count == negativeInf.count, ByteParsing.equal(bytes, negativeInf) { return -.infinity }
        return nil
    }
}
