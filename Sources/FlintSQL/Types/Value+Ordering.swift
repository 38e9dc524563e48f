extension Value {
    /// Spark's ordering of two non-null values of the same type: numbers numerically (NaN
    /// above every other number and equal to itself), strings by UTF-8 bytes, false < true,
    /// dates and timestamps in time, arrays element by element. Returns -1, 0 or 1.
    /// Nulls order first here; sort keys apply NULLS FIRST/LAST themselves.
    public static func compare(_ lhs: Value, _ rhs: Value) -> Int {
        switch (lhs, rhs) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case let (.boolean(a), .boolean(b)): return a == b ? 0 : (a ? 1 : -1)
        case let (.integer(a), .integer(b)): return a < b ? -1 : (a == b ? 0 : 1)
        case let (.long(a), .long(b)): return a < b ? -1 : (a == b ? 0 : 1)
        case let (.date(a), .date(b)): return a < b ? -1 : (a == b ? 0 : 1)
        case let (.timestamp(a), .timestamp(b)): return a < b ? -1 : (a == b ? 0 : 1)
        case let (.string(a), .string(b)): return compareUTF8(a, b)
        case let (.array(a), .array(b)):
            for (x, y) in zip(a, b) {
                let order = compare(x, y)
                if order != 0 { return order }
            }
            return a.count < b.count ? -1 : (a.count == b.count ? 0 : 1)
        default:
            if let a = lhs.doubleValue, let b = rhs.doubleValue { return compareDoubles(a, b) }
            return compareUTF8(lhs.description, rhs.description)
        }
    }

    /// Total order on doubles with NaN largest and equal to itself (Spark's).
    @inlinable
    static func compareDoubles(_ a: Double, _ b: Double) -> Int {
        if a < b { return -1 }
        if a > b { return 1 }
        if a == b { return 0 }
        return a.isNaN ? (b.isNaN ? 0 : 1) : -1
    }

    /// Byte-wise UTF-8 comparison (Spark's `UTF8String.compareTo`).
    @inlinable
    static func compareUTF8(_ a: String, _ b: String) -> Int {
        if equalUTF8(a, b) { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }

    /// Byte-wise UTF-8 equality (Spark's): Swift's `==` (fast, and false for most unequal
    /// strings at once) confirmed on the bytes, since it also equates canonically equivalent
    /// strings with different bytes.
    @inlinable
    static func equalUTF8(_ a: String, _ b: String) -> Bool {
        a == b && a.utf8.elementsEqual(b.utf8)
    }
}
