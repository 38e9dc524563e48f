extension Array where Element == UInt8 {
    /// Appends up to `capacity` bytes that `body` writes into the buffer it is given and
    /// returns the count of; if `body` throws, the array is left as it was.
    ///
    /// An empty array is replaced by one allocated uninitialised (no zero fill); otherwise the
    /// space is zero-filled first (a `memset`, cheap next to compression) and trimmed after.
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
        append(contentsOf: repeatElement(0, count: capacity))
        do {
            let written = try withUnsafeMutableBytes { try body(UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
            removeLast(capacity - written)
        } catch {
            removeLast(capacity)
            throw error
        }
    }
}
