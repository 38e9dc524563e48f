/// Parses JVM-style memory sizes ("512m", "2g", "64k", "1024", "1.5g") as Spark does.
public enum ByteSize {
    /// Returns the number of bytes `text` stands for; a bare number is taken in `defaultUnit` bytes.
    ///
    /// Units: b, k/kb, m/mb, g/gb, t/tb (case-insensitive, powers of 1024). Returns nil if malformed.
    public static func parse(_ text: String, defaultUnit: Int = 1) -> Int? {
        let lower = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = lower.prefix(while: { $0.isNumber || $0 == "." })
        guard !digits.isEmpty, let number = Double(digits), number >= 0 else { return nil }
        let unit: Int
        switch lower.dropFirst(digits.count) {
        case "": unit = defaultUnit
        case "b": unit = 1
        case "k", "kb": unit = 1 << 10
        case "m", "mb": unit = 1 << 20
        case "g", "gb": unit = 1 << 30
        case "t", "tb": unit = 1 << 40
        default: return nil
        }
        return Int(number * Double(unit))
    }

    /// Formats a byte count for people: "12.3 MiB".
    public static func format(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var index = 0
        while value >= 1024, index < units.count - 1 {
            value /= 1024
            index += 1
        }
        return index == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[index])
    }
}

import Foundation
