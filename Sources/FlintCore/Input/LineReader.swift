import CFlintIntrinsics
import Foundation

/// Reads the lines of a byte range of a file as Hadoop's LineRecordReader does: a split that
/// does not start at byte 0 skips its first (partial) line, and a split reads every line that
/// starts at or before its end, so each line is read by exactly one split. `\n` and `\r\n` end
/// lines; bytes are decoded as UTF-8 (invalid sequences become U+FFFD).
struct LineReader {
    private let input: FileInput
    private let end: Int
    private var position: Int
    private var buffer: [UInt8] = []
    private var bufferStart = 0
    private var cursor = 0
    private var exhausted = false
    /// Bytes read from the file at a time.
    private let chunk: Int

    /// Opens `path` for the split `[start, end)`.
    init(path: String, start: Int, end: Int) throws {
        try self.init(input: FileInput(url: URL(fileURLWithPath: path)), start: start, end: end)
    }

    /// Reads the split `[start, end)` of the open `input`, `chunk` bytes at a time (1 MiB
    /// suits a scan; a sampler that reads a few lines asks for less).
    init(input: FileInput, start: Int, end: Int, chunk: Int = 1 << 20) throws {
        self.input = input
        self.chunk = chunk
        self.end = end
        position = start
        bufferStart = start
        if start != 0 {
            // Skip the partial first line: it belongs to the previous split.
            _ = try nextLineRange()
        }
    }

    /// Bytes consumed so far past the split start.
    var bytesRead: Int { position }

    /// The next batch of up to `count` lines, or nil at the end of the split.
    mutating func nextLines(_ count: Int) throws -> [String]? {
        var lines: [String] = []
        lines.reserveCapacity(count)
        while lines.count < count, position <= end, let range = try nextLineRange() {
            lines.append(buffer.withUnsafeBufferPointer { String(decoding: $0[range], as: UTF8.self) })
        }
        return lines.isEmpty ? nil : lines
    }

    /// The bytes of the next whole lines, about `maxBytes` of them, each ended by `\n` (as in
    /// the file: a `\r` before it is kept, for the consumer to drop; a last line without a
    /// terminator gets one), and how many lines they are; nil at the end of the split. Whole
    /// runs of lines already in the buffer are copied at once (one `memrchr` finds where the
    /// run ends); only a line that crosses the buffer's end is read line by line.
    mutating func nextChunk(_ maxBytes: Int) throws -> (bytes: [UInt8], lines: Int)? {
        var chunk: [UInt8] = []
        chunk.reserveCapacity(maxBytes + 256)
        var lines = 0
        while chunk.count < maxBytes, position <= end {
            // Lines that start at or before `end` belong to this split.
            let window = Swift.min(buffer.count, cursor + (maxBytes - chunk.count), cursor + (end - position) + 1)
            if window > cursor, let run = lastNewline(before: window) {
                buffer.withUnsafeBufferPointer { bytes in
                    let slice = UnsafeBufferPointer(rebasing: bytes[cursor...run])
                    chunk.append(contentsOf: slice)
                    lines += Self.newlines(in: slice)
                }
                position += run + 1 - cursor
                cursor = run + 1
                continue
            }
            guard let range = try nextLineRange() else { break }
            chunk.append(contentsOf: buffer[range])
            chunk.append(0x0A)
            lines += 1
        }
        return chunk.isEmpty ? nil : (chunk, lines)
    }

    /// The offset in the buffer of the last `\n` in `cursor..<limit`, if any.
    private func lastNewline(before limit: Int) -> Int? {
        buffer.withUnsafeBufferPointer { bytes -> Int? in
            guard let base = bytes.baseAddress, let hit = flint_memrchr(base + cursor, 0x0A, limit - cursor) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
    }

    /// The number of `\n` bytes in `bytes`, eight at a time (hand-written: it runs over every
    /// byte a CSV scan reads). In each word, a byte's high bit ends up set exactly when the
    /// byte was a newline.
    static func newlines(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var count = 0
        var index = 0
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
            count &+= (~(((word & low7) &+ low7) | word | low7)).nonzeroBitCount
            index += 8
        }
        while index < bytes.count {
            count &+= base[index] == 0x0A ? 1 : 0
            index += 1
        }
        return count
    }

    /// Finds the next line in the buffer (refilling it), returns its byte range within the
    /// buffer without the terminator, and advances `position` past the terminator.
    private mutating func nextLineRange() throws -> Range<Int>? {
        while true {
            if let newline = buffer[cursor...].withUnsafeBufferPointer({ slice -> Int? in
                guard let base = slice.baseAddress,
                      let hit = memchr(base, 0x0A, slice.count) else { return nil }
                return cursor + (UnsafeRawPointer(hit) - UnsafeRawPointer(base))
            }) {
                var lineEnd = newline
                if lineEnd > cursor, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let range = cursor..<lineEnd
                position += newline + 1 - cursor
                cursor = newline + 1
                return range
            }
            if exhausted {
                guard cursor < buffer.count else { return nil }
                var lineEnd = buffer.count
                if buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let range = cursor..<lineEnd
                position += buffer.count - cursor
                cursor = buffer.count
                return range
            }
            try refill()
        }
    }

    private mutating func refill() throws {
        let readFrom = bufferStart + buffer.count
        let amount = Swift.min(chunk, input.size - readFrom)
        if amount <= 0 {
            exhausted = true
            return
        }
        let fresh = try input.read(readFrom..<readFrom + amount)
        buffer.removeSubrange(0..<cursor)
        bufferStart += cursor
        cursor = 0
        buffer.append(contentsOf: fresh)
    }
}
