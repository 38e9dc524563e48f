import Foundation

/// Parsers of numbers and booleans straight from UTF-8 bytes, for text sources' hot paths: no
/// String, no Scanner, no allocation. The accepted syntax is Java's (`Integer.parseInt`,
/// `Long.parseLong`, `Double.parseDouble`, `Boolean.parseBoolean` with strict true/false), so
/// that a column infers and converts as in Spark.
enum ByteParsing {
    /// A signed decimal 64-bit integer: optional `+`/`-`, then one or more digits, nothing else.
    /// nil on any other byte or on overflow. About 1 ns per digit.
    @inline(__always)
    static func int64(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        let count = bytes.count
        guard count > 0, let p = bytes.baseAddress else { return nil }
        var index = 0
        let negative = p[0] == UInt8(ascii: "-")
        if negative || p[0] == UInt8(ascii: "+") { index = 1 }
        guard index < count else { return nil }
        var value: UInt64 = 0
        // 18 digits can never overflow a UInt64 accumulator: check only past that.
        let safeEnd = Swift.min(count, index + 18)
        while index < safeEnd {
            let digit = p[index] &- 48
            guard digit < 10 else { return nil }
            value = value &* 10 &+ UInt64(digit)
            index += 1
        }
        while index < count {
            let digit = p[index] &- 48
            guard digit < 10 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
            guard !o1, !o2 else { return nil }
            value = sum
            index += 1
        }
        if negative {
            guard value <= UInt64(Int64.max) + 1 else { return nil }
            return Int64(bitPattern: 0 &- value)
        }
        guard value <= UInt64(Int64.max) else { return nil }
        return Int64(value)
    }

    /// A signed decimal 32-bit integer (syntax of `int64`); nil when malformed or out of range.
    @inline(__always)
    static func int32(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let value = int64(bytes), let narrow = Int32(exactly: value) else { return nil }
        return narrow
    }

    /// `true` or `false`, any case.
    @inline(__always)
    static func boolean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        if bytes.count == 4, (bytes[0] | 0x20) == 0x74, (bytes[1] | 0x20) == 0x72, (bytes[2] | 0x20) == 0x75,
           (bytes[3] | 0x20) == 0x65 { return true }
        if bytes.count == 5, (bytes[0] | 0x20) == 0x66, (bytes[1] | 0x20) == 0x61, (bytes[2] | 0x20) == 0x6C,
           (bytes[3] | 0x20) == 0x73, (bytes[4] | 0x20) == 0x65 { return false }
        return nil
    }

    /// 10^exponent for 0...22, exactly representable in a Double (Clinger's fast path). A
    /// switch, not a global array: no lazy-initialisation check on the hot path.
    @inline(__always)
    private static func exactPowerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    /// A decimal floating-point number as Java's `Double.parseDouble` reads it: surrounding
    /// ASCII whitespace, optional sign, digits with an optional `.` (at least one digit on one
    /// side), optional exponent `e`/`E`, optional type suffix `f`/`F`/`d`/`D`; `NaN`,
    /// `Infinity`, `-Infinity`. Hexadecimal floats are not accepted. Correctly rounded: numbers
    /// of up to 15 digits with small exponents (nearly all data) take an exact fast path of a
    /// few ns (Clinger's); others go through `strtod`.
    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard var p = bytes.baseAddress else { return nil }
        var end = p + bytes.count
        while p < end, p.pointee <= 0x20 { p += 1 }
        while end > p, (end - 1).pointee <= 0x20 { end -= 1 }
        guard p < end else { return nil }
        let start = p
        var negative = false
        if p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+") {
            negative = p.pointee == UInt8(ascii: "-")
            p += 1
        }
        if p < end, p.pointee == UInt8(ascii: "N") || p.pointee == UInt8(ascii: "I") {
            if matches(p, end, "NaN") { return .nan }
            if matches(p, end, "Infinity") { return negative ? -.infinity : .infinity }
            return nil
        }
        // Digits accumulate with wrapping arithmetic; more than 19 of them (where a UInt64
        // could overflow) take the slow path, which reparses the text.
        var mantissa: UInt64 = 0
        let integerStart = p
        accumulateDigits(&p, end, into: &mantissa)
        var digits = p - integerStart
        var exponent = 0
        if p < end, p.pointee == UInt8(ascii: ".") {
            p += 1
            let fractionStart = p
            accumulateDigits(&p, end, into: &mantissa)
            exponent = fractionStart - p
            digits += p - fractionStart
        }
        guard digits > 0 else { return nil }
        var exact = digits <= 19
        if p < end, p.pointee | 0x20 == UInt8(ascii: "e") {
            p += 1
            var exponentNegative = false
            if p < end, p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+") {
                exponentNegative = p.pointee == UInt8(ascii: "-")
                p += 1
            }
            guard p < end, p.pointee &- 48 < 10 else { return nil }
            var value = 0
            while p < end, p.pointee &- 48 < 10 {
                if value < 100_000 { value = value * 10 + Int(p.pointee &- 48) } else { exact = false }
                p += 1
            }
            exponent += exponentNegative ? -value : value
        }
        let numberEnd = p
        if p < end, "fFdD".utf8.contains(p.pointee) { p += 1 }
        guard p == end else { return nil }
        if exact, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let magnitude = exponent < 0 ? Double(mantissa) / exactPowerOfTen(-exponent) : Double(mantissa) * exactPowerOfTen(exponent)
            return negative ? -magnitude : magnitude
        }
        if exact, mantissa == 0 { return negative ? -0.0 : 0.0 }
        return slowDouble(start, numberEnd - start)
    }

    /// A number written `[-]digits[.digits]` (at least one digit, at most 19, none after a
    /// 22nd decimal place) whose digits fit in 53 bits: the common shape of data, read in one
    /// pass with one exact division (correctly rounded, as `double`). nil for anything else,
    /// which the caller hands to `double`.
    @inline(__always)
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard var p = bytes.baseAddress, bytes.count > 0, bytes.count <= 21 else { return nil }
        let end = p + bytes.count
        let negative = p.pointee == UInt8(ascii: "-")
        if negative { p += 1 }
        var mantissa: UInt64 = 0
        let integerStart = p
        accumulateDigits(&p, end, into: &mantissa)
        var digits = p - integerStart
        var fraction = 0
        if p < end {
            guard p.pointee == UInt8(ascii: ".") else { return nil }
            p += 1
            let fractionStart = p
            accumulateDigits(&p, end, into: &mantissa)
            guard p == end else { return nil }
            fraction = end - fractionStart
            digits += fraction
        }
        guard digits > 0, digits <= 19, mantissa <= 1 << 53, fraction <= 22 else { return nil }
        let magnitude = Double(mantissa) / exactPowerOfTen(fraction)
        return negative ? -magnitude : magnitude
    }

    /// Folds the ASCII digits from `p` on into `mantissa` (wrapping: callers bound the digit
    /// count), leaving `p` after the last one.
    @inline(__always)
    private static func accumulateDigits(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, into mantissa: inout UInt64) {
        while p < end, p.pointee &- 48 < 10 {
            mantissa = mantissa &* 10 &+ UInt64(p.pointee &- 48)
            p += 1
        }
    }

    /// `strtod` on a NUL-terminated copy of already validated decimal syntax.
    private static func slowDouble(_ start: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer in
            let base = buffer.baseAddress!
            UnsafeMutableRawPointer(base).copyMemory(from: start, byteCount: count)
            base[count] = 0
            return strtod(base, nil)
        }
    }

    @inline(__always)
    private static func matches(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ word: StaticString) -> Bool {
        guard end - p == word.utf8CodeUnitCount else { return false }
        return memcmp(p, word.utf8Start, word.utf8CodeUnitCount) == 0
    }

    /// Whether `bytes` equal `other`.
    @inline(__always)
    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ other: [UInt8]) -> Bool {
        guard bytes.count == other.count else { return false }
        if other.isEmpty { return true }
        return other.withUnsafeBufferPointer { memcmp(bytes.baseAddress!, $0.baseAddress!, other.count) == 0 }
    }
}
