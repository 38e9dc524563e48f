extension ByteWriter {
    /// Appends a count and the raw bytes of `values` (a trivially copyable element type such as
    /// `Int32`, `Float` or `Double`), in this machine's byte order. O(count): one copy, no
    /// per-element work. Read back with `ByteReader.readArray(of:)`.
    public mutating func writeArray<T: BitwiseCopyable>(_ values: [T]) {
        writeVarUInt(UInt64(values.count))
        values.withUnsafeBytes { writeBytes($0) }
    }
}

extension ByteReader {
    /// Reads an array written by `ByteWriter.writeArray(_:)`. O(count): one copy.
    /// - Throws: `SerializationError` when the input is truncated.
    public mutating func readArray<T: BitwiseCopyable>(of type: T.Type) throws(SerializationError) -> [T] {
        let count = try readCount()
        let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        guard !overflow else { throw .typeMismatch(expected: "an array length", found: "\(count) elements") }
        return try withBytes(count: bytes) { raw in
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                if count > 0 { UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: raw.baseAddress!, byteCount: raw.count) }
                initialized = count
            }
        }
    }
}
