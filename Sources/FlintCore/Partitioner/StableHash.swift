import Foundation

/// A 64-bit hash of keys that is the same in every process of the same binary.
///
/// Hand-written because Swift's `Hasher` is randomly seeded per process, and shuffles must place
/// a key in the same partition whichever process hashes it. Strings and fixed-width integers
/// take fast paths (8 bytes at a time); other `Hashable` types fall back to `hashValue`, which is
/// stable only within one process (documented limit: such keys need a `StableHashable`
/// conformance before they can cross processes).
public enum StableHash {
    @usableFromInline static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Finalises a 64-bit value (splitmix64's mixer): cost a few multiplications.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ multiplier
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Hashes raw bytes 8 at a time; cost linear in the length.
    @inlinable
    public static func hash(bytes: UnsafeRawBufferPointer) -> UInt64 {
        hashAndHighBits(bytes).hash
    }

    /// Folds one whole 8-byte word into a running string hash (one multiplication); shared by
    /// `hashAndHighBits` and `smallASCIIHash`, which must agree.
    @inlinable
    static func fold(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let folded = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
        return folded ^ (folded >> 32)
    }

    /// The hash of `bytes` and the OR of all their bytes' high bits (zero for ASCII text), in
    /// one pass: each whole word is folded in with one multiplication, the last 0–7 bytes are
    /// read as one little-endian word in at most three loads, and one `mix` finishes, so a key
    /// of up to 8 bytes (most words of a text) costs one `mix` (hand-written: this runs once per
    /// key of every string aggregation and shuffle).
    @inlinable
    static func hashAndHighBits(_ bytes: UnsafeRawBufferPointer) -> (hash: UInt64, highBits: UInt64) {
        let count = bytes.count
        var h: UInt64 = UInt64(count) &* multiplier
        var high: UInt64 = 0
        var offset = 0
        while offset + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            high |= word
            h = fold(h, word)
            offset += 8
        }
        let remaining = count - offset
        if remaining > 0 {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            if remaining & 4 != 0 {
                tail = UInt64(bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                offset += 4
                shift = 32
            }
            if remaining & 2 != 0 {
                tail |= UInt64(bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self)) << shift
                offset += 2
                shift += 16
            }
            if remaining & 1 != 0 { tail |= UInt64(bytes[offset]) << shift }
            high |= tail
            h ^= tail
        }
        return (mix(h), high & 0x8080_8080_8080_8080)
    }

    /// Hashes a string so that equal strings hash equally: Swift compares strings by canonical
    /// equivalence ("é" == "e\u{301}"), so a non-ASCII string is hashed in its NFC form (as
    /// Swift's own `hash(into:)` does); ASCII strings, the common case, hash their bytes directly.
    /// Declared read-only (it writes no memory its caller can see; the standard library marks its
    /// normalising string comparison the same way) so that callers hash keys read from tables
    /// and batches in place: otherwise they copy each key around the call, a retain and a
    /// release per record in the aggregation loops.
    @inlinable
    @_effects(readonly)
    public static func hash(_ string: String) -> UInt64 {
        if let hash = smallASCIIHash(string) { return hash }
        var copy = string
        let (hash, highBits) = copy.withUTF8 { hashAndHighBits(UnsafeRawBufferPointer($0)) }
        if highBits == 0 { return hash }
        var normalized = string.precomposedStringWithCanonicalMapping
        return normalized.withUTF8 { Self.hash(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// `hashAndHighBits` of a small ASCII string (at most 15 bytes, stored inside the String
    /// value), computed from the two words of the value instead of through `withUTF8`, or nil
    /// for any other string. Hand-written for the hot path: most keys of a word count are short
    /// words, and this halves their hash cost. It relies on the standard library's string ABI
    /// on 64-bit little-endian platforms (a small string keeps its first 8 bytes in the first
    /// word, the next 7 in the second, whose top byte is 0xE0 | count for ASCII); anything
    /// else returns nil and takes the general path, which gives the same hash.
    @inlinable
    static func smallASCIIHash(_ string: String) -> UInt64? {
        #if _endian(little) && _pointerBitWidth(_64)
        let (low, high) = unsafeBitCast(string, to: (UInt64, UInt64).self)
        guard high >> 60 == 0xE else { return nil }
        let count = Int(truncatingIfNeeded: (high >> 56) & 0xF)
        var h = UInt64(count) &* multiplier
        if count >= 8 {
            h = fold(h, low)
            h ^= high & ((1 &<< (UInt64(count - 8) &* 8)) &- 1)
        } else {
            h ^= low & ((1 &<< (UInt64(count) &* 8)) &- 1)
        }
        return mix(h)
        #else
        return nil
        #endif
    }

    /// Hashes any key: fast paths for String and fixed-width integers, `hashValue` otherwise.
    @inlinable
    public static func hash<K: Hashable>(_ key: K) -> UInt64 {
        if K.self == String.self { return hash(unsafeBitCast(key, to: String.self)) }
        if K.self == Int.self { return mix(UInt64(bitPattern: Int64(unsafeBitCast(key, to: Int.self)))) }
        if K.self == Int64.self { return mix(UInt64(bitPattern: unsafeBitCast(key, to: Int64.self))) }
        if K.self == Int32.self { return mix(UInt64(bitPattern: Int64(unsafeBitCast(key, to: Int32.self)))) }
        if K.self == UInt64.self { return mix(unsafeBitCast(key, to: UInt64.self)) }
        if let stable = key as? any StableHashable { return stable.stableHash }
        return mix(UInt64(bitPattern: Int64(key.hashValue)))
    }
}

/// A key type that provides a hash that is the same in every process (see `StableHash`).
public protocol StableHashable: Hashable {
    /// A process-independent 64-bit hash; values that compare equal must return the same hash
    /// (partitioning and aggregation tables rely on it, as `Dictionary` relies on `hash(into:)`).
    var stableHash: UInt64 { get }
}
