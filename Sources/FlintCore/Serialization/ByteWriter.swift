/// Appends Flint's compact binary encoding to one contiguous, growable byte array.
///
/// Used on the shuffle hot path: every method is a few instructions plus an amortised O(1)
/// append; strings and raw buffers are copied with one `memcpy`. The matching reader is
/// `ByteReader`.
///
/// Encodings: unsigned integers as LEB128 varints (1 byte below 128, at most 10 bytes), signed
/// integers zigzag-mapped first (so small negative numbers stay short), fixed-width integers
/// and floating-point bit patterns little-endian, strings as a varint byte length followed by
/// their UTF-8 bytes.
public struct ByteWriter {
    /// The bytes written so far, in order.
    public var bytes: [UInt8]

    /// Creates an empty writer whose storage can hold `capacity` bytes before it first grows.
    @inlinable
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The number of bytes written so far; O(1).
    @inlinable
    public var count: Int { bytes.count }

    /// Forgets the written bytes; keeps the allocation when `keepingCapacity` is true, so a
    /// writer can be reused per batch without reallocating. O(1) for byte storage.
    @inlinable
    public mutating func removeAll(keepingCapacity: Bool = true) {
        bytes.removeAll(keepingCapacity: keepingCapacity)
    }

    /// Appends one byte; amortised O(1).
    @inlinable
    public mutating func write(_ value: UInt8) {
        bytes.append(value)
    }

    /// Appends `value` as an unsigned LEB128 varint: 7 bits per byte, 1 to 10 bytes.
    @inlinable
    public mutating func writeVarUInt(_ value: UInt64) {
        var remaining = value
        while remaining >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: remaining))
    }

    /// Appends `value` zigzag-mapped (0, -1, 1, -2, … → 0, 1, 2, 3, …) then as a varint, so
    /// values of small magnitude take one byte whatever their sign.
    @inlinable
    public mutating func writeVarInt(_ value: Int64) {
        writeVarUInt(UInt64(bitPattern: (value &<< 1) ^ (value >> 63)))
    }

    /// Appends `value` as 4 little-endian bytes.
    @inlinable
    public mutating func writeFixed32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends `value` as 8 little-endian bytes.
    @inlinable
    public mutating func writeFixed64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends the IEEE 754 bit pattern of `value` (8 bytes, little-endian); exact for every
    /// value including NaN payloads and signed zeros.
    @inlinable
    public mutating func writeDouble(_ value: Double) {
        writeFixed64(value.bitPattern)
    }

    /// Appends the IEEE 754 bit pattern of `value` (4 bytes, little-endian).
    @inlinable
    public mutating func writeFloat(_ value: Float) {
        writeFixed32(value.bitPattern)
    }

    /// Appends the bytes of `buffer` verbatim (no length prefix); one `memcpy`.
    @inlinable
    public mutating func writeBytes(_ buffer: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: buffer)
    }

    /// Appends the bytes of `collection` verbatim (no length prefix); one `memcpy` when the
    /// collection has contiguous storage, a byte-by-byte copy otherwise.
    @inlinable
    public mutating func writeBytes(_ collection: some Collection<UInt8>) {
        bytes.append(contentsOf: collection)
    }

    /// Appends `string` as its UTF-8 byte count (varint) followed by its UTF-8 bytes.
    ///
    /// Native Swift strings (always the case on Linux) take the fast path: one `memcpy` from
    /// the string's own storage. Bridged strings without contiguous UTF-8 are transcoded once.
    @inlinable
    public mutating func writeString(_ string: String) {
        let written: Void? = string.utf8.withContiguousStorageIfAvailable { utf8 in
            writeVarUInt(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
        if written == nil {
            var contiguous = string
            contiguous.withUTF8 { utf8 in
                writeVarUInt(UInt64(utf8.count))
                bytes.append(contentsOf: utf8)
            }
        }
    }
}
