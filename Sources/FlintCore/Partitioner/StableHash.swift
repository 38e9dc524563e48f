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
        var h: UInt64 = UInt64(bytes.count) &* multiplier
        var offset = 0
        let count = bytes.count
        while offset + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            h = (h ^ mix(word)) &* 0xFF51_AFD7_ED55_8CCD
            offset += 8
        }
        if offset < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                tail |= UInt64(bytes[offset]) << shift
                shift += 8
                offset += 1
            }
            h = (h ^ mix(tail)) &* 0xFF51_AFD7_ED55_8CCD
        }
        return mix(h)
    }

    /// Hashes a string so that equal strings hash equally: Swift compares strings by canonical
    /// equivalence ("é" == "e\u{301}"), so a non-ASCII string is hashed in its NFC form (as
    /// Swift's own `hash(into:)` does); ASCII strings, the common case, hash their bytes directly.
    @inlinable
    public static func hash(_ string: String) -> UInt64 {
        var copy = string
        let (hash, isASCII) = copy.withUTF8 { bytes -> (UInt64, Bool) in
            (Self.hash(bytes: UnsafeRawBufferPointer(bytes)), ASCII.isASCII(UnsafeRawBufferPointer(bytes)))
        }
        if isASCII { return hash }
        var normalized = string.precomposedStringWithCanonicalMapping
        return normalized.withUTF8 { Self.hash(bytes: UnsafeRawBufferPointer($0)) }
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
