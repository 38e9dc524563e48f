import XCTest
@testable import FlintCore

final class ActionTests: FlintTestCase {
    func testTakeFirstTopTakeOrdered() throws {
        let data = Array((0..<500).reversed())
        let rdd = sc.parallelize(data, numSlices: 10)
        XCTAssertEqual(try rdd.take(3), [499, 498, 497])
        XCTAssertEqual(try rdd.take(120), Array(data.prefix(120)))
        XCTAssertEqual(try rdd.take(10_000), data)
        XCTAssertEqual(try rdd.first(), 499)
        XCTAssertEqual(try rdd.top(4), [499, 498, 497, 496])
        XCTAssertEqual(try rdd.takeOrdered(3), [0, 1, 2])
        XCTAssertEqual(try rdd.takeOrdered(2, by: { $0 % 100 > $1 % 100 || ($0 % 100 == $1 % 100 && $0 < $1) }), [99, 199])
        XCTAssertThrowsError(try sc.emptyRDD(of: Int.self).first())
        XCTAssertEqual(try rdd.max(), 499)
        XCTAssertEqual(try rdd.min(), 0)
        XCTAssertFalse(try rdd.isEmpty())
    }

    func testReduceFoldAggregateTreeAggregate() throws {
        let data = (1...10_000).map(Double.init)
        let rdd = sc.parallelize(data, numSlices: 16)
        XCTAssertEqual(try rdd.reduce(+), data.reduce(0, +))
        XCTAssertEqual(try rdd.fold(0, +), data.reduce(0, +))
        let (sum, count) = try rdd.aggregate((0.0, 0), seqOp: { ($0.0 + $1, $0.1 + 1) }, combOp: { ($0.0 + $1.0, $0.1 + $1.1) })
        XCTAssertEqual(sum, data.reduce(0, +))
        XCTAssertEqual(count, 10_000)
        for depth in [1, 2, 3] {
            let tree = try rdd.treeAggregate(0.0, seqOp: +, combOp: +, depth: depth)
            XCTAssertEqual(tree, data.reduce(0, +), "depth \(depth)")
        }
        XCTAssertEqual(try rdd.treeReduce(max), 10_000)
        let seqOp: @Sendable ([Double], Int) -> [Double] = { sums, x in [sums[0] + Double(x), sums[1] + 1] }
        let combOp: @Sendable ([Double], [Double]) -> [Double] = { a, b in [a[0] + b[0], a[1] + b[1]] }
        let vectors = try sc.parallelize(Array(0..<64), numSlices: 16).treeAggregate([0.0, 0.0], seqOp: seqOp, combOp: combOp)
        XCTAssertEqual(vectors, [2016, 64])
    }

    func testForeachAndForeachPartition() throws {
        let counter = Counter()
        try sc.parallelize(Array(0..<100), numSlices: 4).foreach { counter.add($0) }
        XCTAssertEqual(counter.value, 4950)
        let partitions = Counter()
        try sc.parallelize(Array(0..<100), numSlices: 4).foreachPartition { _ in partitions.add(1) }
        XCTAssertEqual(partitions.value, 4)
    }

    func testToDebugStringShowsShuffleBoundaries() throws {
        let counts = sc.parallelize(["a b", "b"], numSlices: 2).flatMap { $0.split(separator: " ").map(String.init) }
            .map { ($0, 1) }.reduceByKey(+)
        let lines = counts.toDebugString.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4)
        XCTAssertTrue(lines[0].hasPrefix("(2) ShuffledRDD["), lines[0])
        XCTAssertTrue(lines[1].hasPrefix(" +-(2) MapPartitionsRDD["), lines[1])
        XCTAssertTrue(lines[3].contains("ParallelCollectionRDD"), lines[3])
        XCTAssertTrue(lines[0].contains("reduceByKey at ActionTests.swift:"), lines[0])
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    func add(_ n: Int) {
        lock.lock()
        total += n
        lock.unlock()
    }
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return total
    }
}

extension ActionTests {
    func testTakeOfHugeCountReturnsEverything() throws {
        let rdd = sc.parallelize(Array(0..<100), numSlices: 7)
        XCTAssertEqual(try rdd.take(Int.max), Array(0..<100))
        XCTAssertEqual(try rdd.filter { $0 < 3 }.take(Int.max - 1), [0, 1, 2])
    }
}
