/// The Strings of recently seen short values, by their bytes, so that a column of few distinct
/// short values (a category, a country code, a flag word) builds each String once instead of
/// once per row: `String(decoding:as:)` validates and assembles every value, which was a third
/// of the time spent decoding a column such as `cat042` (CSV scans, and string columns read
/// back from a shuffle). Direct-mapped (`slotCount` slots): the bytes are read as two words
/// (without reading past them), hashed to one slot, and a slot holding the same bytes gives
/// its String back; otherwise the String is built and replaces the slot's. Values longer than
/// 15 bytes are built directly. Cost on a hit: at most four loads, a multiply and a three-word
/// compare; on a miss, that plus the String. Hand-written: no library caches by raw bytes. A
/// class holding raw buffers: one per column of one decoder, not thread-safe.
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

    /// `bytes` as a String (invalid UTF-8 repaired, as `String(decoding:as:)`).
    @inline(__always)
    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count <= 15, let start = bytes.baseAddress else { return String(decoding: bytes, as: UTF8.self) }
        let (first, second) = Self.words(UnsafeRawPointer(start), bytes.count)
        return cached(bytes, first, second)
    }

    /// `bytes` as a String when they are at most 15 ASCII bytes (which need no validation);
    /// nil for anything else.
    @inline(__always)
    func asciiString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count <= 15, let start = bytes.baseAddress else { return nil }
        let (first, second) = Self.words(UnsafeRawPointer(start), bytes.count)
        guard (first | second) & 0x8080_8080_8080_8080 == 0 else { return nil }
        return cached(bytes, first, second)
    }

    @inline(__always)
    private func cached(_ bytes: UnsafeBufferPointer<UInt8>, _ first: UInt64, _ second: UInt64) -> String {
        let length = UInt64(bytes.count &+ 1)
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

    /// The `count` (at most 15) bytes at `p` as two little-endian words, zero-padded, read with
    /// overlapping loads that stay inside the bytes.
    @inline(__always)
    private static func words(_ p: UnsafeRawPointer, _ count: Int) -> (UInt64, UInt64) {
        if count >= 8 {
            let first = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
            guard count > 8 else { return (first, 0) }
            let tail = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
            return (first, tail >> (UInt64(16 &- count) &* 8))
        }
        if count >= 4 {
            let low = UInt64(UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))) >> (UInt64(8 &- count) &* 8)
            return (low | high << 32, 0)
        }
        var word: UInt64 = 0
        for index in 0..<count { word |= UInt64(p.load(fromByteOffset: index, as: UInt8.self)) << (UInt64(index) &* 8) }
        return (word, 0)
    }
}
