import Foundation

extension Double {
    /// The value as Java's `Double.toString` (JDK 19 and later) prints it, which is how Spark prints
    /// vector entries: the shortest digits that round-trip, in plain notation with at least one
    /// fractional digit when 10⁻³ ≤ |x| < 10⁷ (`0.001`, `1234567.0`), otherwise in scientific notation
    /// `d.dddE±n` (`1.0E-5`, `1.2345678E7`); `NaN`, `Infinity`, `-Infinity`, `0.0`, `-0.0`. Older JDKs
    /// sometimes print more digits than needed; those outputs are not reproduced.
    /// Cost: one `description` call and O(digits) string work.
    var javaDescription: String {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        if self == 0 { return sign == .minus ? "-0.0" : "0.0" }

        // Swift prints the same shortest round-trip digits, only in another layout ("1e-05",
        // "12345678.0"): take the digits and the decimal exponent apart, then lay them out as Java.
        let swiftForm = magnitude.description
        var mantissa = Substring(swiftForm)
        var exponent = 0
        if let e = swiftForm.firstIndex(of: "e") {
            mantissa = swiftForm[..<e]
            exponent = Int(swiftForm[swiftForm.index(after: e)...])!
        }
        var digits = mantissa.filter { $0 != "." }
        var pointPosition = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
            ?? mantissa.count
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.count > 1, digits.last == "0" {
            digits.removeLast()
        }
        // Java always shows a second digit, and picks the 2-digit decimal closest to the value: for a
        // normal double that is d.0, for a subnormal with few significant bits it may not be
        // (Double.leastNonzeroMagnitude prints as 4.9E-324, not 5.0E-324). printf rounds exactly.
        if digits.count == 1, !isNormal {
            let twoDigits = String(format: "%.1e", magnitude)
            if Double(twoDigits) == magnitude {
                digits = twoDigits.prefix(3).filter { $0 != "." }
                pointPosition = 1
                exponent = Int(twoDigits[twoDigits.index(after: twoDigits.firstIndex(of: "e")!)...])!
            }
        }
        // The value is d₀.d₁d₂… × 10^scientificExponent.
        let scientificExponent = pointPosition + exponent - 1
        let body: String
        if (-3..<7).contains(scientificExponent) {
            if scientificExponent < 0 {
                body = "0." + String(repeating: "0", count: -scientificExponent - 1) + digits
            } else {
                let integerCount = scientificExponent + 1
                let padded = digits.count < integerCount
                    ? digits + String(repeating: "0", count: integerCount - digits.count)
                    : digits
                let fraction = padded.dropFirst(integerCount)
                body = padded.prefix(integerCount) + "." + (fraction.isEmpty ? "0" : fraction)
            }
        } else {
            let fraction = digits.dropFirst()
            body = String(digits.prefix(1)) + "." + (fraction.isEmpty ? "0" : fraction) + "E\(scientificExponent)"
        }
        return sign == .minus ? "-" + body : body
    }
}

extension Collection where Element == Double {
    /// The elements as Scala's `mkString("[", ",", "]")` prints an `Array[Double]`: `[1.0,2.5E-4]`.
    /// O(count).
    var javaListDescription: String {
        "[" + map(\.javaDescription).joined(separator: ",") + "]"
    }
}
