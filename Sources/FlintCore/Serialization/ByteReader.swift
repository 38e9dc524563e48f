/// Reads what `ByteWriter` wrote, from a byte array or a sub-range of one, front to back.
///
/// Every read checks the bounds once and throws `SerializationError` on truncated input, a
/// malformed varint or invalid UTF-8; it never traps on bad data. Reads are O(1) apart from
/// the copies that `readBytes(count:)` and `readString()` make. Copying a reader is cheap (the
/// array is shared) and gives an independent cursor.
public struct ByteReader: Sendable {
    /// The underlying bytes; reads are confined to `position..<endIndex`.
    public let bytes: [UInt8]
    /// The offset one past the last readable byte.
    public let endIndex: Int
    @usableFromInline var offset: Int

    /// Creates a reader over all of `bytes`.
    @inlinable
    public init(_ bytes: [UInt8]) {
        self.init(bytes, range: bytes.startIndex..<bytes.endIndex)
    }

    /// Creates a reader over `bytes[range]`; positions stay offsets into `bytes`.
    /// - Precondition: `range` lies within `bytes.indices`.
    @inlinable
    public init(_ bytes: [UInt8], range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count,
                     "range \(range) is outside the \(bytes.count) bytes of the buffer")
        self.bytes = bytes
        self.offset = range.lowerBound
        self.endIndex = range.upperBound
    }

    /// The offset of the next byte to read.
    @inlinable
    public var position: Int { offset }

    /// Whether every byte of the range has been read.
    @inlinable
    public var isAtEnd: Bool { offset >= endIndex }

    /// The number of bytes left to read.
    @inlinable
    public var remainingCount: Int { endIndex - offset }

    /// Consumes `count` bytes and returns the offset of the first; throws if fewer remain.
    @inlinable
    mutating func advance(by count: Int) throws(SerializationError) -> Int {
        precondition(count >= 0, "cannot read a negative number (\(count)) of bytes")
        let start = offset
        guard count <= endIndex &- start else {
            throw .truncated(needed: count, available: endIndex - start, at: start)
        }
        offset = start &+ count
        return start
    }

    /// Reads one byte.
    @inlinable
    public mutating func read() throws(SerializationError) -> UInt8 {
        let start = try advance(by: 1)
        return bytes.withUnsafeBufferPointer { $0[start] }
    }

    /// Reads an unsigned LEB128 varint. One-byte varints take a short path; with 8 or more
    /// bytes left, varints of up to 8 bytes are decoded from one 8-byte load without a loop or
    /// data-dependent branches.
    @inlinable
    public mutating func readVarUInt() throws(SerializationError) -> UInt64 {
        let start = offset
        if _fastPath(endIndex &- start >= 8) {
            let word = bytes.withUnsafeBytes {
                UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: start, as: UInt64.self))
            }
            if word & 0x80 == 0 {
                offset = start &+ 1
                return word & 0x7F
            }
            let lastBytes = ~word & 0x8080_8080_8080_8080
            if _fastPath(lastBytes != 0) {
                let length = (lastBytes.trailingZeroBitCount &+ 1) &>> 3
                let kept = word & (UInt64.max &>> (64 &- 8 &* UInt64(length)))
                var value = kept & 0x7F
                value |= (kept &>> 1) & (0x7F &<< 7)
                value |= (kept &>> 2) & (0x7F &<< 14)
                value |= (kept &>> 3) & (0x7F &<< 21)
                value |= (kept &>> 4) & (0x7F &<< 28)
                value |= (kept &>> 5) & (0x7F &<< 35)
                value |= (kept &>> 6) & (0x7F &<< 42)
                value |= (kept &>> 7) & (0x7F &<< 49)
                offset = start &+ length
                return value
            }
        }
        return try readVarUIntByteByByte()
    }

    /// The general varint decoder for the last bytes of the range and for 9- and 10-byte
    /// varints: up to 10 bytes, the tenth holding only the top bit.
    @usableFromInline
    mutating func readVarUIntByteByByte() throws(SerializationError) -> UInt64 {
        let start = offset
        let end = endIndex
        let (value, next) = try bytes.withUnsafeBufferPointer { buffer throws(SerializationError) in
            var value: UInt64 = 0
            var shift: UInt64 = 0
            var index = start
            while true {
                guard index < end else {
                    throw SerializationError.truncated(needed: index - start + 1, available: end - start, at: start)
                }
                let byte = buffer[index]
                index += 1
                if shift == 63 && byte > 1 { throw SerializationError.malformedVarInt(at: start) }
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return (value, index) }
                shift += 7
            }
        }
        offset = next
        return value
    }

    /// Reads a zigzag-mapped varint (see `ByteWriter.writeVarInt`).
    @inlinable
    public mutating func readVarInt() throws(SerializationError) -> Int64 {
        let raw = try readVarUInt()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Reads a varint collection count and checks that it fits in `Int`.
    @inlinable
    public mutating func readCount() throws(SerializationError) -> Int {
        let start = offset
        let raw = try readVarUInt()
        guard raw <= UInt64(Int.max) else {
            throw .typeMismatch(expected: "a count at offset \(start)", found: "\(raw)")
        }
        return Int(raw)
    }

    /// Reads 4 little-endian bytes.
    @inlinable
    public mutating func readFixed32() throws(SerializationError) -> UInt32 {
        let start = try advance(by: 4)
        return bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: start, as: UInt32.self)) }
    }

    /// Reads 8 little-endian bytes.
    @inlinable
    public mutating func readFixed64() throws(SerializationError) -> UInt64 {
        let start = try advance(by: 8)
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: start, as: UInt64.self)) }
    }

    /// Reads a `Double` from its 8-byte bit pattern.
    @inlinable
    public mutating func readDouble() throws(SerializationError) -> Double {
        Double(bitPattern: try readFixed64())
    }

    /// Reads a `Float` from its 4-byte bit pattern.
    @inlinable
    public mutating func readFloat() throws(SerializationError) -> Float {
        Float(bitPattern: try readFixed32())
    }

    /// Consumes `count` bytes and passes them to `body` without copying; the buffer is valid
    /// only during the call.
    @inlinable
    public mutating func withBytes<Result>(
        count: Int, _ body: (UnsafeRawBufferPointer) -> Result
    ) throws(SerializationError) -> Result {
        let start = try advance(by: count)
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<start + count])) }
    }

    /// Reads `count` bytes into a new array (one allocation and one `memcpy`).
    @inlinable
    public mutating func readBytes(count: Int) throws(SerializationError) -> [UInt8] {
        let start = try advance(by: count)
        return Array(bytes[start..<start + count])
    }

    /// Skips a string written by `ByteWriter.writeString` without decoding it (its bytes are
    /// validated only when read). O(1).
    @inlinable
    public mutating func skipString() throws(SerializationError) {
        _ = try advance(by: try readCount())
    }

    /// Reads a string written by `ByteWriter.writeString`: a varint length, then UTF-8 bytes.
    ///
    /// The bytes are validated: an ASCII-only string is checked 8 bytes at a time; any other
    /// is decoded and then compared with its input, since decoding replaces each invalid
    /// sequence with U+FFFD and so changes the bytes exactly when they were invalid.
    @inlinable
    public mutating func readString() throws(SerializationError) -> String {
        let length = try readCount()
        let start = try advance(by: length)
        return try bytes.withUnsafeBufferPointer { buffer throws(SerializationError) in
            let utf8 = UnsafeBufferPointer(rebasing: buffer[start..<start + length])
            var string = String(decoding: utf8, as: UTF8.self)
            if _slowPath(!ASCII.isASCII(UnsafeRawBufferPointer(utf8))) {
                let unchanged = string.withUTF8 { $0.elementsEqual(utf8) }
                guard unchanged else { throw SerializationError.invalidUTF8(at: start) }
            }
            return string
        }
    }
}
