/// The Strings of recently seen short fields, by their bytes, so that a column of few distinct
/// short values (a category, a country code, a flag word) builds each String once instead of
/// once per row: `String(decoding:as:)` validates and assembles every value, which was a third
/// of the time spent decoding a column such as `cat042`. Direct-mapped (`slotCount` slots):
/// a field is read as two words, hashed to one slot, and a slot holding the same bytes gives
/// its String back; otherwise the String is built and replaces the slot's. Fields longer than
/// 15 bytes, and fields too near the end of their buffer to read 16 bytes from, are built
/// directly. Cost on a hit: two loads, a multiply and a three-word compare; on a miss, that
/// plus the String. Hand-written: no library caches by raw bytes. A class holding raw
/// buffers: one per column of one decoder, not thread-safe.
final class ShortStringCache {
    static let slotCount = 1024
    private static let slotShift = UInt64(64 - slotCount.trailingZeroBitCount)
    /// Per slot: the two words of the bytes (zero-padded) and the length + 1 (0: empty slot).
    private let keys: UnsafeMutablePointer<UInt64>
    private let strings: UnsafeMutablePointer<String>

    init() {
        keys = .allocate(capacity: Self.slotCount * 3)
        keys.initialize(repeating: 0, count: Self.slotCount * 3)
        strings = .allocate(capacity: Self.slotCount)
        strings.initialize(repeating: "", count: Self.slotCount)
    }

    deinit {
        keys.deallocate()
        strings.deinitialize(count: Self.slotCount)
        strings.deallocate()
    }

    /// `bytes` as a String; `readableEnd` bounds the memory that may be read past the field.
    @inline(__always)
    func string(_ bytes: UnsafeBufferPointer<UInt8>, readableEnd: UnsafePointer<UInt8>) -> String {
        let count = bytes.count
        guard count <= 15, let start = bytes.baseAddress, readableEnd - start >= 16 else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let raw = UnsafeRawPointer(start)
        var first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        var second = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        if count < 8 {
            first &= (1 &<< UInt64(count &* 8)) &- 1
            second = 0
        } else {
            second &= (1 &<< UInt64((count &- 8) &* 8)) &- 1
        }
        let length = UInt64(count &+ 1)
        // The top bits of a product depend on every bit of its factor (the low ones do not).
        let mixed = (first ^ (second &* 0x9E37_79B9_7F4A_7C15) ^ length) &* 0xFF51_AFD7_ED55_8CCD
        let slot = Int(truncatingIfNeeded: mixed >> Self.slotShift)
        let key = keys + slot &* 3
        if key[0] == first, key[1] == second, key[2] == length { return strings[slot] }
        let string = String(decoding: bytes, as: UTF8.self)
        key[0] = first
        key[1] = second
        key[2] = length
        strings[slot] = string
        return string
    }
}
