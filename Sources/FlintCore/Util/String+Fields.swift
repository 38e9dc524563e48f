extension String {
    /// The fields of this string between occurrences of the ASCII `separator`, made one by one
    /// as they are iterated: `"a b  c".fieldSequence(separatedBy: " ")` yields "a", "b", "",
    /// "c" (Java's and Spark's `split(" ")` without regular expressions, keeping trailing empty
    /// fields), or "a", "b", "c" when `omittingEmptyFields`.
    ///
    /// The fast way to tokenise lines in a job: `lines.flatMap { $0.fieldSequence(separatedBy:
    /// " ") }` makes each word straight into the next step's batch, with no array per line (a
    /// quarter less time than `fields(separatedBy:)` there). See `FieldSequence` for the cost.
    /// - Precondition: `separator` is ASCII.
    @inlinable
    public func fieldSequence(separatedBy separator: Unicode.Scalar, omittingEmptyFields: Bool = false) -> FieldSequence {
        precondition(separator.isASCII, "fields are separated by an ASCII scalar, not \(separator.escaped(asASCII: true))")
        return FieldSequence(self, separator: UInt8(separator.value), omittingEmptyFields: omittingEmptyFields)
    }

    /// The fields of this string between runs of ASCII whitespace (space, tab, newline,
    /// vertical tab, form feed, carriage return), without empty fields (Spark's
    /// `split("\\s+")` on trimmed lines), made one by one as they are iterated.
    @inlinable
    public func fieldSequenceSeparatedByWhitespace() -> FieldSequence {
        FieldSequence(self, separator: nil, omittingEmptyFields: true)
    }

    /// `fieldSequence(separatedBy:omittingEmptyFields:)` as an array, for indexing (`fields[2]`).
    /// - Precondition: `separator` is ASCII.
    public func fields(separatedBy separator: Unicode.Scalar, omittingEmptyFields: Bool = false) -> [String] {
        Array(fieldSequence(separatedBy: separator, omittingEmptyFields: omittingEmptyFields))
    }

    /// `fieldSequenceSeparatedByWhitespace()` as an array.
    public func fieldsSeparatedByWhitespace() -> [String] {
        Array(fieldSequenceSeparatedByWhitespace())
    }
}

/// The fields of a string between separator bytes, made as they are iterated.
///
/// Each field is found by one scan of the string's UTF-8 bytes; a field of up to 15 ASCII
/// bytes (most words) is made as a small string straight from its bytes, with no validation
/// (the bytes come from a valid String, cut at ASCII bytes) and no allocation. Splitting with
/// `split(separator:)` and `String.init` walks Characters and costs several times more;
/// `String(decoding:as:)` per field validates each one. O(utf8.count) for a whole iteration.
public struct FieldSequence: Sequence {
    @usableFromInline let text: String
    /// The separator byte, or nil for runs of ASCII whitespace.
    @usableFromInline let separator: UInt8?
    @usableFromInline let omittingEmptyFields: Bool

    @inlinable
    init(_ text: String, separator: UInt8?, omittingEmptyFields: Bool) {
        self.text = text
        self.separator = separator
        self.omittingEmptyFields = omittingEmptyFields
    }

    /// Iterates the fields.
    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(text: text, separator: separator, omittingEmptyFields: omittingEmptyFields)
    }

    /// The iterator of a `FieldSequence`.
    public struct Iterator: IteratorProtocol {
        @usableFromInline var text: String
        /// `text.utf8.count`, read once.
        @usableFromInline let count: Int
        @usableFromInline let separator: UInt8?
        @usableFromInline let omittingEmptyFields: Bool
        /// Whether small strings are made directly (`SmallASCII.layoutMatches`, read once).
        @usableFromInline let small = SmallASCII.layoutMatches
        /// Where the next field starts, or nil after the last.
        @usableFromInline var start: Int? = 0

        @inlinable
        init(text: String, separator: UInt8?, omittingEmptyFields: Bool) {
            self.text = text
            count = text.utf8.count
            self.separator = separator
            self.omittingEmptyFields = omittingEmptyFields
        }

        /// The next field, or nil after the last. O(field length). Always inlined: it runs once
        /// per word, in the caller's loop.
        @inlinable @inline(__always)
        public mutating func next() -> String? {
            while let from = start {
                let (field, end) = text.withUTF8 { bytes -> (String?, Int) in
                    var index = from
                    if let separator {
                        while index < bytes.count, bytes[index] != separator { index += 1 }
                    } else {
                        while index < bytes.count, !SmallASCII.isWhitespace(bytes[index]) { index += 1 }
                    }
                    if index == from, omittingEmptyFields { return (nil, index) }
                    return (SmallASCII.string(bytes, from..<index, small: small), index)
                }
                start = end < count ? end + 1 : nil
                if let field { return field }
            }
            return nil
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
@usableFromInline
enum SmallASCII {
    /// Whether this process's String layout is the one `string` writes.
    @usableFromInline
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

    /// Whether `byte` is ASCII whitespace (space, tab, newline, vertical tab, form feed, CR).
    @inlinable @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// The String of `bytes[range]`, which is valid UTF-8; a small string made directly when
    /// `small` (`layoutMatches`, read once by the caller: it is a lazily initialised global).
    @inlinable @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, small: Bool) -> String {
        if small, range.count <= 15, let string = smallIfASCII(bytes, range) { return string }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// `bytes[range]` (at most 15 bytes) as a small string, or nil when not all ASCII.
    @inlinable @inline(__always)
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
