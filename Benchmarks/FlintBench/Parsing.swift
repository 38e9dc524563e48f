import Foundation

/// Record parsing for the workloads: byte-level and allocation-free where possible, with the
/// same semantics as the anchor kit's Scala/Python code (`split(" ")`, `toLong`, `toDouble`).
enum Parsing {
    /// `key,rest`: the first field as an Int64 and everything after the first comma as a
    /// string (the sort table's `key,payload`); nil when malformed.
    @inline(__always)
    static func keyAndRest(_ line: String) -> (Int64, String)? {
        var line = line
        return line.withUTF8 { bytes -> (Int64, String)? in
            guard let comma = firstComma(bytes),
                  let key = int64(UnsafeBufferPointer(rebasing: bytes[..<comma])) else { return nil }
            return (key, String(decoding: UnsafeBufferPointer(rebasing: bytes[(comma + 1)...]), as: UTF8.self))
        }
    }

    /// `key,value[,...]`: the first field as an Int64 and the second as a Double (the kv
    /// table's `key,value,cat`); nil when malformed.
    @inline(__always)
    static func keyAndDouble(_ line: String) -> (Int64, Double)? {
        var line = line
        return line.withUTF8 { bytes -> (Int64, Double)? in
            guard let comma = bytes.firstIndex(of: 0x2C),
                  let key = int64(UnsafeBufferPointer(rebasing: bytes[..<comma])) else { return nil }
            let rest = bytes[(comma + 1)...]
            let end = rest.firstIndex(of: 0x2C) ?? bytes.count
            guard let value = double(UnsafeBufferPointer(rebasing: bytes[(comma + 1)..<end])) else { return nil }
            return (key, value)
        }
    }

    /// `key,value,cat` as `(Int64, Double, String)`; nil when the line does not parse.
    static func kvRecord(_ line: String) -> (Int64, Double, String)? {
        guard let (key, value) = keyAndDouble(line), let lastComma = line.utf8.lastIndex(of: UInt8(ascii: ",")) else {
            return nil
        }
        return (key, value, String(line[line.index(after: lastComma)...]))
    }

    /// The index of the first comma (`memchr`, vectorised), if any.
    @inline(__always)
    static func firstComma(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, let found = memchr(base, 0x2C, bytes.count) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// A decimal integer with an optional sign, as Java's `Long.parseLong`; nil when empty,
    /// not a number, or out of range.
    @inline(__always)
    static func int64(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !bytes.isEmpty else { return nil }
        let negative = bytes[0] == UInt8(ascii: "-")
        let start = negative || bytes[0] == UInt8(ascii: "+") ? 1 : 0
        guard start < bytes.count else { return nil }
        var magnitude: UInt64 = 0
        if bytes.count - start <= 18 {
            // At most 18 digits cannot overflow: no checks per digit.
            for index in start..<bytes.count {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { return nil }
                magnitude = magnitude &* 10 &+ UInt64(digit)
            }
        } else {
            for index in start..<bytes.count {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { return nil }
                let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
                guard !overflow1, !overflow2 else { return nil }
                magnitude = sum
            }
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// Exact powers of ten as doubles, 10^0...10^22.
    private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// A decimal number as the nearest double (what `Double.parseDouble` returns). Plain
    /// `[-]digits[.digits]` with at most 15 significant digits takes an exact fast path
    /// (Clinger's: an exact integer divided by an exact power of ten rounds once); anything
    /// else goes to the standard library's parser.
    @inline(__always)
    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !bytes.isEmpty else { return nil }
        let negative = bytes[0] == UInt8(ascii: "-")
        var index = negative ? 1 : 0
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if byte &- 0x30 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(byte &- 0x30)
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else {
                return Double(String(decoding: bytes, as: UTF8.self))
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        guard digits <= 15 else { return Double(String(decoding: bytes, as: UTF8.self)) }
        let value = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }

    /// The first line of the file at `path` (without its terminator), e.g. a CSV header.
    /// - Throws: `BenchError.io` when the file cannot be read.
    static func firstLine(ofFile path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw BenchError.io(path: path, reason: "cannot open")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        let line = head.prefix { $0 != 0x0A && $0 != 0x0D }
        return String(decoding: line, as: UTF8.self)
    }
}
