/// Byte-level helpers of `DateTimePattern`, and the lenient parsers Spark uses when no
/// `dateFormat` / `timestampFormat` is given (its `stringToDate` / `stringToTimestamp`).
enum DateTimeText {
    static let microsPerDay: Int64 = 86_400_000_000

    /// Floor division (rounds toward negative infinity).
    @inline(__always)
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// The fields read so far by a pattern; `micros()` validates and combines them.
    struct Fields {
        var year = 1970, month = 1, day = 1, dayOfYear: Int? = nil
        var hour = 0, minute = 0, second = 0, fraction = 0, offsetSeconds = 0
        var pm: Bool? = nil

        func instant() -> Int64? {
            guard (-290_000...290_000).contains(year), (1...12).contains(month), minute < 60, second < 60 else { return nil }
            var hour = hour
            if let pm { guard hour < 12 else { return nil }; if pm { hour += 12 } }
            guard hour < 24 else { return nil }
            var days: Int
            if let dayOfYear {
                let leap = DateTimeFormat.daysInMonth(year: year, month: 2) == 29
                guard dayOfYear >= 1, dayOfYear <= (leap ? 366 : 365) else { return nil }
                days = DateTimeFormat.days(fromCivil: year, 1, 1) + dayOfYear - 1
            } else {
                guard day >= 1, day <= DateTimeFormat.daysInMonth(year: year, month: month) else { return nil }
                days = DateTimeFormat.days(fromCivil: year, month, day)
            }
            let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
            return seconds * 1_000_000 + Int64(fraction)
        }
    }

    /// Reads `min...max` decimal digits at `position` (with a leading `-`/`+` when `signed`).
    @inline(__always)
    static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, min: Int, max: Int, signed: Bool) -> Int? {
        var index = position
        var negative = false
        if signed, index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        let start = index
        var value = 0
        while index < bytes.count, index - start < max, bytes[index] &- 48 < 10 {
            value = value * 10 + Int(bytes[index] &- 48)
            index += 1
        }
        guard index - start >= min else { return nil }
        position = index
        return negative ? -value : value
    }

    /// A fraction of `digits` digits as microseconds (extra digits truncated).
    @inline(__always)
    static func scaleFraction(_ value: Int, digits: Int) -> Int {
        var value = value
        var digits = digits
        while digits > 6 { value /= 10; digits -= 1 }
        while digits < 6 { value *= 10; digits += 1 }
        return value
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    /// An English month name (`Jan` or `January`, any case) at `position`: its number.
    static func monthName(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, full: Bool) -> Int? {
        for (index, name) in monthNames.enumerated() {
            let text = Array((full ? name : String(name.prefix(3))).utf8)
            guard position + text.count <= bytes.count else { continue }
            if (0..<text.count).allSatisfy({ bytes[position + $0] | 0x20 == text[$0] | 0x20 }) {
                position += text.count
                return index + 1
            }
        }
        return nil
    }

    /// A zone offset at `position`: `Z`, `UTC`, `GMT`, `±H`, `±HH`, `±HHMM`, `±HH:MM`, in seconds.
    static func offset(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> Int? {
        guard position < bytes.count else { return nil }
        if bytes[position] == UInt8(ascii: "Z") { position += 1; return 0 }
        for name in ["UTC", "GMT"] where position + 3 <= bytes.count
            && zip(name.utf8, bytes[position..<position + 3]).allSatisfy({ $0 == $1 }) {
            position += 3
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { break }
            return 0
        }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") else { return nil }
        let sign = bytes[position] == UInt8(ascii: "-") ? -1 : 1
        var index = position + 1
        guard let hours = digits(bytes, &index, min: 1, max: 2, signed: false), hours <= 18 else { return nil }
        var minutes = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") { index += 1 }
        if index < bytes.count, bytes[index] &- 48 < 10 {
            guard let value = digits(bytes, &index, min: 2, max: 2, signed: false), value < 60 else { return nil }
            minutes = value
        }
        position = index
        return sign * (hours * 3600 + minutes * 60)
    }

    // MARK: Lenient parsing (no pattern given)

    /// Days since the epoch of `yyyy`, `yyyy-[m]m`, `yyyy-[m]m-[d]d`, optionally followed by
    /// ` ` or `T` and anything (a time part, ignored), surrounded by optional whitespace: what
    /// Spark accepts for a date column without `dateFormat`.
    static func lenientDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        var position = 0
        var end = bytes.count
        trim(bytes, &position, &end)
        let trimmed = UnsafeBufferPointer(rebasing: bytes[position..<end])
        position = 0
        guard let days = datePart(trimmed, &position) else { return nil }
        if position == trimmed.count || trimmed[position] == UInt8(ascii: " ") || trimmed[position] == UInt8(ascii: "T") {
            return Int32(truncatingIfNeeded: days)
        }
        return nil
    }

    /// Microseconds since the epoch (UTC) of a date as in `lenientDate`, optionally followed by
    /// ` ` or `T`, `[h]h:[m]m[:[s]s[.fraction]]` and an optional zone (`Z`, `UTC`, `±hh:mm`, ...):
    /// what Spark accepts for a timestamp column without `timestampFormat`.
    static func lenientTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var position = 0
        var end = bytes.count
        trim(bytes, &position, &end)
        let text = UnsafeBufferPointer(rebasing: bytes[position..<end])
        position = 0
        guard let days = datePart(text, &position) else { return nil }
        var micros = Int64(days) * microsPerDay
        guard position < text.count else { return micros }
        guard text[position] == UInt8(ascii: " ") || text[position] == UInt8(ascii: "T") else { return nil }
        position += 1
        guard let hour = digits(text, &position, min: 1, max: 2, signed: false), hour < 24,
              position < text.count, text[position] == UInt8(ascii: ":") else { return nil }
        position += 1
        guard let minute = digits(text, &position, min: 1, max: 2, signed: false), minute < 60 else { return nil }
        var second = 0
        var fraction = 0
        if position < text.count, text[position] == UInt8(ascii: ":") {
            position += 1
            guard let value = digits(text, &position, min: 1, max: 2, signed: false), value < 60 else { return nil }
            second = value
            if position < text.count, text[position] == UInt8(ascii: ".") {
                position += 1
                let start = position
                guard let value = digits(text, &position, min: 1, max: 9, signed: false) else { return nil }
                fraction = scaleFraction(value, digits: position - start)
            }
        }
        micros += Int64(hour * 3600 + minute * 60 + second) * 1_000_000 + Int64(fraction)
        if position < text.count, text[position] == UInt8(ascii: " ") { position += 1 }
        if position < text.count {
            guard let offset = offset(text, &position), position == text.count else { return nil }
            micros -= Int64(offset) * 1_000_000
        }
        return micros
    }

    private static func trim(_ bytes: UnsafeBufferPointer<UInt8>, _ start: inout Int, _ end: inout Int) {
        while start < end, bytes[start] <= 0x20 { start += 1 }
        while end > start, bytes[end - 1] <= 0x20 { end -= 1 }
    }

    private static func datePart(_ text: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> Int? {
        guard let year = digits(text, &position, min: 4, max: 6, signed: true) else { return nil }
        var month = 1
        var day = 1
        if position < text.count, text[position] == UInt8(ascii: "-") {
            position += 1
            guard let value = digits(text, &position, min: 1, max: 2, signed: false) else { return nil }
            month = value
            if position < text.count, text[position] == UInt8(ascii: "-") {
                position += 1
                guard let value = digits(text, &position, min: 1, max: 2, signed: false) else { return nil }
                day = value
            }
        }
        guard (1...12).contains(month), day >= 1, day <= DateTimeFormat.daysInMonth(year: year, month: month) else { return nil }
        return DateTimeFormat.days(fromCivil: year, month, day)
    }

    // MARK: Formatting

    /// The calendar fields of an instant, for formatting.
    struct Printed {
        var year: Int, month: Int, day: Int, dayOfYear: Int, hour: Int, minute: Int, second: Int, micros: Int
    }

    static func append(_ tokens: [DateTimePattern.Token], _ parts: Printed, to out: inout [UInt8]) {
        for token in tokens {
            switch token {
            case let .year(count):
                if count == 2 { pad(((parts.year % 100) + 100) % 100, 2, &out) } else { pad(parts.year, count, &out) }
            case let .month(count):
                if count >= 3 {
                    let name = monthNames[parts.month - 1]
                    out.append(contentsOf: (count == 3 ? String(name.prefix(3)) : name).utf8)
                } else {
                    pad(parts.month, count, &out)
                }
            case let .day(count): pad(parts.day, count, &out)
            case let .dayOfYear(count): pad(parts.dayOfYear, count, &out)
            case let .hour(count): pad(parts.hour, count, &out)
            case let .hour12(count): pad(parts.hour % 12 == 0 ? 12 : parts.hour % 12, count, &out)
            case let .minute(count): pad(parts.minute, count, &out)
            case let .second(count): pad(parts.second, count, &out)
            case let .fraction(count):
                var digits: [UInt8] = []
                pad(parts.micros, 6, &digits)
                for index in 0..<count { out.append(index < 6 ? digits[index] : UInt8(ascii: "0")) }
            case .amPm: out.append(contentsOf: (parts.hour < 12 ? "AM" : "PM").utf8)
            case let .offset(letter, count):
                let text = switch (letter, count) {
                case (UInt8(ascii: "X"), _): "Z"
                case (UInt8(ascii: "x"), 1): "+00"
                case (UInt8(ascii: "x"), 2): "+0000"
                case (UInt8(ascii: "x"), _): "+00:00"
                case (_, 4): "GMT"
                case (_, 5): "Z"
                default: "+0000"
                }
                out.append(contentsOf: text.utf8)
            case let .literal(bytes): out.append(contentsOf: bytes)
            case let .optional(inner): append(inner, parts, to: &out)
            }
        }
    }

    /// Appends `value` in decimal, zero-padded to `width` digits (a `-` before a negative value).
    static func pad(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(truncatingIfNeeded: magnitude % 10) + 48
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for _ in count..<Swift.max(count, width) { out.append(UInt8(ascii: "0")) }
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }
}
