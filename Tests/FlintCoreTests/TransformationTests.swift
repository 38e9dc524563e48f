import XCTest
@testable import FlintCore

final class TransformationTests: FlintTestCase {
    let data = Array(0..<1000)

    func testMapFlatMapFilterMatchPlainSwift() throws {
        let rdd = sc.parallelize(data, numSlices: 4)
        XCTAssertEqual(try rdd.map { $0 * 3 }.collect(), data.map { $0 * 3 })
        XCTAssertEqual(try rdd.flatMap { [$0, -$0] }.collect(), data.flatMap { [$0, -$0] })
        XCTAssertEqual(try rdd.filter { $0 % 7 == 0 }.collect(), data.filter { $0 % 7 == 0 })
        XCTAssertEqual(try rdd.count(), 1000)
    }

    func testEmptyPartitionsAndEmptyRDDs() throws {
        let sparse = sc.parallelize([1, 2], numSlices: 5)
        XCTAssertEqual(try sparse.glom().collect().map(\.count), [0, 0, 1, 0, 1], "Spark's slicing")
        XCTAssertEqual(try sparse.map { $0 + 1 }.collect(), [2, 3])
        let empty = sc.emptyRDD(of: Int.self)
        XCTAssertEqual(try empty.count(), 0)
        XCTAssertEqual(try empty.collect(), [])
        XCTAssertTrue(try empty.isEmpty())
        XCTAssertThrowsError(try empty.reduce(+))
        XCTAssertEqual(try empty.fold(0, +), 0)
        XCTAssertEqual(try sc.parallelize([Int](), numSlices: 3).distinct().count(), 0)
    }

    func testMapPartitionsAndIndex() throws {
        let rdd = sc.parallelize(data, numSlices: 4)
        let sums = try rdd.mapPartitions { items in BatchIterator([try items.collectAll().reduce(0, +)]) }.collect()
        XCTAssertEqual(sums.reduce(0, +), data.reduce(0, +))
        XCTAssertEqual(sums.count, 4)
        let indexed = try rdd.mapPartitionsWithIndex { index, items in items.map { _ in index } }.collect()
        XCTAssertEqual(indexed, data.map { $0 / 250 })
        XCTAssertEqual(try rdd.glom().collect(), [Array(0..<250), Array(250..<500), Array(500..<750), Array(750..<1000)])
    }

    func testKeyByDistinctAndSetOperations() throws {
        let words = ["a", "b", "a", "c", "b", "a", "d"]
        let rdd = sc.parallelize(words, numSlices: 3)
        XCTAssertEqual(try rdd.keyBy { $0.count }.collect().map(\.0), words.map(\.count))
        XCTAssertEqual(try rdd.distinct().collect().sorted(), ["a", "b", "c", "d"])
        let other = sc.parallelize(["b", "d", "e", "d"], numSlices: 2)
        XCTAssertEqual(try rdd.intersection(other).collect().sorted(), ["b", "d"])
        XCTAssertEqual(try rdd.subtract(other).collect().sorted(), ["a", "a", "a", "c"])
        XCTAssertEqual(try rdd.union(other).collect(), words + ["b", "d", "e", "d"])
        XCTAssertEqual(try sc.union([rdd, other, rdd]).count(), 18)
    }

    func testSampleIsSeededAndPlausible() throws {
        let rdd = sc.parallelize(Array(0..<20_000), numSlices: 4)
        let a = try rdd.sample(withReplacement: false, fraction: 0.1, seed: 42).collect()
        let b = try rdd.sample(withReplacement: false, fraction: 0.1, seed: 42).collect()
        XCTAssertEqual(a, b)
        XCTAssertEqual(Double(a.count), 2000, accuracy: 200)
        XCTAssertEqual(Set(a).count, a.count, "no duplicates without replacement")
        let withReplacement = try rdd.sample(withReplacement: true, fraction: 2.0, seed: 7).collect()
        XCTAssertEqual(Double(withReplacement.count), 40_000, accuracy: 1500)
        XCTAssertLessThan(Set(withReplacement).count, withReplacement.count)
    }

    func testRandomSplitPartitionsTheElements() throws {
        let rdd = sc.parallelize(Array(0..<10_000), numSlices: 4)
        let splits = rdd.randomSplit([0.7, 0.3], seed: 11)
        let first = try splits[0].collect(), second = try splits[1].collect()
        XCTAssertEqual((first + second).sorted(), Array(0..<10_000))
        XCTAssertEqual(Double(first.count), 7000, accuracy: 300)
        XCTAssertEqual(try rdd.randomSplit([0.7, 0.3], seed: 11)[0].collect(), first)
    }

    func testCartesianZipAndIndexes() throws {
        let left = sc.parallelize([1, 2, 3], numSlices: 2)
        let right = sc.parallelize(["x", "y"], numSlices: 2)
        let product = try left.cartesian(right).collect().map { "\($0.0)\($0.1)" }.sorted()
        XCTAssertEqual(product, ["1x", "1y", "2x", "2y", "3x", "3y"])
        let zipped = try sc.parallelize(Array(0..<10), numSlices: 3).zip(sc.parallelize(Array(10..<20), numSlices: 3))
        XCTAssertEqual(try zipped.collect().map { $0.0 + $0.1 }, (0..<10).map { 2 * $0 + 10 })
        XCTAssertThrowsError(try left.zip(sc.parallelize([1], numSlices: 1)))
        let unevenZip = try sc.parallelize([1, 2, 3], numSlices: 2).zip(sc.parallelize([1, 2], numSlices: 2))
        XCTAssertThrowsError(try unevenZip.collect()) { error in
            XCTAssertTrue("\(error)".contains("same number of elements"), "\(error)")
        }
        let indexed = try sc.parallelize(["a", "b", "c", "d", "e"], numSlices: 3).zipWithIndex().collect()
        XCTAssertEqual(indexed.map(\.1), [0, 1, 2, 3, 4])
        XCTAssertEqual(indexed.map(\.0), ["a", "b", "c", "d", "e"])
        let unique = try sc.parallelize(Array(0..<100), numSlices: 3).zipWithUniqueId().collect().map(\.1)
        XCTAssertEqual(Set(unique).count, 100)
    }

    func testCoalesceRepartitionAndSortBy() throws {
        let rdd = sc.parallelize(data, numSlices: 8)
        let coalesced = rdd.coalesce(3)
        XCTAssertEqual(coalesced.numPartitions, 3)
        XCTAssertEqual(try coalesced.collect(), data)
        let repartitioned = rdd.repartition(5)
        XCTAssertEqual(repartitioned.numPartitions, 5)
        XCTAssertEqual(try repartitioned.collect().sorted(), data)
        let sizes = try repartitioned.glom().collect().map(\.count)
        XCTAssertTrue(sizes.allSatisfy { $0 > 150 && $0 < 250 }, "uneven repartition: \(sizes)")
        let shuffled = data.shuffled()
        let sorted = try sc.parallelize(shuffled, numSlices: 4).sortBy { $0 }.collect()
        XCTAssertEqual(sorted, data)
        let descending = try sc.parallelize(shuffled, numSlices: 4).sortBy({ $0 % 10 }, ascending: false).collect()
        XCTAssertEqual(descending.map { $0 % 10 }, data.map { $0 % 10 }.sorted(by: >))
    }

    func testRangeMatchesStride() throws {
        XCTAssertEqual(try sc.range(0, 10).collect(), Array(0..<10))
        XCTAssertEqual(try sc.range(5, -6, step: -3, numSlices: 3).collect(), Array(stride(from: 5, to: -6, by: -3)))
        XCTAssertEqual(try sc.range(0, 0).count(), 0)
    }
}

final class PipeTests: FlintTestCase {
    func testPipeRunsACommandPerPartition() throws {
        let rdd = sc.parallelize((1...1000).map { "line \($0)" }, numSlices: 3)
        XCTAssertEqual(try rdd.pipe("cat").collect(), (1...1000).map { "line \($0)" })
        XCTAssertEqual(try rdd.pipe("wc -l").collect().map { $0.trimmingCharacters(in: .whitespaces) }, ["333", "333", "334"])
        XCTAssertEqual(try rdd.pipe("echo $GREETING", environment: ["GREETING": "hi"]).collect(), ["hi", "hi", "hi"])
        XCTAssertEqual(try sc.parallelize([1, 2, 3], numSlices: 1).pipe("sed 's/^/n=/'").collect(), ["n=1", "n=2", "n=3"])
    }

    func testFailingCommandFailsTheJobWithItsStatus() {
        XCTAssertThrowsError(try sc.parallelize([1], numSlices: 1).pipe("echo boom >&2; exit 3").collect()) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("exited with status 3"), message)
            XCTAssertTrue(message.contains("boom"), message)
        }
    }
}
