import Testing
@testable import FlintCore

/// A key whose hash collides on purpose, to exercise probing and key comparison.
private struct CollidingKey: Hashable, StableHashable {
    let id: Int
    var stableHash: UInt64 { UInt64(id % 3) }
}

@Suite("CombineTable")
struct CombineTableTests {
    @Test("upserts match a Dictionary through many growths")
    func upsertMatchesADictionary() {
        let table = CombineTable<String, [Int]>(minimumCapacity: 4)
        var expected: [String: [Int]] = [:]
        var random = SeededRandom(seed: 1)
        for i in 0..<50_000 {
            let key = "key-\(random.next() % 7_000)"
            table.upsert(key, create: { [i] }, merge: { $0.append(i) })
            expected[key, default: []].append(i)
        }
        #expect(table.count == expected.count)
        #expect(Dictionary(uniqueKeysWithValues: table.map { ($0.0, $0.1) }) == expected)
        #expect(table["key-1"] == expected["key-1"])
        #expect(table["absent"] == nil)
        var batched: [(String, [Int])] = []
        let batches = table.batches(of: 1000)
        while let batch = try? batches.nextBatch() {
            #expect(batch.count <= 1000)
            batched += batch
        }
        #expect(batched.count == expected.count)
    }

    @Test("colliding hashes keep keys apart")
    func collidingHashes() {
        let table = CombineTable<CollidingKey, Int>()
        for i in 0..<300 { table.upsert(CollidingKey(id: i % 100), create: { 1 }, merge: { $0 += 1 }) }
        #expect(table.count == 100)
        #expect(table.allSatisfy { $0.1 == 3 })
    }

    @Test("spill order is the table hash order")
    func sortedByHash() {
        let table = CombineTable<Int, Int>()
        for i in 0..<1000 { table.upsert(i, create: { i }, merge: { _ in }) }
        let hashes = table.sortedByHash().map { CombineTable<Int, Int>.hash($0.0) }
        #expect(hashes == hashes.sorted())
        #expect(Set(table.sortedByHash().map(\.0)) == Set(0..<1000))
    }
}
