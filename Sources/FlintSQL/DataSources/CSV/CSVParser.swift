/// Splits one CSV line into fields, over UTF-8 bytes, as Spark's CSV reader (univocity) does:
/// fields are separated by `sep` (one or more bytes); a field that starts with the quote
/// character (after leading whitespace, when it is ignored) is quoted: separators inside it
/// are data, a doubled quote or `escape` + quote stands for a quote, `escape` + `escape` for
/// one escape character; text after the closing quote up to the separator is kept, an
/// unclosed quote runs to the end of the line. A trailing separator ends with an empty field.
/// Unquoted fields are not unescaped; whitespace around them is kept unless
/// `ignoreLeadingWhiteSpace` / `ignoreTrailingWhiteSpace` is set. The caller strips the line
/// terminator (`\n`, `\r\n`).
///
/// Cost: a line without quote characters is scanned once, byte by byte, and its fields are
/// recorded as byte ranges of the line (no copy, no allocation once warm). A line with quotes
/// goes through a state machine that copies every field, unescaped, into a reused scratch
/// buffer. A class holding raw buffers, so that the decoder's hot loop touches no reference
/// counts: use one parser per partition (it is not thread-safe), for all its lines.
public final class CSVParser {
    /// A field of the last tokenized line: a byte range of the line, or of the scratch buffer
    /// when `fieldsInScratch`.
    struct Span {
        var start: Int
        var end: Int
        var quoted: Bool
    }

    let separator: [UInt8]
    let separatorByte: UInt8
    let singleByteSeparator: Bool
    /// The quote byte, or the separator's first byte when quoting is off (never seen then).
    let quoteByte: UInt8
    let quoting: Bool
    let escapeByte: UInt8?
    let trimLeading: Bool
    let trimTrailing: Bool

    /// The fields of the last tokenized line: `spanCount` spans at `spans`.
    @exclusivity(unchecked) private var spans: UnsafeMutablePointer<Span>
    @exclusivity(unchecked) private var spanCapacity = 64
    /// Number of fields of the last tokenized line.
    @exclusivity(unchecked) public private(set) var fieldCount = 0
    /// Unescaped copies of the fields, for lines with quotes.
    @exclusivity(unchecked) private var scratch: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var scratchCapacity = 1024
    @exclusivity(unchecked) private var scratchCount = 0
    /// Whether the spans index the scratch buffer (true) or the line (false).
    @exclusivity(unchecked) private var fieldsInScratch = false

    /// A tokenizer with the separator, quote, escape and whitespace options of `options`.
    public init(options: CSVOptions) {
        separator = options.separator
        separatorByte = options.separator[0]
        singleByteSeparator = options.separator.count == 1
        quoting = options.quote != nil
        quoteByte = options.quote ?? options.separator[0]
        escapeByte = options.escape == options.quote ? nil : options.escape
        trimLeading = options.ignoreLeadingWhiteSpaceInRead
        trimTrailing = options.ignoreTrailingWhiteSpaceInRead
        spans = .allocate(capacity: spanCapacity)
        scratch = .allocate(capacity: scratchCapacity)
    }

    deinit {
        spans.deallocate()
        scratch.deallocate()
    }

    /// Splits `line` (without its terminator) into fields and returns how many. The fields
    /// stay available (`fields(of:)`) until the next call.
    @inline(__always)
    public func tokenize(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        fieldCount = 0
        guard singleByteSeparator, let base = line.baseAddress else { return tokenizeQuoted(line) }
        let count = line.count
        let separator = separatorByte
        let quote = quoteByte
        // Eight bytes at a time: a word with neither a separator nor a quote is skipped whole.
        let separators = 0x0101_0101_0101_0101 &* UInt64(separator)
        let quotes = 0x0101_0101_0101_0101 &* UInt64(quote)
        let raw = UnsafeRawPointer(base)
        var start = 0
        var index = 0
        while index + 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let hits = CSVParser.zeroBytes(word ^ separators) | CSVParser.zeroBytes(word ^ quotes)
            if hits == 0 {
                index += 8
                continue
            }
            // The lowest hit is exact (false positives can only appear above a true one).
            let position = index + hits.trailingZeroBitCount >> 3
            if base[position] == separator {
                addUnquoted(base, start, position)
                start = position + 1
            } else {
                return tokenizeQuoted(line)
            }
            index = position + 1
        }
        while index < count {
            let byte = base[index]
            if byte == separator {
                addUnquoted(base, start, index)
                start = index + 1
            } else if byte == quote {
                return tokenizeQuoted(line)
            }
            index += 1
        }
        addUnquoted(base, start, count)
        fieldsInScratch = false
        return fieldCount
    }

    /// High bit set in each byte of `word` that is zero (and possibly in bytes above a zero
    /// byte: only the lowest set bit is exact).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    /// The fields of the last line tokenized, which was `line`: a view valid until the next
    /// `tokenize` and while `line`'s bytes live.
    @inline(__always)
    public func fields(of line: UnsafeBufferPointer<UInt8>) -> CSVFields {
        CSVFields(base: fieldsInScratch ? UnsafePointer(scratch) : line.baseAddress,
                  spans: UnsafeBufferPointer(start: spans, count: fieldCount))
    }

    /// The fields of `line` as Strings. Allocates: for tests, headers and the driver.
    public func fields(of line: String) -> [String] {
        var line = line
        return line.withUTF8 { bytes in
            _ = tokenize(bytes)
            let fields = fields(of: bytes)
            return (0..<fields.count).map { fields.string($0) }
        }
    }

    @inline(__always)
    private func addUnquoted(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) {
        var start = start
        var end = end
        if trimLeading { while start < end, base[start] <= 0x20 { start += 1 } }
        if trimTrailing { while end > start, base[end - 1] <= 0x20 { end -= 1 } }
        addSpan(Span(start: start, end: end, quoted: false))
    }

    @inline(__always)
    private func addSpan(_ span: Span) {
        if fieldCount == spanCapacity {
            let grown = UnsafeMutablePointer<Span>.allocate(capacity: spanCapacity * 2)
            grown.moveInitialize(from: spans, count: fieldCount)
            spans.deallocate()
            spans = grown
            spanCapacity *= 2
        }
        (spans + fieldCount).initialize(to: span)
        fieldCount += 1
    }

    @inline(__always)
    private func appendScratch(_ byte: UInt8) {
        if scratchCount == scratchCapacity { growScratch(scratchCount + 1) }
        scratch[scratchCount] = byte
        scratchCount += 1
    }

    private func appendScratch(_ bytes: UnsafeBufferPointer<UInt8>) {
        if scratchCount + bytes.count > scratchCapacity { growScratch(scratchCount + bytes.count) }
        if let source = bytes.baseAddress { (scratch + scratchCount).update(from: source, count: bytes.count) }
        scratchCount += bytes.count
    }

    private func growScratch(_ needed: Int) {
        var capacity = scratchCapacity * 2
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: scratch, count: scratchCount)
        scratch.deallocate()
        scratch = grown
        scratchCapacity = capacity
    }

    @inline(__always)
    private func isSeparator(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        if singleByteSeparator { return line[index] == separatorByte }
        guard line[index] == separatorByte, index + separator.count <= line.count else { return false }
        for offset in 1..<separator.count where line[index + offset] != separator[offset] { return false }
        return true
    }

    /// The general state machine: quoted fields, escapes, multi-byte separators.
    private func tokenizeQuoted(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        fieldCount = 0
        scratchCount = 0
        fieldsInScratch = true
        let count = line.count
        var position = 0
        while true {
            var index = position
            if trimLeading { while index < count, line[index] <= 0x20, !isSeparator(line, at: index) { index += 1 } }
            let fieldStart = scratchCount
            if quoting, index < count, line[index] == quoteByte {
                index += 1
                var closed = false
                while index < count {
                    let byte = line[index]
                    if byte == quoteByte {
                        if index + 1 < count, line[index + 1] == quoteByte {
                            appendScratch(quoteByte)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if let escape = escapeByte, byte == escape, index + 1 < count,
                       line[index + 1] == quoteByte || line[index + 1] == escape {
                        appendScratch(line[index + 1])
                        index += 2
                        continue
                    }
                    appendScratch(byte)
                    index += 1
                }
                if closed {
                    // Text between the closing quote and the separator: kept unless blank.
                    var end = index
                    var blank = true
                    while end < count, !isSeparator(line, at: end) {
                        if line[end] > 0x20 { blank = false }
                        end += 1
                    }
                    if !blank { appendScratch(UnsafeBufferPointer(rebasing: line[index..<end])) }
                    index = end
                }
                addSpan(Span(start: fieldStart, end: scratchCount, quoted: true))
            } else {
                var end = index
                while end < count, !isSeparator(line, at: end) { end += 1 }
                var trimmedEnd = end
                if trimTrailing { while trimmedEnd > index, line[trimmedEnd - 1] <= 0x20 { trimmedEnd -= 1 } }
                if trimmedEnd > index { appendScratch(UnsafeBufferPointer(rebasing: line[index..<trimmedEnd])) }
                addSpan(Span(start: fieldStart, end: scratchCount, quoted: false))
                index = end
            }
            guard index < count else { break }
            position = index + separator.count
        }
        return fieldCount
    }
}

/// The fields of one tokenized line, as byte ranges; valid until the parser tokenizes another
/// line, and only while the line's bytes live.
public struct CSVFields {
    let base: UnsafePointer<UInt8>?
    let spans: UnsafeBufferPointer<CSVParser.Span>

    /// Number of fields.
    public var count: Int { spans.count }

    /// The bytes of field `index` (unescaped, without its quotes).
    @inline(__always)
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        let span = spans[index]
        return UnsafeBufferPointer(start: base.map { $0 + span.start }, count: span.end - span.start)
    }

    /// Whether field `index` was quoted (a quoted empty field is an empty string, an unquoted
    /// one is null).
    @inline(__always)
    public func isQuoted(_ index: Int) -> Bool { spans[index].quoted }

    /// Field `index` as a String (one allocation for more than 15 bytes).
    public func string(_ index: Int) -> String { String(decoding: self[index], as: UTF8.self) }
}
