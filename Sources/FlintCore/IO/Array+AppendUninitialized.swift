extension Array where Element == UInt8 {
    /// Appends up to `capacity` bytes that `body` writes into the buffer it is given and
    /// returns the count of; if `body` throws, the array is left as it was.
    ///
    /// An empty array is replaced by one allocated uninitialised (no zero fill); otherwise the
    /// space is zero-filled first (a `memcpy` from `zeroBytes`, cheap next to compression) and
    /// trimmed after.
    mutating func appendUninitialized(
        capacity: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> Int
    ) rethrows {
        if isEmpty && self.capacity < capacity {
            self = try [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initializedCount in
                initializedCount = try body(UnsafeMutableRawBufferPointer(buffer))
            }
            return
        }
        let start = count
        appendZeros(capacity)
        do {
            let written = try withUnsafeMutableBytes { try body(UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
            removeLast(capacity - written)
        } catch {
            removeLast(capacity)
            throw error
        }
    }

    /// Appends `count` zero bytes, copied from `zeroBytes` in chunks: appending a contiguous
    /// buffer is one `memcpy` in every build, whereas `repeatElement(0, count:)` is copied byte
    /// by byte through generic calls in debug builds (most of a debug shuffle's time).
    private mutating func appendZeros(_ count: Int) {
        var remaining = count
        while remaining > 0 {
            let chunk = Swift.min(remaining, zeroBytes.count)
            zeroBytes.withUnsafeBufferPointer { append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<chunk])) }
            remaining -= chunk
        }
    }
}

/// The source of `appendZeros`.
private let zeroBytes = [UInt8](repeating: 0, count: 64 << 10)
