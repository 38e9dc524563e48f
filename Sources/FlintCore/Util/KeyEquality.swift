/// Key comparison for the engine's hash tables, with a fast path for strings.
///
/// Two `String` values whose 16 bytes of representation are equal are equal strings (the same
/// small string, or the same storage), and equal small strings (up to 15 UTF-8 bytes: most
/// words and codes) always have equal representations, so a table hit on a short string key is
/// decided by two integer comparisons instead of a call into the standard library's `==`;
/// anything else falls back to `==`. Hand-written because string equality was 4% of a word
/// count. Cost: O(1) for the fast path.
public enum KeyEquality {
    /// Whether `a == b`.
    @inlinable @inline(__always)
    public static func equal<K: Equatable>(_ a: K, _ b: K) -> Bool {
        if K.self == String.self {
            let x = unsafeBitCast(a, to: (UInt64, UInt64).self), y = unsafeBitCast(b, to: (UInt64, UInt64).self)
            if x.0 == y.0 && x.1 == y.1 { return true }
        }
        return a == b
    }
}
