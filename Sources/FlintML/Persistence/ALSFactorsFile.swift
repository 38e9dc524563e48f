import FlintCore
import Foundation

/// The file an `ALSModel` saves each factor table in (`data/userFactors.bin`,
/// `data/itemFactors.bin`): 4 · (rank + 1) bytes per id, all little-endian:
///
/// | offset            | size               | content                                          |
/// |-------------------|--------------------|--------------------------------------------------|
/// | 0                 | 8                  | magic `FLALSFAC`                                 |
/// | 8                 | 4                  | format version (UInt32, 1)                       |
/// | 12                | 4                  | rank (UInt32)                                    |
/// | 16                | 8                  | count of ids (UInt64)                            |
/// | 24                | 4 · count          | the ids (Int32), ascending and distinct          |
/// | 24 + 4 · count    | 4 · count · rank   | the factors (Float32 bit patterns), id after id  |
/// | end − 4           | 4                  | CRC-32C of every byte before it (UInt32)         |
///
/// Reading checks the magic, version, rank, exact length, checksum and id order, so a
/// truncated, corrupted or foreign file is an `MLError.invalidData` naming it, never a crash.
enum ALSFactorsFile {
    static let magic = Array("FLALSFAC".utf8)
    static let version: UInt32 = 1
    static let headerSize = 24

    /// The bytes of `factors` in the format above. O(count × rank).
    static func encode(_ factors: ALSFactors) -> [UInt8] {
        var bytes = magic
        bytes.reserveCapacity(headerSize + 4 * factors.count * (factors.rank + 1) + 4)
        append(version, to: &bytes)
        append(UInt32(factors.rank), to: &bytes)
        append(UInt64(factors.count), to: &bytes)
        for id in factors.ids { append(UInt32(bitPattern: id), to: &bytes) }
        for value in factors.values { append(value.bitPattern, to: &bytes) }
        let checksum = bytes.withUnsafeBytes { CRC32C.checksum($0) }
        append(checksum, to: &bytes)
        return bytes
    }

    /// Writes `factors` to `url`, creating its directory. O(count × rank).
    /// - Throws: file errors.
    static func write(_ factors: ALSFactors, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(encode(factors)).write(to: url, options: .atomic)
    }

    /// The factors in `url`, which must be of `rank`; `name` names the file in errors.
    /// - Throws: `MLError.invalidData` naming the file when it is missing, truncated,
    ///   corrupted, of another rank or not a factor file.
    static func read(_ url: URL, rank: Int, name: String) throws -> ALSFactors {
        guard let data = try? Data(contentsOf: url) else { throw MLError.invalidData("\(name) is missing or unreadable") }
        return try data.withUnsafeBytes { try decode($0, rank: rank, name: name) }
    }

    /// The factors in `bytes` (see `read`).
    static func decode(_ bytes: UnsafeRawBufferPointer, rank: Int, name: String) throws -> ALSFactors {
        func invalid(_ problem: String) -> MLError { MLError.invalidData("\(name) is not a valid ALS factor file: \(problem)") }
        guard bytes.count >= headerSize + 4 else { throw invalid("\(bytes.count) bytes, shorter than the header (truncated?)") }
        guard Array(bytes[0..<8]) == magic else { throw invalid("it does not start with FLALSFAC") }
        guard load(UInt32.self, bytes, at: 8) == version else { throw invalid("format version \(load(UInt32.self, bytes, at: 8)), expected \(version)") }
        let savedRank = Int(load(UInt32.self, bytes, at: 12))
        guard savedRank == rank else { throw invalid("rank \(savedRank) but the model's metadata says \(rank)") }
        let count64 = load(UInt64.self, bytes, at: 16)
        let perId = 4 * (rank + 1)
        guard count64 <= UInt64((bytes.count - headerSize - 4) / perId),
              bytes.count == headerSize + Int(count64) * perId + 4 else {
            throw invalid("\(bytes.count) bytes for \(count64) ids of rank \(rank), expected \(UInt64(headerSize + 4) + count64 * UInt64(perId)) (truncated?)")
        }
        let count = Int(count64)
        let stored = load(UInt32.self, bytes, at: bytes.count - 4)
        guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 4)])) == stored else {
            throw invalid("checksum mismatch (corrupted)")
        }
        let ids = (0..<count).map { Int32(bitPattern: load(UInt32.self, bytes, at: headerSize + 4 * $0)) }
        if let bad = zip(ids, ids.dropFirst()).first(where: { $0 >= $1 }) {
            throw invalid("ids are not ascending and distinct (\(bad.0) then \(bad.1))")
        }
        let start = headerSize + 4 * count
        let values = (0..<(count * rank)).map { Float(bitPattern: load(UInt32.self, bytes, at: start + 4 * $0)) }
        return ALSFactors(rank: rank, ids: ids, values: values)
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private static func load<T: FixedWidthInteger>(_ type: T.Type, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> T {
        T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
