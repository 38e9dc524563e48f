extension String {
    /// The fields of this string between occurrences of the ASCII `separator`, as Strings:
    /// `"a b  c".fields(separatedBy: " ")` is `["a", "b", "", "c"]` (Java's and Spark's
    /// `split(" ")` without its regular expressions, keeping trailing empty fields), or
    /// `["a", "b", "c"]` when `omittingEmptyFields`.
    ///
    /// The fast way to tokenise lines in a job (`lines.flatMap { $0.fields(separatedBy: " ") }`):
    /// it scans the UTF-8 bytes once and makes each field of up to 15 ASCII bytes (most words)
    /// as a small string straight from its bytes, with no validation (the bytes come from a
    /// valid String, cut at an ASCII byte) and no allocation. `split(separator:)` followed by
    /// `String.init` walks Characters and costs several times more; `String(decoding:as:)` per
    /// field validates each one. O(utf8.count).
    /// - Precondition: `separator` is ASCII.
    public func fields(separatedBy separator: Unicode.Scalar, omittingEmptyFields: Bool = false) -> [String] {
        precondition(separator.isASCII, "fields(separatedBy:) splits on an ASCII separator, not \(separator.escaped(asASCII: true))")
        let byte = UInt8(separator.value)
        return fields(omittingEmptyFields: omittingEmptyFields) { $0 == byte }
    }

    /// The fields of this string between runs of ASCII whitespace (space, tab, newline,
    /// vertical tab, form feed, carriage return), without empty fields: Spark's
    /// `split("\\s+")` on trimmed lines. As fast as `fields(separatedBy:)`. O(utf8.count).
    public func fieldsSeparatedByWhitespace() -> [String] {
        fields(omittingEmptyFields: true) { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
    }

    /// The fields between bytes for which `isSeparator` is true.
    @inline(__always)
    private func fields(omittingEmptyFields: Bool, isSeparator: (UInt8) -> Bool) -> [String] {
        var text = self
        let small = SmallASCII.layoutMatches
        return text.withUTF8 { bytes in
            var fields: [String] = []
            fields.reserveCapacity(16)
            var start = 0
            for index in 0..<bytes.count where isSeparator(bytes[index]) {
                if index > start || !omittingEmptyFields { fields.append(SmallASCII.string(bytes, start..<index, small: small)) }
                start = index + 1
            }
            if bytes.count > start || !omittingEmptyFields {
                fields.append(SmallASCII.string(bytes, start..<bytes.count, small: small))
            }
            return fields
        }
    }
}

/// Makes Strings of up to 15 ASCII bytes directly in Swift's small-string form.
///
/// Hand-written because it is the hot path of tokenising text (every word of a word count):
/// the standard library offers no unvalidated way to make a String from bytes known to be
/// valid. On 64-bit platforms a small string is 16 bytes: the code units in bytes 0-14
/// (little-endian) and, in byte 15, the discriminator 0xE0 (immortal, small, ASCII) plus the
/// count. The layout is checked against strings the standard library made, once per process;
/// if it ever differs, every field is made by `String(decoding:as:)`.
enum SmallASCII {
    /// Whether this process's String layout is the one `string` writes.
    static let layoutMatches: Bool = {
        guard MemoryLayout<String>.size == 16 else { return false }
        // Compared bit for bit: a String of another layout must not be used at all.
        return ["", "a", "word", "12345678", "123456789", "fifteen bytes!!"].allSatisfy { sample in
            var copy = sample
            return copy.withUTF8 { bytes in
                smallIfASCII(bytes, 0..<bytes.count).map { bits(of: $0) == bits(of: sample) } ?? false
            }
        }
    }()

    /// The String of `bytes[range]`, which is valid UTF-8; a small string made directly when
    /// `small` (`layoutMatches`, read once by the caller: it is a lazily initialised global).
    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, small: Bool) -> String {
        if small, range.count <= 15, let string = smallIfASCII(bytes, range) { return string }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// `bytes[range]` (at most 15 bytes) as a small string, or nil when not all ASCII.
    @inline(__always)
    static func smallIfASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        var low: UInt64 = 0, high: UInt64 = 0
        let base = bytes.baseAddress! + range.lowerBound
        let count = range.count
        if count > 0, bytes.count - range.lowerBound >= 16 {
            // Two loads, masked to the field's bytes.
            let raw = UnsafeRawPointer(base)
            low = raw.loadUnaligned(as: UInt64.self)
            high = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            if count < 8 {
                low &= (1 &<< UInt64(8 * count)) &- 1
                high = 0
            } else {
                high &= (1 &<< UInt64(8 * (count - 8))) &- 1
            }
        } else {
            for index in 0..<count {
                let shift = UInt64(8 * (index & 7))
                if index < 8 { low |= UInt64(base[index]) << shift } else { high |= UInt64(base[index]) << shift }
            }
        }
        guard (low | high) & 0x8080_8080_8080_8080 == 0 else { return nil }
        return unsafeBitCast((low, high | (0xE0 | UInt64(count)) << 56), to: String.self)
    }

    /// The two words of a String.
    private static func bits(of string: String) -> [UInt64] {
        let words = unsafeBitCast(string, to: (UInt64, UInt64).self)
        return [words.0, words.1]
    }
}
