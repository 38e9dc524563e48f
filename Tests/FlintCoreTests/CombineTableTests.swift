import CFlintIntrinsics
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

    @Test("tables past the huge-page size (presized and grown) keep every key and combiner")
    func largeTables() {
        // 300 k Int keys: 512 Ki slots of 24-byte entries (12 MiB), allocated on huge pages.
        let presized = CombineTable<Int, Int>(minimumCapacity: 300_000)
        let grown = CombineTable<Int, Int>()
        for round in 0..<2 {
            for key in 0..<300_000 {
                presized.upsert(key * 7, create: { key }, merge: { $0 += key })
                grown.upsert(key * 7, create: { key }, merge: { $0 += key })
            }
            #expect(presized.count == 300_000 && grown.count == 300_000, "round \(round)")
        }
        #expect(presized[7 * 123_456] == 2 * 123_456)
        #expect(grown[7 * 299_999] == 2 * 299_999)
        #expect(grown[5] == nil)
        #expect(grown.reduce(0) { $0 + $1.1 } == 2 * (0..<300_000).reduce(0, +))
    }

    @Test("table memory comes from flint_allocate_table, huge-page aligned from 2 MiB")
    func tableAllocation() {
        let small = flint_allocate_table(1000)
        let large = flint_allocate_table(3 << 20)
        #expect(small != nil && large != nil)
        #expect(Int(bitPattern: large) % (2 << 20) == 0)
        large?.storeBytes(of: 0xAB, toByteOffset: (3 << 20) - 1, as: UInt8.self)
        #expect(large?.load(fromByteOffset: (3 << 20) - 1, as: UInt8.self) == 0xAB)
        flint_free_table(small)
        flint_free_table(large)
    }

    @Test("upsertAll reads keys and values of padded pairs in place")
    func upsertAllOfPaddedPairs() {
        func check<K: Hashable, V, C: Equatable>(_ records: [(K, V)], create: @escaping (V) -> C,
                                                 merge: @escaping (inout C, V) -> Void) {
            let table = CombineTable<K, C>(minimumCapacity: 4)
            for start in stride(from: 0, to: records.count, by: 100) {
                table.upsertAll(Array(records[start..<min(start + 100, records.count)]), create: create, merge: merge)
            }
            var expected: [K: C] = [:]
            for (key, value) in records {
                if expected[key] == nil { expected[key] = create(value) } else { merge(&expected[key]!, value) }
            }
            #expect(table.count == expected.count)
            for (key, combiner) in expected { #expect(table[key] == combiner) }
        }
        let count = 3_000
        check((0..<count).map { (Int8(truncatingIfNeeded: $0 % 97), Double($0)) }, create: { $0 }, merge: { $0 += $1 })
        check((0..<count).map { ("k\($0 % 300)", Int8(truncatingIfNeeded: $0)) }, create: { [$0] }, merge: { $0.append($1) })
        check((0..<count).map { (Int16($0 % 50), "v\($0)") }, create: { [$0] }, merge: { $0.append($1) })
        check((0..<count).map { (Int32($0 % 7), (UInt8(1), Int64($0))) }, create: { $0.1 }, merge: { $0 += $1.1 })
    }
}
