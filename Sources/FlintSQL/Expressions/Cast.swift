/// SQL casts between types, with Spark's default (non-ANSI) semantics: a string that does not
/// parse becomes null, fractional numbers cast to integers truncate toward zero (saturating at
/// the type's bounds), booleans are 1/0.
public enum Cast {
    /// Whether values of `from` can be cast to `to`.
    public static func canCast(from: DataType, to: DataType) -> Bool {
        if from == to || from == .null || to == .string { return true }
        switch (from, to) {
        case (.array, _), (.structure, _), (.vector, _), (_, .array), (_, .structure), (_, .vector): return false
        case (.date, .boolean), (.timestamp, .boolean), (.boolean, .date), (.boolean, .timestamp): return false
        default: return true
        }
    }

    /// `value` cast to `type` (null when it does not convert).
    public static func cast(_ value: Value, to type: DataType) -> Value {
        if value.isNull { return .null }
        switch type {
        case .string: return .string(value.description)
        case .boolean: return toBoolean(value)
        case .integer: return toInteger(value).map { .integer(Int32(clamping: $0)) } ?? .null
        case .long: return toInteger(value).map { .long($0) } ?? .null
        case .float: return toDouble(value).map { .float(Float($0)) } ?? .null
        case .double: return toDouble(value).map { .double($0) } ?? .null
        case .date:
            switch value {
            case let .date(days): return .date(days)
            case let .timestamp(micros): return .date(Int32(floorDivide(micros, 86_400_000_000)))
            case let .string(text):
                return DateTimeFormat.parseDate(Substring(text.trimmingCharacters(in: .whitespaces)).prefix(10)).map { .date($0) } ?? .null
            default: return .null
            }
        case .timestamp:
            switch value {
            case let .timestamp(micros): return .timestamp(micros)
            case let .date(days): return .timestamp(Int64(days) * 86_400_000_000)
            case let .string(text): return DateTimeFormat.parseTimestamp(Substring(text.trimmingCharacters(in: .whitespaces))).map { .timestamp($0) } ?? .null
            default: return toInteger(value).map { .timestamp($0 &* 1_000_000) } ?? .null
            }
        case .null: return .null
        case .array, .structure, .vector: return value.dataType == type ? value : .null
        }
    }

    private static func toBoolean(_ value: Value) -> Value {
        switch value {
        case let .boolean(v): return .boolean(v)
        case let .string(text):
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "t", "yes", "y", "1": return .boolean(true)
            case "false", "f", "no", "n", "0": return .boolean(false)
            default: return .null
            }
        default: return value.doubleValue.map { .boolean($0 != 0) } ?? .null
        }
    }

    private static func toInteger(_ value: Value) -> Int64? {
        switch value {
        case let .boolean(v): return v ? 1 : 0
        case let .integer(v): return Int64(v)
        case let .long(v): return v
        case let .date(days): return Int64(days)
        case let .timestamp(micros): return floorDivide(micros, 1_000_000)
        case let .string(text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let integer = Int64(trimmed) { return integer }
            return Double(trimmed).flatMap { $0.isFinite ? Int64(clampingTruncating: $0) : nil }
        default:
            guard let double = value.doubleValue, !double.isNaN else { return nil }
            return Int64(clampingTruncating: double)
        }
    }

    private static func toDouble(_ value: Value) -> Double? {
        switch value {
        case let .boolean(v): return v ? 1 : 0
        case let .string(text): return Double(text.trimmingCharacters(in: .whitespaces))
        case let .timestamp(micros): return Double(micros) / 1e6
        default: return value.doubleValue
        }
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }
}

extension Int64 {
    /// Truncates toward zero, saturating at the bounds (Java's `(long) double`).
    init(clampingTruncating value: Double) {
        if value >= 9.223372036854775807e18 { self = .max } else if value <= -9.223372036854775808e18 { self = .min } else { self = Int64(value) }
    }
}

import Foundation
