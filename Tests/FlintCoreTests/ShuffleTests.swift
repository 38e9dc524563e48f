import Foundation
import XCTest
@testable import FlintCore

final class ShuffleTests: FlintTestCase {
    func testCorruptedShuffleBlockIsDetectedAndRecomputed() throws {
        let listener = RecordingListener()
        sc.addListener(listener)
        let data = (0..<20_000).map { ("k\($0 % 500)", $0) }
        let grouped = sc.parallelize(data, numSlices: 2).partitionBy(HashPartitioner(partitions: 2))
        XCTAssertEqual(try grouped.count(), 20_000)
        let shuffleId = try XCTUnwrap(sc.jobHistory.last?.stages.first?.shuffleId)
        let dataFile = sc.env.shuffleManager.dataFile(shuffleId: shuffleId, mapId: 0)
        var bytes = try Data(contentsOf: dataFile)
        bytes[bytes.count / 3] ^= 0xFF
        try bytes.write(to: dataFile)
        let result = try grouped.collect()
        XCTAssertEqual(result.count, 20_000)
        XCTAssertEqual(result.map(\.1).reduce(0, +), data.map(\.1).reduce(0, +))
        let errors = listener.taskErrors
        XCTAssertFalse(errors.isEmpty, "the corrupt block must be reported")
        XCTAssertTrue(errors.contains { $0.contains("fetch failed") && $0.contains(dataFile.path) }, "\(errors)")
        XCTAssertTrue(errors.contains { $0.contains("CRC-32C mismatch") }, "\(errors)")
    }

    func testHashPartitionedShufflesPlaceEveryRecordAsTheKeyMapperDoes() throws {
        let partitioner = HashPartitioner(partitions: 5)
        let words = (0..<5_000).map { "w\($0 % 977)" }
        let place = partitioner.keyMapper(for: String.self)
        // Combined (reduceByKey) and uncombined (partitionBy) records, String and Int keys.
        let counts = try sc.parallelize(words, numSlices: 3).map { ($0, 1) }.reduceByKey(partitioner: partitioner) { $0 + $1 }.glom().collect()
        let moved = try sc.parallelize(words.map { ($0, 0) }, numSlices: 3).partitionBy(partitioner).glom().collect()
        for parts in [counts, moved] {
            XCTAssertEqual(parts.count, 5)
            for (partition, records) in parts.enumerated() {
                XCTAssertTrue(records.allSatisfy { place($0.0) == partition })
            }
        }
        XCTAssertEqual(counts.joined().count, 977)
        let placeInt = partitioner.keyMapper(for: Int.self)
        let numbers = try sc.parallelize(Array(0..<3000), numSlices: 2).map { ($0 * 7919, $0) }.partitionBy(partitioner).glom().collect()
        for (partition, records) in numbers.enumerated() { XCTAssertTrue(records.allSatisfy { placeInt($0.0) == partition }) }
        XCTAssertNotNil(ShuffleRecordKernels<String, Int>().placeByHash, "hashable keys get the specialised placement")
    }

    func testShuffleFilesAreRemovedAtStop() throws {
        let counts = sc.parallelize(Array(0..<100)).map { ($0, $0) }.reduceByKey(+)
        _ = try counts.collect()
        let root = sc.env.shuffleManager.rootDirectory
        let files = try FileManager.default.contentsOfDirectory(atPath: root.path)
        XCTAssertTrue(files.contains { $0.hasSuffix(".data") }, "\(files)")
        sc.stop()
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.path))
        withExtendedLifetime(counts) {}
    }

    func testShuffleFilesAreRemovedWhenUnreferenced() throws {
        var counts: RDD<(Int, Int)>? = sc.parallelize(Array(0..<100)).map { ($0 % 3, 1) }.reduceByKey(+)
        _ = try counts!.collect()
        let shuffleId = try XCTUnwrap(sc.jobHistory.last?.stages.first?.shuffleId)
        let file = sc.env.shuffleManager.dataFile(shuffleId: shuffleId, mapId: 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: file.path))
        counts = nil
        // The last task's thread may still hold the lineage for a moment: cleanup is asynchronous,
        // as in Spark's ContextCleaner.
        let deadline = Date().addingTimeInterval(5)
        while FileManager.default.fileExists(atPath: file.path), Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: file.path))
    }

    func testSnappyCompressesShuffleBlocks() throws {
        let text = (0..<20_000).map { _ in ("the same key again and again", "a fairly repetitive value string") }
        _ = try sc.parallelize(text, numSlices: 2).partitionBy(HashPartitioner(partitions: 2)).count()
        let metrics = try XCTUnwrap(sc.jobHistory.last?.stages.first?.metrics)
        XCTAssertLessThan(metrics.shuffleBytesWritten * 5, metrics.shuffleBytesWrittenUncompressed)
    }
}

/// Shuffles under a tiny memory budget: every operator must spill and still be exact.
final class SpillTests: FlintTestCase {
    override var extraConf: [String: String] {
        ["flint.executor.memory": "4m", "flint.shuffle.file.buffer": "4k"]
    }

    func testReduceByKeySpillsAndIsExact() throws {
        let keys = 200_000
        let result = try sc.range(0, 2 * keys, numSlices: 4).map { ("key-\($0 % keys)", 1) }.reduceByKey(+, numPartitions: 3)
            .collect()
        XCTAssertEqual(result.count, keys)
        XCTAssertTrue(result.allSatisfy { $0.1 == 2 })
        let metrics = try XCTUnwrap(sc.jobHistory.last).metrics
        XCTAssertGreaterThan(metrics.diskBytesSpilled, 0, "the map and reduce sides must spill")
    }

    func testGroupByKeyAndSortByKeySpillAndAreExact() throws {
        let n = 300_000
        let grouped = try sc.range(0, n, numSlices: 4).map { ($0 % 1000, $0) }.groupByKey(numPartitions: 2).collect()
        XCTAssertEqual(grouped.count, 1000)
        XCTAssertEqual(grouped.map { $0.1.count }.reduce(0, +), n)
        XCTAssertEqual(Set(grouped.first { $0.0 == 7 }!.1), Set(stride(from: 7, to: n, by: 1000)))
        XCTAssertGreaterThan(try XCTUnwrap(sc.jobHistory.last).metrics.diskBytesSpilled, 0)
        var generator = SeededRandom(seed: 9)
        let keys = (0..<n).map { _ in Int64(bitPattern: generator.next()) }
        let sorted = try sc.parallelize(keys.map { ($0, $0) }, numSlices: 4).sortByKey(numPartitions: 2).keys().collect()
        XCTAssertEqual(sorted, keys.sorted())
        XCTAssertGreaterThan(try XCTUnwrap(sc.jobHistory.last).metrics.diskBytesSpilled, 0)
    }

    func testCogroupAndJoinSpillAndAreExact() throws {
        let n = 150_000
        let left = sc.range(0, n, numSlices: 3).map { ("k\($0 % 20_000)", $0) }
        let right = sc.range(0, n / 3, numSlices: 2).map { ("k\($0 % 30_000)", -$0) }
        let joined = try left.join(right, numPartitions: 2).collect()
        // Keys below 20,000 appear 7.5 times on the left (on average) and 5 / 3 times on the right.
        var leftCounts: [String: Int] = [:], rightCounts: [String: Int] = [:]
        for i in 0..<n { leftCounts["k\(i % 20_000)", default: 0] += 1 }
        for i in 0..<(n / 3) { rightCounts["k\(i % 30_000)", default: 0] += 1 }
        XCTAssertEqual(joined.count, leftCounts.reduce(0) { $0 + $1.value * (rightCounts[$1.key] ?? 0) })
        XCTAssertTrue(joined.allSatisfy { key, pair in "k\(pair.0 % 20_000)" == key && "k\(-pair.1 % 30_000)" == key })
        XCTAssertGreaterThan(try XCTUnwrap(sc.jobHistory.last).metrics.diskBytesSpilled, 0)
        let grouped = try left.cogroup(right, numPartitions: 2).collect()
        XCTAssertEqual(grouped.count, 30_000)
        XCTAssertEqual(grouped.map { $0.1.0.count }.reduce(0, +), n)
        XCTAssertEqual(grouped.map { $0.1.1.count }.reduce(0, +), n / 3)
        XCTAssertEqual(Set(grouped.first { $0.0 == "k7" }!.1.0), Set(stride(from: 7, to: n, by: 20_000)))
    }

    func testSortWithinPartitionsSpillsAndKeepsEachPartitionsRecords() throws {
        var generator = SeededRandom(seed: 4)
        let keys = (0..<200_000).map { _ in Int64(bitPattern: generator.next()) }
        let parts = try sc.parallelize(keys.map { ($0, String($0 % 97)) }, numSlices: 3).sortWithinPartitions(ascending: false)
            .glom().collect()
        XCTAssertEqual(parts.count, 3)
        var start = 0
        for part in parts {
            let original = keys[start..<(start + part.count)]
            XCTAssertEqual(part.map(\.0), original.sorted(by: >))
            XCTAssertTrue(part.allSatisfy { $0.1 == String($0.0 % 97) }, "values stay with their keys")
            start += part.count
        }
        XCTAssertEqual(start, keys.count)
        XCTAssertGreaterThan(try XCTUnwrap(sc.jobHistory.last).metrics.diskBytesSpilled, 0)
        XCTAssertEqual(try sc.parallelize([(Int64, Int)](), numSlices: 2).sortWithinPartitions().count(), 0)
    }
}

/// A value type that has no serializer: neither FlintSerializable, nor Codable, nor plain data.
final class Opaque: @unchecked Sendable {
    let payload: [Int]
    init(_ payload: [Int]) { self.payload = payload }
}

final class UnserializableShuffleTests: FlintTestCase {
    func testUnserializableValuesFailTheJobOnceWithTheTypeName() {
        let listener = RecordingListener()
        sc.addListener(listener)
        let rdd = sc.parallelize([1, 2, 3], numSlices: 2).map { ($0, Opaque([$0])) }.groupByKey()
        XCTAssertThrowsError(try rdd.count()) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("Opaque"), message)
            XCTAssertTrue(message.contains("FlintSerializable") || message.contains("Codable"), message)
        }
        XCTAssertEqual(listener.taskErrors.count, 1, "a type without a serializer is not retried")
    }
}

/// A Codable type whose encoding always fails (not plain data, so the Codable path is used).
struct Unencodable: Codable, Hashable, Sendable {
    struct Refused: Error {}
    let id: String
    func encode(to encoder: Encoder) throws { throw Refused() }
}

final class EncodingFailureTests: FlintTestCase {
    func testThrowingEncodeFailsTheJobWithoutCrashing() {
        let rdd = sc.parallelize([1, 2, 3], numSlices: 1).map { ($0, Unencodable(id: "\($0)")) }.groupByKey()
        XCTAssertThrowsError(try rdd.count()) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("cannot encode a value of type Unencodable"), message)
        }
        XCTAssertEqual(try sc.parallelize([1]).count(), 1, "the process and the context survive")
    }
}

extension ShuffleTests {
    func testLaterMapTasksSizeTheirTableFromEarlierOnes() throws {
        // Six map tasks with 3,000 distinct keys each (key i lands in partition i % 6).
        let pairs = sc.parallelize((0..<18_000).map { ("key\($0)", 1) }, numSlices: 6)
        let counts = pairs.reduceByKey(+)
        let dependency = try XCTUnwrap(counts.dependencies.first as? ShuffleDependency<String, Int, Int>)
        XCTAssertEqual(dependency.mapSideKeysHint, 0)
        XCTAssertEqual(try counts.count(), 18_000)
        XCTAssertEqual(dependency.mapSideKeysHint, 3_000, "the largest table a map task built")
        XCTAssertEqual(try counts.map(\.1).reduce(+), 18_000, "a rerun with pre-sized tables is exact")
    }
}
