import XCTest
@testable import FlintCore

/// A key whose hash collides on purpose, to exercise probing and key comparison.
private struct CollidingKey: Hashable, StableHashable {
    let id: Int
    var stableHash: UInt64 { UInt64(id % 3) }
}

final class CombineTableTests: XCTestCase {
    func testUpsertMatchesADictionaryThroughManyGrowths() {
        let table = CombineTable<String, [Int]>(minimumCapacity: 4)
        var expected: [String: [Int]] = [:]
        var random = SeededRandom(seed: 1)
        for i in 0..<50_000 {
            let key = "key-\(random.next() % 7_000)"
            table.upsert(key, create: { [i] }, merge: { $0.append(i) })
            expected[key, default: []].append(i)
        }
        XCTAssertEqual(table.count, expected.count)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: table.map { ($0.0, $0.1) }), expected)
        XCTAssertEqual(table["key-1"], expected["key-1"])
        XCTAssertNil(table["absent"])
    }

    func testCollidingHashesKeepKeysApart() {
        let table = CombineTable<CollidingKey, Int>()
        for i in 0..<300 { table.upsert(CollidingKey(id: i % 100), create: { 1 }, merge: { $0 += 1 }) }
        XCTAssertEqual(table.count, 100)
        XCTAssertTrue(table.allSatisfy { $0.1 == 3 })
    }

    func testSortedByHashIsOrderedByTheTableHash() {
        let table = CombineTable<Int, Int>()
        for i in 0..<1000 { table.upsert(i, create: { i }, merge: { _ in }) }
        let hashes = table.sortedByHash().map { CombineTable<Int, Int>.hash($0.0) }
        XCTAssertEqual(hashes, hashes.sorted())
        XCTAssertEqual(Set(table.sortedByHash().map(\.0)), Set(0..<1000))
    }
}
