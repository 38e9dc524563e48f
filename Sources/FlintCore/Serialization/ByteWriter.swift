/// Appends Flint's compact binary encoding to one contiguous, growable byte buffer.
///
/// Used on the shuffle hot path, so the storage is a plain allocation written through a
/// pointer: each write is one capacity check, one uniqueness check (a `ByteWriter` is a value;
/// copies share storage until one of them writes) and the stores; growth doubles the capacity
/// (amortised O(1)). Read the result with `withUnsafeBytes(_:)` (no copy) or `bytes` (a copy).
/// The matching reader is `ByteReader`. Like `Array`, a writer can be sent between threads.
///
/// Encodings: unsigned integers as LEB128 varints (1 byte below 128, at most 10 bytes; values
/// below 2⁵⁶ are encoded without a loop or data-dependent branches), signed integers
/// zigzag-mapped first (so small negative numbers stay short), fixed-width integers and
/// floating-point bit patterns little-endian, strings as a varint byte length followed by
/// their UTF-8 bytes.
public struct ByteWriter: @unchecked Sendable {
    @usableFromInline var storage: ByteWriterStorage
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var used = 0

    /// Creates an empty writer whose storage holds `capacity` bytes before it first grows;
    /// with the default of 0 nothing is allocated until the first write.
    @inlinable
    public init(capacity: Int = 0) {
        storage = capacity > 0 ? ByteWriterStorage(capacity: capacity) : ByteWriterStorage.empty
        base = storage.base
        self.capacity = storage.capacity
    }

    /// The number of bytes written so far; O(1).
    @inlinable
    public var count: Int { used }

    /// A copy of the bytes written so far; O(count). Prefer `withUnsafeBytes(_:)` on hot paths.
    @inlinable
    public var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: used))
    }

    /// Calls `body` with the bytes written so far, without copying; the buffer is valid only
    /// during the call.
    @inlinable
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: used))
    }

    /// Forgets the written bytes; keeps the allocation when `keepingCapacity` is true, so a
    /// writer can be reused per batch without reallocating. O(1).
    @inlinable
    public mutating func removeAll(keepingCapacity: Bool = true) {
        used = 0
        if !keepingCapacity { self = ByteWriter() }
    }

    /// Makes room for `byteCount` more bytes in storage owned by this writer alone and returns
    /// where they go; the fast path is two compares.
    @inlinable @inline(__always)
    mutating func reserve(_ byteCount: Int) -> UnsafeMutablePointer<UInt8> {
        if _slowPath(byteCount > capacity &- used || !isKnownUniquelyReferenced(&storage)) {
            grow(toHold: byteCount)
        }
        return base + used
    }

    /// Moves the bytes to a new, private allocation of at least twice the capacity (or the
    /// size needed, if larger).
    @usableFromInline @inline(never)
    mutating func grow(toHold byteCount: Int) {
        let newCapacity = Swift.max(capacity * 2, used + byteCount, 64)
        let newStorage = ByteWriterStorage(capacity: newCapacity)
        newStorage.base.update(from: base, count: used)
        storage = newStorage
        base = newStorage.base
        capacity = newCapacity
    }

    /// Overwrites 4 already-written bytes at `offset` with `value`, little-endian (used to
    /// patch a length written before the data it counts).
    mutating func overwriteFixed32(_ value: UInt32, at offset: Int) {
        precondition(offset >= 0 && offset + 4 <= used, "offset \(offset) is outside the \(used) written bytes")
        _ = reserve(0)
        UnsafeMutableRawPointer(base + offset).storeBytes(of: value.littleEndian, as: UInt32.self)
    }

    /// Appends one byte.
    @inlinable
    public mutating func write(_ value: UInt8) {
        reserve(1).pointee = value
        used += 1
    }

    /// Appends `value` as an unsigned LEB128 varint: 7 bits per byte, 1 to 10 bytes.
    @inlinable
    public mutating func writeVarUInt(_ value: UInt64) {
        let destination = reserve(10)
        if value < 0x80 {
            destination.pointee = UInt8(truncatingIfNeeded: value)
            used += 1
            return
        }
        guard _fastPath(value < 1 << 56) else { return writeLongVarUInt(value, to: destination) }
        // Spread the 7-bit groups over 8 bytes, set the continuation bit of all bytes but the
        // last, and store all 8 (the slack past the end is overwritten by later writes).
        var spread = value & 0x7F
        spread |= (value << 1) & 0x7F00
        spread |= (value << 2) & 0x7F_0000
        spread |= (value << 3) & 0x7F00_0000
        spread |= (value << 4) & 0x7F_0000_0000
        spread |= (value << 5) & 0x7F00_0000_0000
        spread |= (value << 6) & 0x7F_0000_0000_0000
        spread |= (value << 7) & 0x7F00_0000_0000_0000
        let lastByte = (63 &- spread.leadingZeroBitCount) &>> 3
        let continuation: UInt64 = 0x8080_8080_8080_8080 & ((1 &<< (8 &* UInt64(lastByte))) &- 1)
        UnsafeMutableRawPointer(destination).storeBytes(of: (spread | continuation).littleEndian, as: UInt64.self)
        used += lastByte &+ 1
    }

    /// The byte-at-a-time varint encoder for values of 2⁵⁶ and above (9 or 10 bytes).
    @usableFromInline
    mutating func writeLongVarUInt(_ value: UInt64, to destination: UnsafeMutablePointer<UInt8>) {
        var remaining = value
        var index = 0
        while remaining >= 0x80 {
            destination[index] = UInt8(truncatingIfNeeded: remaining) | 0x80
            remaining >>= 7
            index += 1
        }
        destination[index] = UInt8(truncatingIfNeeded: remaining)
        used += index + 1
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
        UnsafeMutableRawPointer(reserve(4)).storeBytes(of: value.littleEndian, as: UInt32.self)
        used += 4
    }

    /// Appends `value` as 8 little-endian bytes.
    @inlinable
    public mutating func writeFixed64(_ value: UInt64) {
        UnsafeMutableRawPointer(reserve(8)).storeBytes(of: value.littleEndian, as: UInt64.self)
        used += 8
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
        guard let source = buffer.baseAddress, buffer.count > 0 else { return }
        UnsafeMutableRawPointer(reserve(buffer.count)).copyMemory(from: source, byteCount: buffer.count)
        used += buffer.count
    }

    /// Appends the bytes of `collection` verbatim (no length prefix); one `memcpy` when the
    /// collection has contiguous storage, a byte-by-byte copy otherwise.
    @inlinable
    public mutating func writeBytes(_ collection: some Collection<UInt8>) {
        let copied: Void? = collection.withContiguousStorageIfAvailable { writeBytes(UnsafeRawBufferPointer($0)) }
        guard copied == nil else { return }
        let count = collection.count
        let destination = reserve(count)
        for (index, byte) in zip(0..<count, collection) { destination[index] = byte }
        used += count
    }

    /// Appends `string` as its UTF-8 byte count (varint) followed by its UTF-8 bytes.
    ///
    /// Native Swift strings (always the case on Linux) take the fast path: one `memcpy` from
    /// the string's own storage. Bridged strings without contiguous UTF-8 are transcoded once.
    @inlinable
    public mutating func writeString(_ string: String) {
        let written: Void? = string.utf8.withContiguousStorageIfAvailable {
            writeLengthPrefixed(UnsafeRawBufferPointer($0))
        }
        if written == nil {
            var contiguous = string
            contiguous.withUTF8 { writeLengthPrefixed(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Appends the varint length of `buffer` then its bytes; one reservation for short buffers.
    @inlinable
    mutating func writeLengthPrefixed(_ buffer: UnsafeRawBufferPointer) {
        let length = buffer.count
        guard length < 0x80 else {
            writeVarUInt(UInt64(length))
            return writeBytes(buffer)
        }
        let destination = reserve(length &+ 1)
        destination.pointee = UInt8(truncatingIfNeeded: length)
        if let source = buffer.baseAddress {
            UnsafeMutableRawPointer(destination + 1).copyMemory(from: source, byteCount: length)
        }
        used += length &+ 1
    }
}

/// The allocation behind a `ByteWriter`; shared by copies of a writer until one of them writes.
@usableFromInline
final class ByteWriterStorage {
    /// The start of the allocation.
    @usableFromInline let base: UnsafeMutablePointer<UInt8>
    /// The allocation's size in bytes.
    @usableFromInline let capacity: Int

    /// The zero-capacity storage of every new writer created without a capacity.
    @usableFromInline static let empty = ByteWriterStorage(capacity: 0)

    /// Allocates `capacity` bytes (at least one, so `base` is never dangling).
    @usableFromInline
    init(capacity: Int) {
        base = .allocate(capacity: Swift.max(capacity, 1))
        self.capacity = capacity
    }

    deinit {
        base.deallocate()
    }
}
