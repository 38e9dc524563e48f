import CFlintIntrinsics

/// The field boundaries of a run of *simple* CSV records in a text buffer, found in one pass,
/// so that a decoder can then convert the block column by column (one tight loop per column
/// and type) instead of record by record.
///
/// A record is simple when its line starts with a byte above space (not blank, no leading
/// whitespace) that is not the comment character, holds no quote character, ends with `\n`
/// (a `\r` before it is dropped) or the end of the buffer, and has exactly `fieldCount`
/// fields. Simple records read the same in every mode and need no unescaping: each field is a
/// byte range of the line. Indexing stops before the first line that is not simple, which the
/// caller hands to the general path (`CSVParser`), so records stay in order.
///
/// Cost: one 64-byte mask of separators, newlines and quotes per 64 bytes of text
/// (`flint_match3_mask64`), then one step per structural byte; `fieldCount + 1` integers
/// written per record; no allocation once warm. Written by hand
/// because this scan is the hot loop of every CSV scan and no library does it over our spans.
/// A class holding raw buffers: one per decoder, not thread-safe.
final class CSVRecordBlock {
    /// The fields of a simple record.
    let fieldCount: Int
    private let separator: UInt8
    /// The quote byte, or the separator when quoting is off (so that it never stops a scan).
    private let quote: UInt8
    /// The comment byte widened, or 0x100 (never a byte) when comments are off.
    private let comment: UInt16

    /// Per record, `fieldCount + 1` offsets from `base`: the line's start, then the end of each
    /// field (its separator, or the end of the line's content for the last).
    private var bounds: UnsafeMutablePointer<Int>
    private var capacity = 0
    /// Indices of the records a decoder keeps (those its pushed filters do not rule out).
    private(set) var selection: UnsafeMutablePointer<Int32>
    /// Room for one column of converted values of a block (8 bytes per record).
    private(set) var values: UnsafeMutableRawPointer
    /// The null rows of the column being converted (offsets among the selected records).
    var nullOffsets: [Int] = []
    /// The text the offsets count from.
    private var base: UnsafePointer<UInt8>?
    /// Offsets per record (`fieldCount + 1`).
    private let stride: Int
    /// A cache of short strings per field, made when a string column first reads it.
    private var strings: [ShortStringCache?]

    /// An index for records of `fieldCount` fields in the separator, quote and comment of
    /// `options`; nil when those options rule the simple path out (multi-byte or line-ending
    /// separators, trimmed whitespace, a line separator other than `\n`).
    init?(fieldCount: Int, options: CSVOptions) {
        guard fieldCount > 0, options.separator.count == 1, options.lineTerminator == UInt8(ascii: "\n"),
              !options.ignoreLeadingWhiteSpaceInRead, !options.ignoreTrailingWhiteSpaceInRead else { return nil }
        let separator = options.separator[0]
        guard separator != UInt8(ascii: "\n"), separator != UInt8(ascii: "\r") else { return nil }
        self.fieldCount = fieldCount
        self.separator = separator
        quote = options.quote ?? separator
        comment = options.comment.map(UInt16.init) ?? 0x100
        stride = fieldCount + 1
        strings = Array(repeating: nil, count: fieldCount)
        bounds = .allocate(capacity: 0)
        selection = .allocate(capacity: 0)
        values = .allocate(byteCount: 0, alignment: 8)
    }

    deinit {
        bounds.deallocate()
        selection.deallocate()
        values.deallocate()
    }

    /// Indexes up to `maximumRows` simple records from `start`; returns how many and where
    /// the next line starts (the first line that is not simple, or `end`). The offsets stay
    /// valid until the next call, and only while the text lives.
    func index(from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>, maximumRows: Int) -> (rows: Int, next: UnsafePointer<UInt8>) {
        reserve(maximumRows)
        base = start
        let count = end - start
        let (separator, quote) = (separator, quote)
        let newline = UInt8(ascii: "\n")
        var rows = 0
        var lineStart = 0
        // The structural bytes (separators, newlines, quotes) not yet consumed of the 64-byte
        // window at `window`, one bit each; past the last whole window, a byte loop from `index`.
        var window = 0
        var windowed = count >= 64
        var mask = windowed ? flint_match3_mask64(start, separator, newline, quote) : 0
        var index = 0
        records: while rows < maximumRows, lineStart < count {
            let first = start[lineStart]
            if first <= 0x20 || UInt16(first) == comment { break }
            let slot = bounds + rows * stride
            slot[0] = lineStart
            var field = 0
            while true {
                // The next separator, newline or quote (`count` if none).
                var hit = count
                while windowed {
                    if mask != 0 {
                        hit = window + mask.trailingZeroBitCount
                        mask &= mask - 1
                        break
                    }
                    window += 64
                    if window + 64 <= count {
                        mask = flint_match3_mask64(start + window, separator, newline, quote)
                    } else {
                        windowed = false
                        index = window
                    }
                }
                if !windowed, hit == count {
                    while index < count {
                        let byte = start[index]
                        if byte == separator || byte == newline || byte == quote {
                            hit = index
                            break
                        }
                        index += 1
                    }
                    index = hit + 1
                }
                let byte = hit < count ? start[hit] : UInt8(ascii: "\n")
                if byte == separator {
                    field += 1
                    if field == fieldCount { break records }
                    slot[field] = hit
                    continue
                }
                guard byte == UInt8(ascii: "\n"), field + 1 == fieldCount else { break records }
                var contentEnd = hit
                if start[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
                slot[fieldCount] = contentEnd
                rows += 1
                lineStart = hit + 1
                continue records
            }
        }
        return (rows, start + Swift.min(lineStart, count))
    }

    /// The bytes of field `token` of record `row`.
    @inline(__always)
    func field(_ row: Int, _ token: Int) -> UnsafeBufferPointer<UInt8> {
        let slot = bounds + row &* stride
        let from = token == 0 ? slot[0] : slot[token] &+ 1
        return UnsafeBufferPointer(start: base.unsafelyUnwrapped + from, count: slot[token &+ 1] &- from)
    }

    /// The cache of short strings of field `token` (made on first use).
    func stringCache(_ token: Int) -> ShortStringCache {
        if let cache = strings[token] { return cache }
        let cache = ShortStringCache()
        strings[token] = cache
        return cache
    }

    /// The line of record `row`, without its terminator.
    func line(_ row: Int) -> UnsafeBufferPointer<UInt8> {
        let slot = bounds + row * stride
        return UnsafeBufferPointer(start: base.unsafelyUnwrapped + slot[0], count: slot[fieldCount] - slot[0])
    }

    private func reserve(_ rows: Int) {
        guard rows > capacity else { return }
        bounds.deallocate()
        selection.deallocate()
        values.deallocate()
        bounds = .allocate(capacity: rows * stride)
        selection = .allocate(capacity: rows)
        values = .allocate(byteCount: rows * 8, alignment: 8)
        capacity = rows
    }
}
