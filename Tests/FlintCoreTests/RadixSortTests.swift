import XCTest
@testable import FlintCore

/// The radix sort behind `sortByKey` on integer keys, against the standard library's stable sort.
final class RadixSortTests: XCTestCase {
    /// Sorts `keys` (each paired with its position, to check stability) through `KeyOrdering`.
    private func sorted<K: Comparable>(_ keys: [K], ascending: Bool) -> [(K, String)] {
        var records: [(K, String)] = []
        for (index, key) in keys.enumerated() { records.append((key, "record number \(index)")) }
        records.withUnsafeMutableBufferPointer { KeyOrdering<K, String>(ascending: ascending).sortRecords($0) }
        return records
    }

    /// The expected order: a stable sort of (key, position) pairs.
    private func expected<K: Comparable>(_ keys: [K], ascending: Bool) -> [(K, String)] {
        var indexed: [(K, Int)] = []
        for (index, key) in keys.enumerated() { indexed.append((key, index)) }
        // Stable: ties broken by position, in both directions.
        indexed.sort { a, b in
            if a.0 != b.0 { return ascending ? a.0 < b.0 : a.0 > b.0 }
            return a.1 < b.1
        }
        return indexed.map { ($0.0, "record number \($0.1)") }
    }

    private func check<K: Comparable>(_ keys: [K], file: StaticString = #filePath, line: UInt = #line) {
        for ascending in [true, false] {
            let actual = sorted(keys, ascending: ascending), want = expected(keys, ascending: ascending)
            XCTAssertEqual(actual.map(\.0), want.map(\.0), "keys, ascending \(ascending)", file: file, line: line)
            XCTAssertEqual(actual.map(\.1), want.map(\.1), "stability, ascending \(ascending)", file: file, line: line)
        }
    }

    func testInt64KeysWithDuplicatesNegativesAndExtremes() {
        var random = SeededRandom(seed: 7)
        var keys: [Int64] = [.min, .max, 0, -1, 1, .min, .max]
        for _ in 0..<5000 { keys.append(Int64(bitPattern: random.next()) >> Int64(random.next() % 60)) }
        for _ in 0..<500 { keys.append(Int64(random.next() % 7) - 3) }
        check(keys)
    }

    func testIntInt32AndUInt64Keys() {
        var random = SeededRandom(seed: 11)
        var ints: [Int] = [], int32s: [Int32] = [], unsigned: [UInt64] = [.max, 0]
        for _ in 0..<3000 {
            let bits = random.next()
            ints.append(Int(Int64(bitPattern: bits)))
            int32s.append(Int32(truncatingIfNeeded: bits >> 7) >> Int32(bits % 20))
            unsigned.append(bits >> (bits % 64))
        }
        check(ints)
        check(int32s)
        check(unsigned)
    }

    func testKeysSharingHighBytesAndShortBuffers() {
        // Keys that differ only in their lowest byte: seven passes are skipped.
        var keys: [Int64] = []
        for index in 0..<2000 { keys.append(0x0102_0304_0506_0700 + Int64(index * 37 % 256)) }
        check(keys)
        check([Int64]())
        check([Int64(5)])
        check([Int64](repeating: 42, count: 1000))
    }
}
