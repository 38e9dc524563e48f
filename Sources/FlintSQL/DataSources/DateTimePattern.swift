/// A date/time pattern in the letters of Java's `DateTimeFormatter`, which Spark's `dateFormat`
/// and `timestampFormat` options use: `yyyy-MM-dd`, `dd/MM/yyyy`, `MM/dd/yyyy`,
/// `yyyy-MM-dd HH:mm:ss`, `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`, `dd MMM yyyy`, `hh:mm a`, ...
///
/// Compiled once; parsing runs over UTF-8 bytes without allocation (about 20 ns for a date) and
/// must consume the whole text. Times are UTC: a parsed zone offset is subtracted, and
/// formatting prints offset zero (`Z`, `+00:00`, ...).
///
/// Letters: `y`/`u` year (`yy` is 2000–2099; otherwise at least as many digits as letters),
/// `M`/`L` month (`M` one or two digits, `MM` two, `MMM` `Jan`, `MMMM` `January`), `d` day,
/// `D` day of year, `H` hour 0–23, `h` hour 1–12 with `a` (AM/PM), `m` minute, `s` second,
/// `S…S` fraction of a second (parsing takes 1 to n digits), `X`/`x`/`Z` zone offset (parsing
/// accepts `Z`, `±HH`, `±HHMM`, `±HH:MM`), `'text'` literal, `''` a quote, `[...]` optional
/// section. Other letters are rejected when the pattern is compiled.
public struct DateTimePattern: Sendable, Hashable, CustomStringConvertible {
    indirect enum Token: Sendable, Hashable {
        case year(Int), month(Int), day(Int), dayOfYear(Int), hour(Int), hour12(Int), minute(Int), second(Int)
        case fraction(Int), amPm, offset(letter: UInt8, count: Int), literal([UInt8]), optional([Token])

        /// Width of a fixed-width numeric field, nil for variable width or non-numeric tokens.
        var isNumeric: Bool {
            switch self {
            case .year, .month, .day, .dayOfYear, .hour, .hour12, .minute, .second, .fraction: true
            default: false
            }
        }
    }

    /// The pattern as given.
    public let pattern: String
    let tokens: [Token]

    /// Whether the pattern has a time-of-day field (hour, minute, second, fraction).
    public let hasTime: Bool

    /// Compiles `pattern`. O(pattern length).
    /// - Throws: `DataSourceError.invalidOption` (for `option`) naming the unsupported letter or
    ///   the unclosed quote or bracket.
    public init(_ pattern: String, option: String = "dateFormat") throws {
        self.pattern = pattern
        var index = 0
        let bytes = Array(pattern.utf8)
        func fail(_ reason: String) -> DataSourceError {
            .invalidOption(name: option, message: "option '\(option)' has an unsupported pattern '\(pattern)': \(reason)")
        }
        func compile(closing: Bool) throws -> [Token] {
            var tokens: [Token] = []
            func literal(_ byte: UInt8) {
                if case var .literal(previous) = tokens.last {
                    previous.append(byte)
                    tokens[tokens.count - 1] = .literal(previous)
                } else {
                    tokens.append(.literal([byte]))
                }
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "'") {
                    index += 1
                    if index < bytes.count, bytes[index] == UInt8(ascii: "'") { literal(byte); index += 1; continue }
                    var closed = false
                    while index < bytes.count {
                        if bytes[index] == UInt8(ascii: "'") {
                            if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "'") { literal(byte); index += 2; continue }
                            closed = true
                            index += 1
                            break
                        }
                        literal(bytes[index])
                        index += 1
                    }
                    if !closed { throw fail("unclosed quote") }
                    continue
                }
                if byte == UInt8(ascii: "[") {
                    index += 1
                    tokens.append(.optional(try compile(closing: true)))
                    continue
                }
                if byte == UInt8(ascii: "]") {
                    guard closing else { throw fail("']' without '['") }
                    index += 1
                    return tokens
                }
                guard (byte | 0x20) >= UInt8(ascii: "a"), (byte | 0x20) <= UInt8(ascii: "z") else {
                    literal(byte)
                    index += 1
                    continue
                }
                var count = 1
                while index + count < bytes.count, bytes[index + count] == byte { count += 1 }
                index += count
                switch byte {
                case UInt8(ascii: "y"), UInt8(ascii: "u"): tokens.append(.year(count))
                case UInt8(ascii: "M"), UInt8(ascii: "L"):
                    guard count <= 4 else { throw fail("too many 'M'") }
                    tokens.append(.month(count))
                case UInt8(ascii: "d"): tokens.append(.day(count))
                case UInt8(ascii: "D"): tokens.append(.dayOfYear(count))
                case UInt8(ascii: "H"): tokens.append(.hour(count))
                case UInt8(ascii: "h"): tokens.append(.hour12(count))
                case UInt8(ascii: "m"): tokens.append(.minute(count))
                case UInt8(ascii: "s"): tokens.append(.second(count))
                case UInt8(ascii: "S"):
                    guard count <= 9 else { throw fail("more than 9 'S'") }
                    tokens.append(.fraction(count))
                case UInt8(ascii: "a"): tokens.append(.amPm)
                case UInt8(ascii: "X"), UInt8(ascii: "x"), UInt8(ascii: "Z"): tokens.append(.offset(letter: byte, count: count))
                default:
                    throw fail("the letter '\(Character(Unicode.Scalar(byte)))' is not supported")
                }
                if count > 2, ![UInt8(ascii: "y"), UInt8(ascii: "u"), UInt8(ascii: "M"), UInt8(ascii: "L"), UInt8(ascii: "S"),
                                 UInt8(ascii: "D"), UInt8(ascii: "X"), UInt8(ascii: "x"), UInt8(ascii: "Z")].contains(byte) {
                    throw fail("too many '\(Character(Unicode.Scalar(byte)))'")
                }
            }
            if closing { throw fail("'[' without ']'") }
            return tokens
        }
        tokens = try compile(closing: false)
        func timeIn(_ tokens: [Token]) -> Bool {
            tokens.contains {
                switch $0 {
                case .hour, .hour12, .minute, .second, .fraction: true
                case let .optional(inner): timeIn(inner)
                default: false
                }
            }
        }
        hasTime = timeIn(tokens)
    }

    /// The pattern as given.
    public var description: String { pattern }

    /// Patterns are equal when their text is.
    public static func == (lhs: DateTimePattern, rhs: DateTimePattern) -> Bool { lhs.pattern == rhs.pattern }
    /// Hashes the pattern text.
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

    /// Days since 1970-01-01 of `bytes` (a time part, if the pattern has one, is dropped), or nil
    /// when the text does not match the pattern or names an invalid date.
    public func parseDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let micros = parseTimestamp(bytes) else { return nil }
        return Int32(truncatingIfNeeded: DateTimeText.floorDiv(micros, DateTimeText.microsPerDay))
    }

    /// Microseconds since the epoch (UTC) of `bytes`, or nil when the text does not match the
    /// pattern or names an invalid date or time.
    public func parseTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var fields = DateTimeText.Fields()
        var position = 0
        guard parse(tokens, bytes, &position, &fields), position == bytes.count else { return nil }
        return fields.instant()
    }

    /// `parseDate` of a String.
    public func parseDate(_ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { parseDate($0) }
    }

    /// `parseTimestamp` of a String.
    public func parseTimestamp(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parseTimestamp($0) }
    }

    private func parse(_ tokens: [Token], _ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int,
                       _ fields: inout DateTimeText.Fields) -> Bool {
        for (index, token) in tokens.enumerated() {
            // A variable-width number directly followed by another number takes only its minimum
            // width (Java's adjacent value parsing: `yyyyMMdd`).
            let adjacent = index + 1 < tokens.count && tokens[index + 1].isNumeric
            switch token {
            case let .year(count):
                let width = count == 2 ? (2, 2) : (count, adjacent ? count : 9)
                guard let value = DateTimeText.digits(bytes, &position, min: width.0, max: width.1, signed: count != 2) else { return false }
                fields.year = count == 2 ? 2000 + value : value
            case let .month(count):
                if count >= 3 {
                    guard let month = DateTimeText.monthName(bytes, &position, full: count == 4) else { return false }
                    fields.month = month
                } else {
                    guard let value = number(bytes, &position, count, adjacent) else { return false }
                    fields.month = value
                }
            case let .day(count):
                guard let value = number(bytes, &position, count, adjacent) else { return false }
                fields.day = value
            case let .dayOfYear(count):
                guard let value = DateTimeText.digits(bytes, &position, min: count, max: adjacent ? count : 3, signed: false) else { return false }
                fields.dayOfYear = value
            case let .hour(count):
                guard let value = number(bytes, &position, count, adjacent) else { return false }
                fields.hour = value
            case let .hour12(count):
                guard let value = number(bytes, &position, count, adjacent), (1...12).contains(value) else { return false }
                fields.hour = value % 12
            case let .minute(count):
                guard let value = number(bytes, &position, count, adjacent) else { return false }
                fields.minute = value
            case let .second(count):
                guard let value = number(bytes, &position, count, adjacent) else { return false }
                fields.second = value
            case let .fraction(count):
                let start = position
                guard let value = DateTimeText.digits(bytes, &position, min: 1, max: count, signed: false) else { return false }
                fields.fraction = DateTimeText.scaleFraction(value, digits: position - start)
            case .amPm:
                guard position + 2 <= bytes.count, bytes[position + 1] | 0x20 == UInt8(ascii: "m") else { return false }
                switch bytes[position] | 0x20 {
                case UInt8(ascii: "a"): fields.pm = false
                case UInt8(ascii: "p"): fields.pm = true
                default: return false
                }
                position += 2
            case .offset:
                guard let seconds = DateTimeText.offset(bytes, &position) else { return false }
                fields.offsetSeconds = seconds
            case let .literal(text):
                guard position + text.count <= bytes.count else { return false }
                for byte in text {
                    guard bytes[position] == byte else { return false }
                    position += 1
                }
            case let .optional(inner):
                var trialPosition = position
                var trialFields = fields
                if parse(inner, bytes, &trialPosition, &trialFields) {
                    position = trialPosition
                    fields = trialFields
                }
            }
        }
        return true
    }

    @inline(__always)
    private func number(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ count: Int, _ adjacent: Bool) -> Int? {
        DateTimeText.digits(bytes, &position, min: count, max: count == 1 && !adjacent ? 2 : count, signed: false)
    }

    /// `days` since the epoch in this pattern (time fields print as midnight).
    public func format(days: Int32) -> String { format(micros: Int64(days) * DateTimeText.microsPerDay) }

    /// `micros` since the epoch (UTC) in this pattern.
    public func format(micros: Int64) -> String {
        var out: [UInt8] = []
        append(micros: micros, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `micros` since the epoch (UTC) in this pattern to `out` (no allocation besides
    /// growing `out`).
    public func append(micros: Int64, to out: inout [UInt8]) {
        let days = DateTimeText.floorDiv(micros, DateTimeText.microsPerDay)
        let ofDay = micros - days * DateTimeText.microsPerDay
        let (year, month, day) = DateTimeFormat.civil(fromDays: Int(days))
        let parts = DateTimeText.Printed(year: year, month: month, day: day,
                                         dayOfYear: Int(days) - DateTimeFormat.days(fromCivil: year, 1, 1) + 1,
                                         hour: Int(ofDay / 3_600_000_000), minute: Int(ofDay / 60_000_000 % 60),
                                         second: Int(ofDay / 1_000_000 % 60), micros: Int(ofDay % 1_000_000))
        DateTimeText.append(tokens, parts, to: &out)
    }

    /// Appends `days` since the epoch in this pattern to `out`.
    public func append(days: Int32, to out: inout [UInt8]) { append(micros: Int64(days) * DateTimeText.microsPerDay, to: &out) }
}
