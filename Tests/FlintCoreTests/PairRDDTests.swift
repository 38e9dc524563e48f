import XCTest
@testable import FlintCore

final class PairRDDTests: FlintTestCase {
    /// Skewed keys: key 0 holds half of the records.
    let pairs: [(Int, Int)] = (0..<5000).map { i in (i % 2 == 0 ? 0 : i % 97, i) }

    func plainGroups() -> [Int: [Int]] { Dictionary(grouping: pairs, by: \.0).mapValues { $0.map(\.1) } }

    func testReduceFoldAggregateCombineByKey() throws {
        let rdd = sc.parallelize(pairs, numSlices: 4)
        let expected = plainGroups().mapValues { $0.reduce(0, +) }
        XCTAssertEqual(try rdd.reduceByKey(+).collectAsMap(), expected)
        XCTAssertEqual(try rdd.reduceByKey(+, numPartitions: 7).collectAsMap(), expected)
        XCTAssertEqual(try rdd.foldByKey(0, +).collectAsMap(), expected)
        let counts = try rdd.aggregateByKey(0, seqOp: { acc, _ in acc + 1 }, combOp: +).collectAsMap()
        XCTAssertEqual(counts, plainGroups().mapValues(\.count))
        let maxima = try rdd.combineByKey(createCombiner: { $0 }, mergeValue: { max($0, $1) },
                                          mergeCombiners: { max($0, $1) }).collectAsMap()
        XCTAssertEqual(maxima, plainGroups().mapValues { $0.max()! })
        XCTAssertEqual(try rdd.countByKey(), plainGroups().mapValues(\.count))
        XCTAssertEqual(try sc.parallelize(["a", "b", "a"]).countByValue(), ["a": 2, "b": 1])
    }

    func testGroupByKeyKeysValuesMapValues() throws {
        let rdd = sc.parallelize(pairs, numSlices: 3)
        let grouped = try rdd.groupByKey().collectAsMap().mapValues { $0.sorted() }
        XCTAssertEqual(grouped, plainGroups().mapValues { $0.sorted() })
        XCTAssertEqual(try rdd.keys().collect(), pairs.map(\.0))
        XCTAssertEqual(try rdd.values().collect(), pairs.map(\.1))
        XCTAssertEqual(try rdd.mapValues { $0 * 2 }.values().collect(), pairs.map { $0.1 * 2 })
        let flat = try sc.parallelize([("a", 2), ("b", 1)]).flatMapValues { Array(repeating: "x", count: $0) }.collect()
        XCTAssertEqual(flat.map(\.0), ["a", "a", "b"])
    }

    func testJoins() throws {
        let left = sc.parallelize([(1, "a"), (2, "b"), (2, "bb"), (3, "c")], numSlices: 2)
        let right = sc.parallelize([(2, 20.0), (3, 30.0), (3, 31.0), (4, 40.0)], numSlices: 3)
        let inner = try left.join(right).collect().map { "\($0.0)\($0.1.0)\($0.1.1)" }.sorted()
        XCTAssertEqual(inner, ["2b20.0", "2bb20.0", "3c30.0", "3c31.0"])
        let leftOuter = try left.leftOuterJoin(right).collect().map { "\($0.0)\($0.1.0)\($0.1.1.map { "\($0)" } ?? "-")" }
        XCTAssertEqual(leftOuter.sorted(), ["1a-", "2b20.0", "2bb20.0", "3c30.0", "3c31.0"])
        let rightOuter = try left.rightOuterJoin(right).collect().map { "\($0.0)\($0.1.0 ?? "-")\($0.1.1)" }
        XCTAssertEqual(rightOuter.sorted(), ["2b20.0", "2bb20.0", "3c30.0", "3c31.0", "4-40.0"])
        let full = try left.fullOuterJoin(right).collect().map { "\($0.0)\($0.1.0 ?? "-")\($0.1.1.map { "\($0)" } ?? "-")" }
        XCTAssertEqual(full.sorted(), ["1a-", "2b20.0", "2bb20.0", "3c30.0", "3c31.0", "4-40.0"])
        let cogrouped = try left.cogroup(right).collectAsMap()
        XCTAssertEqual(cogrouped[2]?.0.sorted(), ["b", "bb"])
        XCTAssertEqual(cogrouped[4]?.1, [40.0])
        XCTAssertEqual(try left.subtractByKey(right).collect().map(\.0), [1])
    }

    /// Sorted while serialized: string and array values come back with their keys, for integer
    /// keys (radix sort) and string keys (comparison sort), with duplicate keys.
    func testSortByKeyKeepsValuesWithTheirKeys() throws {
        var random = SeededRandom(seed: 5)
        var records: [(Int64, String)] = []
        for index in 0..<20_000 { records.append((Int64(random.next() % 5000) - 2500, "value \(index) " + String(repeating: "x", count: index % 40))) }
        let sorted = try sc.parallelize(records, numSlices: 5).sortByKey(numPartitions: 4).collect()
        XCTAssertEqual(sorted.map(\.0), records.map(\.0).sorted())
        XCTAssertEqual(Set(sorted.map { "\($0.0)|\($0.1)" }), Set(records.map { "\($0.0)|\($0.1)" }))
        let arrays = try sc.parallelize(records.map { ($0.1, [$0.0, -$0.0]) }, numSlices: 3).sortByKey(ascending: false).collect()
        XCTAssertEqual(arrays.map(\.0), records.map(\.1).sorted(by: >))
        XCTAssertTrue(arrays.allSatisfy { $0.1.count == 2 && $0.1[0] == -$0.1[1] && $0.0.hasPrefix("value ") })
    }

    func testSortByKeyIsGloballyOrdered() throws {
        var generator = SeededRandom(seed: 3)
        let records = (0..<20_000).map { _ in (Int64(bitPattern: generator.next()), Int64(generator.next() % 1000)) }
        let sorted = try sc.parallelize(records, numSlices: 4).sortByKey(numPartitions: 3)
        XCTAssertEqual(sorted.numPartitions, 3)
        let result = try sorted.collect()
        XCTAssertEqual(result.map(\.0), records.map(\.0).sorted())
        let descending = try sc.parallelize(records, numSlices: 4).sortByKey(ascending: false).collect()
        XCTAssertEqual(descending.map(\.0), records.map(\.0).sorted(by: >))
        let strings = try sc.parallelize([("b", 1), ("a", 2), ("c", 3)]).sortByKey().keys().collect()
        XCTAssertEqual(strings, ["a", "b", "c"])
    }

    func testRangePartitionerPlacesKeysByTheBoundsBelowThem() throws {
        XCTAssertNil(HashPartitioner(partitions: 4).recordPlacer(for: Int.self), "hash partitioners place key by key")
        // Up to 32 bounds are scanned, more are binary-searched: both against a count.
        for boundCount in [0, 1, 5, 32, 33, 200] {
            let bounds = (0..<boundCount).map { Int64($0 * 10) }
            for ascending in [true, false] {
                let partitioner = RangePartitioner(bounds: bounds, ascending: ascending)
                let place = partitioner.keyMapper(for: Int64.self)
                for key in Int64(-5)...Int64(boundCount * 10 + 5) {
                    let below = bounds.filter { $0 < key }.count
                    XCTAssertEqual(place(key), ascending ? below : boundCount - below,
                                   "key \(key), \(boundCount) bounds, ascending \(ascending)")
                }
                // Runs of records are placed in place, as one by one.
                let records = (Int64(-5)...Int64(boundCount * 10 + 5)).map { ($0, "record \($0)") }
                let placeRecords = try XCTUnwrap(partitioner.recordPlacer(for: Int64.self))
                var placed = [Int](repeating: -1, count: records.count)
                records.withUnsafeBufferPointer { buffer in
                    placed.withUnsafeMutableBufferPointer {
                        placeRecords(UnsafeRawPointer(buffer.baseAddress!), MemoryLayout<(Int64, String)>.stride,
                                     buffer.count, $0.baseAddress!)
                    }
                }
                XCTAssertEqual(placed, records.map { place($0.0) })
                XCTAssertNil(partitioner.recordPlacer(for: String.self), "keys of another type are not placed")
            }
        }
    }

    func testKnownPartitionerAvoidsASecondShuffle() throws {
        let partitioner = HashPartitioner(partitions: 4)
        let partitioned = sc.parallelize(pairs, numSlices: 3).partitionBy(partitioner)
        XCTAssertTrue(partitioned.partitioner == partitioner)
        let reduced = partitioned.reduceByKey(+, numPartitions: 4)
        XCTAssertTrue(reduced.dependencies.first is OneToOneDependency, "reduceByKey on a partitioned RDD must not shuffle")
        XCTAssertEqual(try reduced.collectAsMap(), plainGroups().mapValues { $0.reduce(0, +) })
        XCTAssertEqual(sc.jobHistory.last?.stages.count, 2, "partitionBy shuffle + result stage only")
        let other = sc.parallelize([(0, "zero"), (1, "one")]).partitionBy(partitioner)
        let joined = partitioned.join(other)
        XCTAssertEqual(try joined.count(), pairs.filter { $0.0 == 0 || $0.0 == 1 }.count)
        XCTAssertEqual(partitioned.mapValues { $0 + 1 }.partitioner, partitioner)
        XCTAssertNil(partitioned.map { $0 }.partitioner)
    }

    func testLookupUsesThePartitioner() throws {
        let rdd = sc.parallelize(pairs, numSlices: 3)
        XCTAssertEqual(try rdd.lookup(5).sorted(), plainGroups()[5]!.sorted())
        let partitioned = rdd.partitionBy(HashPartitioner(partitions: 6))
        XCTAssertEqual(try partitioned.lookup(5).sorted(), plainGroups()[5]!.sorted())
        XCTAssertEqual(sc.jobHistory.last?.stages.last?.numTasks, 1, "lookup scans one partition")
        XCTAssertEqual(try partitioned.lookup(1234), [])
    }
}
