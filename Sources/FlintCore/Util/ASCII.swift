/// Byte-level ASCII checks shared by string decoding and string hashing.
@usableFromInline
enum ASCII {
    /// Whether every byte is below 0x80; tests 8 bytes per step.
    @inlinable
    static func isASCII(_ raw: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        var high: UInt64 = 0
        while index + 8 <= raw.count {
            high |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < raw.count {
            high |= UInt64(raw[index])
            index += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }
}
