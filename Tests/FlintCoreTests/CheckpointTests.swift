import Foundation
import XCTest
@testable import FlintCore

final class CheckpointTests: FlintTestCase {
    private func wordCounts(counter: CallCounter) -> RDD<(String, Int)> {
        sc.parallelize((0..<2000).map { "w\($0 % 13)" }, numSlices: 4)
            .map { word -> (String, Int) in
                counter.increment()
                return (word, 1)
            }
            .reduceByKey(+, numPartitions: 3)
    }

    private var expected: [(String, Int)] {
        sortedPairs((0..<13).map { k in ("w\(k)", (0..<2000).filter { $0 % 13 == k }.count) })
    }

    func testCheckpointTruncatesTheLineageAndReadsBackIdentically() throws {
        try sc.setCheckpointDir(scratch.appendingPathComponent("checkpoints").path)
        let counter = CallCounter()
        let counts = wordCounts(counter: counter)
        try counts.checkpoint()
        XCTAssertFalse(counts.isCheckpointed, "written when the next job ends")
        assertPairsEqual(sortedPairs(try counts.collect()), expected)
        XCTAssertTrue(counts.isCheckpointed)
        let debug = counts.toDebugString
        XCTAssertTrue(debug.contains("ReliableCheckpointRDD"), debug)
        XCTAssertFalse(debug.contains("ParallelCollectionRDD"), "lineage truncated:\n\(debug)")
        let directory = try XCTUnwrap(counts.getCheckpointFile())
        let parts = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("part-") }
        XCTAssertEqual(parts.sorted(), ["part-00000", "part-00001", "part-00002"])
        let computed = counter.value
        assertPairsEqual(sortedPairs(try counts.collect()), expected)
        XCTAssertEqual(counter.value, computed, "read from the checkpoint, not recomputed")
        XCTAssertEqual(try XCTUnwrap(sc.jobHistory.last).stages.count, 1, "no shuffle stage after the checkpoint")
        assertPairsEqual(sortedPairs(try counts.mapValues { $0 * 2 }.collect()), expected.map { ($0.0, $0.1 * 2) })
    }

    func testCheckpointOfACachedRDDDoesNotRecomputeIt() throws {
        try sc.setCheckpointDir(scratch.appendingPathComponent("checkpoints").path)
        let counter = CallCounter()
        let rdd = try sc.range(0, 1000, numSlices: 2).counted(by: counter).cache()
        try rdd.checkpoint()
        XCTAssertEqual(try rdd.count(), 1000)
        XCTAssertEqual(counter.value, 1000)
        XCTAssertTrue(rdd.isCheckpointed)
        rdd.unpersist()
        XCTAssertEqual(try rdd.reduce(+), 999 * 500, "read back from the checkpoint files")
        XCTAssertEqual(counter.value, 1000)
    }

    func testCheckpointWithoutDirectoryIsAClearError() {
        XCTAssertThrowsError(try sc.parallelize([1, 2]).checkpoint()) { error in
            XCTAssertTrue("\(error)".contains("setCheckpointDir"), "\(error)")
        }
    }

    func testCorruptCheckpointFileIsReportedWithItsPath() throws {
        try sc.setCheckpointDir(scratch.appendingPathComponent("checkpoints").path)
        let rdd = sc.parallelize(Array(0..<5000), numSlices: 2).map { "value \($0)" }
        try rdd.checkpoint()
        XCTAssertEqual(try rdd.count(), 5000)
        let part = URL(fileURLWithPath: try XCTUnwrap(rdd.getCheckpointFile())).appendingPathComponent("part-00001")
        var bytes = try [UInt8](Data(contentsOf: part))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: part)
        XCTAssertThrowsError(try rdd.collect()) { error in
            XCTAssertTrue("\(error)".contains("part-00001"), "\(error)")
        }
    }

    func testLocalCheckpointTruncatesTheLineageUntilUnpersisted() throws {
        let counter = CallCounter()
        let counts = wordCounts(counter: counter).localCheckpoint()
        XCTAssertEqual(counts.getStorageLevel(), .memoryAndDisk)
        assertPairsEqual(sortedPairs(try counts.collect()), expected)
        XCTAssertTrue(counts.isCheckpointed)
        XCTAssertTrue(counts.toDebugString.contains("LocalCheckpointRDD"), counts.toDebugString)
        XCTAssertFalse(counts.toDebugString.contains("ParallelCollectionRDD"))
        assertPairsEqual(sortedPairs(try counts.collect()), expected)
        XCTAssertEqual(counter.value, 2000)
        counts.unpersist()
        XCTAssertThrowsError(try counts.collect()) { error in
            XCTAssertTrue("\(error)".contains("Checkpoint block rdd_\(counts.id)_"), "\(error)")
        }
    }

    func testLocalCheckpointComputesPartitionsTheJobDidNotTouch() throws {
        let rdd = sc.range(0, 100, numSlices: 4).map { $0 * 3 }.localCheckpoint()
        XCTAssertEqual(try rdd.first(), 0)
        XCTAssertEqual(sc.storageInfo(of: rdd).numCachedPartitions, 4)
        XCTAssertEqual(try rdd.reduce(+), 3 * 99 * 50)
    }
}
