import Foundation

/// Conversions between SQL dates/timestamps (days / microseconds since the epoch, UTC) and their
/// ISO text forms, without Foundation's formatters on the hot path (civil-calendar arithmetic).
public enum DateTimeFormat {
    /// `yyyy-MM-dd` for `days` since 1970-01-01.
    public static func formatDate(_ days: Int32) -> String {
        let (year, month, day) = civil(fromDays: Int(days))
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// `yyyy-MM-dd HH:mm:ss[.SSSSSS]` (fraction shown only when non-zero, trailing zeros cut),
    /// UTC, for `micros` since the epoch.
    public static func formatTimestamp(_ micros: Int64) -> String {
        let perDay: Int64 = 86_400_000_000
        let days = micros >= 0 ? micros / perDay : (micros - perDay + 1) / perDay
        var rest = micros - days * perDay
        let hours = rest / 3_600_000_000
        rest -= hours * 3_600_000_000
        let minutes = rest / 60_000_000
        rest -= minutes * 60_000_000
        let seconds = rest / 1_000_000
        let fraction = rest - seconds * 1_000_000
        var text = formatDate(Int32(days)) + " " + pad(Int(hours), 2) + ":" + pad(Int(minutes), 2) + ":" + pad(Int(seconds), 2)
        if fraction != 0 {
            var digits = pad(Int(fraction), 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    /// Days since the epoch of `yyyy-MM-dd` (also `yyyy-M-d`); nil if malformed or invalid.
    public static func parseDate(_ text: Substring) -> Int32? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        return Int32(days(fromCivil: year, month, day))
    }

    /// Microseconds since the epoch of `yyyy-MM-dd[ |T]HH:mm[:ss[.fraction]][Z]` (UTC), or of a
    /// date alone (midnight); nil if malformed.
    public static func parseTimestamp(_ text: Substring) -> Int64? {
        let trimmed = text.hasSuffix("Z") ? text.dropLast() : text
        guard let separator = trimmed.firstIndex(where: { $0 == " " || $0 == "T" }) else {
            return parseDate(trimmed).map { Int64($0) * 86_400_000_000 }
        }
        guard let days = parseDate(trimmed[..<separator]) else { return nil }
        let time = trimmed[trimmed.index(after: separator)...].split(separator: ":", omittingEmptySubsequences: false)
        guard time.count == 2 || time.count == 3, let hours = Int(time[0]), let minutes = Int(time[1]),
              (0..<24).contains(hours), (0..<60).contains(minutes) else { return nil }
        var micros = Int64(days) * 86_400_000_000 + Int64(hours) * 3_600_000_000 + Int64(minutes) * 60_000_000
        if time.count == 3 {
            let secondParts = time[2].split(separator: ".", omittingEmptySubsequences: false)
            guard secondParts.count <= 2, let seconds = Int(secondParts[0]), (0..<60).contains(seconds) else { return nil }
            micros += Int64(seconds) * 1_000_000
            if secondParts.count == 2 {
                let digits = secondParts[1].prefix(6)
                guard !digits.isEmpty, let fraction = Int(digits), digits.allSatisfy(\.isNumber) else { return nil }
                micros += Int64(fraction) * Int64(pow(10.0, Double(6 - digits.count)))
            }
        }
        return micros
    }

    /// (year, month, day) of `days` since 1970-01-01 (Howard Hinnant's civil_from_days).
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 of a (year, month, day) (Howard Hinnant's days_from_civil).
    public static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The number of days in `month` of `year` (Gregorian).
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
