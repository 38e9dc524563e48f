import CFlintIntrinsics

/// CRC-32C (Castagnoli polynomial 0x1EDC6F41, reflected 0x82F63B78), the checksum of every
/// shuffle and spill frame.
///
/// Written by hand because no library available here offers CRC-32C (zlib's `crc32` uses a
/// different polynomial) and it runs over every byte of every shuffle block, so it must be
/// fast: on x86-64 with SSE 4.2 the CPU's crc32 instruction (8 bytes per step, ~10 GB/s, in
/// CFlintIntrinsics); elsewhere the slicing-by-8 method, which folds 8 bytes per step through eight
/// 256-entry tables (8 KB, built once per process), about 1–2 GB/s per core.
public enum CRC32C {
    private static let hardware = flint_crc32c_available() != 0

    /// `tables[k * 256 + b]`: the CRC of byte `b` followed by `k` zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            tables[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(slice - 1) * 256 + byte]
                tables[slice * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    /// The CRC-32C of `buffer`, continuing from `seed` (the checksum of the preceding bytes,
    /// 0 to start), so `checksum(b, seed: checksum(a))` equals the checksum of `a` followed by
    /// `b`. O(n); the standard check value `checksum("123456789")` is `0xE3069283`.
    public static func checksum(_ buffer: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        guard hardware else { return portableChecksum(buffer, seed: seed) }
        guard let base = buffer.baseAddress else { return seed }
        return ~flint_crc32c_update(~seed, base, buffer.count)
    }

    /// The table-driven CRC-32C (what `checksum` uses without a CRC instruction). O(n).
    static func portableChecksum(_ buffer: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        tables.withUnsafeBufferPointer { table in
            var crc = ~seed
            var index = 0
            let count = buffer.count
            while index + 8 <= count {
                let word = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    ^ UInt64(crc)
                crc = table[7 * 256 + Int(truncatingIfNeeded: word) & 0xFF]
                    ^ table[6 * 256 + Int(truncatingIfNeeded: word >> 8) & 0xFF]
                    ^ table[5 * 256 + Int(truncatingIfNeeded: word >> 16) & 0xFF]
                    ^ table[4 * 256 + Int(truncatingIfNeeded: word >> 24) & 0xFF]
                    ^ table[3 * 256 + Int(truncatingIfNeeded: word >> 32) & 0xFF]
                    ^ table[2 * 256 + Int(truncatingIfNeeded: word >> 40) & 0xFF]
                    ^ table[1 * 256 + Int(truncatingIfNeeded: word >> 48) & 0xFF]
                    ^ table[Int(truncatingIfNeeded: word >> 56)]
                index += 8
            }
            while index < count {
                crc = table[Int((crc ^ UInt32(buffer[index])) & 0xFF)] ^ (crc >> 8)
                index += 1
            }
            return ~crc
        }
    }
}
