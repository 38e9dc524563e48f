import XCTest
@testable import FlintCore

/// Boundary cases of partitioning and ordering, each against a plain Swift answer.
final class EdgeCaseTests: FlintTestCase {
    func testManyEmptyPartitions() throws {
        let rdd = sc.parallelize([7, 8, 9], numSlices: 40)
        XCTAssertEqual(try rdd.take(2), [7, 8])
        XCTAssertEqual(try rdd.first(), 7)
        XCTAssertEqual(try rdd.zipWithIndex().collect().map(\.1), [0, 1, 2])
        XCTAssertEqual(try rdd.map { ($0 % 2, $0) }.reduceByKey(+).collectAsMap(), [1: 16, 0: 8])
        XCTAssertEqual(try rdd.sortBy({ -$0 }).collect(), [9, 8, 7])
        XCTAssertEqual(try rdd.coalesce(100).collect(), [7, 8, 9])
        XCTAssertEqual(try rdd.repartition(1).collect().sorted(), [7, 8, 9])
    }

    func testSortByKeyWithFewDistinctKeys() throws {
        let records = (0..<5000).map { ($0 % 3, $0) }
        let sorted = try sc.parallelize(records, numSlices: 4).sortByKey(numPartitions: 8)
        XCTAssertLessThanOrEqual(sorted.numPartitions, 8)
        let result = try sorted.collect()
        XCTAssertEqual(result.map(\.0), records.map(\.0).sorted())
        XCTAssertEqual(Set(result.map(\.1)), Set(0..<5000))
        let same = try sc.parallelize(Array(repeating: (1, 1), count: 100), numSlices: 3).sortByKey(numPartitions: 4).count()
        XCTAssertEqual(same, 100)
    }

    func testCartesianAndJoinsWithEmptySides() throws {
        let empty = sc.parallelize([Int](), numSlices: 2)
        XCTAssertEqual(try sc.parallelize([1, 2]).cartesian(empty).count(), 0)
        let left = sc.parallelize([(1, "a")])
        let none = sc.parallelize([(Int, Double)](), numSlices: 2)
        XCTAssertEqual(try left.join(none).count(), 0)
        XCTAssertEqual(try left.leftOuterJoin(none).collect().map { $0.1.1 == nil }, [true])
        XCTAssertEqual(try none.fullOuterJoin(left).count(), 1)
    }

    func testStringKeysWithUnicodeAndCollidingPrefixes() throws {
        let words = ["é", "e\u{301}", "straße", "strasse", "", " ", "日本", "日本語", String(repeating: "x", count: 100)]
        let counts = try sc.parallelize(words + words, numSlices: 3).map { ($0, 1) }.reduceByKey(+, numPartitions: 4)
            .collectAsMap()
        // Swift String equality is canonical: "é" and "e\u{301}" are the same key, as in a Dictionary.
        XCTAssertEqual(counts, Dictionary((words + words).map { ($0, 1) }, uniquingKeysWith: +))
    }
}
