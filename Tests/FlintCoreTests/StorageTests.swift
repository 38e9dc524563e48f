import Foundation
import XCTest
@testable import FlintCore

/// persist / cache / unpersist and the storage status, with plenty of memory.
final class StorageTests: FlintTestCase {
    /// An RDD of `n` strings over 4 partitions that counts the elements it computes.
    private func countedStrings(_ n: Int, counter: CallCounter) -> RDD<String> {
        sc.range(0, n, numSlices: 4).map { i -> String in
            counter.increment()
            return "item-\(i % 100)-of-a-fairly-repetitive-dataset"
        }
    }

    func testCacheComputesOnceAndReadsBackIdentically() throws {
        let counter = CallCounter()
        let rdd = try countedStrings(10_000, counter: counter).cache()
        XCTAssertEqual(rdd.getStorageLevel(), .memoryOnly)
        let first = try rdd.collect()
        XCTAssertEqual(counter.value, 10_000)
        XCTAssertEqual(try rdd.collect(), first)
        XCTAssertEqual(try rdd.map { $0.count }.reduce(+), first.map(\.count).reduce(0, +))
        XCTAssertEqual(counter.value, 10_000, "cached partitions must not be recomputed")
        let info = try XCTUnwrap(sc.getRDDStorageInfo().first { $0.id == rdd.id })
        XCTAssertEqual(info.numCachedPartitions, 4)
        XCTAssertGreaterThan(info.memorySize, 10_000 * 16)
        XCTAssertEqual(info.diskSize, 0)
        XCTAssertTrue(rdd.toDebugString.contains("[Memory Deserialized 1x Replicated]"), rdd.toDebugString)
        XCTAssertTrue(rdd.toDebugString.contains("CachedPartitions: 4; MemorySize: "), rdd.toDebugString)
        XCTAssertEqual(sc.getPersistentRDDs()[rdd.id]?.id, rdd.id)
    }

    func testUnpersistFreesMemoryAndLaterActionsRecompute() throws {
        let counter = CallCounter()
        let rdd = try countedStrings(5_000, counter: counter).persist(.memoryOnlySer)
        XCTAssertEqual(try rdd.count(), 5_000)
        XCTAssertGreaterThan(sc.storageInfo(of: rdd).memorySize, 0)
        XCTAssertGreaterThan(sc.env.memoryManager.storageMemoryUsed, 0)
        rdd.unpersist()
        XCTAssertEqual(rdd.getStorageLevel(), .none)
        XCTAssertEqual(sc.storageInfo(of: rdd).memorySize, 0)
        XCTAssertEqual(sc.storageInfo(of: rdd).numCachedPartitions, 0)
        XCTAssertEqual(sc.env.memoryManager.storageMemoryUsed, 0, "unpersist must return the memory")
        XCTAssertNil(sc.getPersistentRDDs()[rdd.id])
        XCTAssertEqual(try rdd.count(), 5_000)
        XCTAssertEqual(counter.value, 10_000)
    }

    func testSerializedLevelsUseLessMemoryThanDeserialized() throws {
        let deserialized = try countedStrings(20_000, counter: CallCounter()).persist(.memoryOnly)
        let serialized = try countedStrings(20_000, counter: CallCounter()).persist(.memoryOnlySer)
        XCTAssertEqual(try deserialized.collect(), try serialized.collect())
        XCTAssertEqual(try serialized.collect(), try deserialized.collect(), "serialised blocks read back identically")
        let objects = sc.storageInfo(of: deserialized).memorySize
        let bytes = sc.storageInfo(of: serialized).memorySize
        XCTAssertLessThan(bytes * 4, objects, "Snappy-compressed bytes (\(bytes)) vs objects (\(objects))")
    }

    func testDiskOnlyKeepsNothingInMemory() throws {
        let counter = CallCounter()
        let rdd = sc.range(0, 50_000, numSlices: 3).map { i -> (Int, String) in
            counter.increment()
            return (i, "v\(i)")
        }
        try rdd.persist(.diskOnly)
        let expected = (0..<50_000).map { ($0, "v\($0)") }
        assertPairsEqual(try rdd.collect(), expected)
        assertPairsEqual(try rdd.collect(), expected)
        XCTAssertEqual(counter.value, 50_000)
        let info = sc.storageInfo(of: rdd)
        XCTAssertEqual(info.numCachedPartitions, 3)
        XCTAssertEqual(info.memorySize, 0)
        XCTAssertGreaterThan(info.diskSize, 0)
        XCTAssertTrue(rdd.toDebugString.contains("[Disk Serialized 1x Replicated]"))
    }

    func testChangingTheLevelIsAClearError() throws {
        let rdd = try sc.parallelize([1, 2, 3]).cache()
        XCTAssertNoThrow(try rdd.cache(), "the same level again is a no-op")
        XCTAssertThrowsError(try rdd.persist(.diskOnly)) { error in
            XCTAssertTrue("\(error)".contains("cannot change the storage level"), "\(error)")
        }
        XCTAssertThrowsError(try rdd.persist(.none))
        rdd.unpersist()
        XCTAssertNoThrow(try rdd.persist(.diskOnly))
    }

    func testStorageLevelNamesAsSpark() throws {
        XCTAssertEqual(try StorageLevel.fromString("MEMORY_AND_DISK_SER"), .memoryAndDiskSer)
        XCTAssertEqual(try StorageLevel.fromString("memory_only"), .memoryOnly)
        XCTAssertEqual(try StorageLevel.fromString("DISK_ONLY_2").replication, 2)
        XCTAssertEqual(try StorageLevel.fromString("NONE"), .none)
        XCTAssertThrowsError(try StorageLevel.fromString("OFF_HEAP")) { error in
            XCTAssertTrue("\(error)".contains("unknown storage level 'OFF_HEAP'"), "\(error)")
        }
        XCTAssertEqual(StorageLevel.memoryAndDisk.description, "StorageLevel(disk, memory, deserialized, 1 replicas)")
        XCTAssertEqual(StorageLevel.memoryOnlySer.shortDescription, "Memory Serialized 1x Replicated")
    }

    func testAnRDDNoLongerReferencedIsUnpersisted() throws {
        var id = -1
        do {
            let rdd = try sc.parallelize(Array(0..<10_000), numSlices: 2).map { $0 * 2 }.cache()
            id = rdd.id
            XCTAssertEqual(try rdd.count(), 10_000)
            XCTAssertGreaterThan(sc.env.memoryManager.storageMemoryUsed, 0)
        }
        // The last task's thread may still hold the lineage for a moment after the action
        // returns: the release (like Spark's ContextCleaner) happens when that reference goes.
        let deadline = Date().addingTimeInterval(5)
        while sc.getPersistentRDDs()[id] != nil || sc.env.memoryManager.storageMemoryUsed > 0, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        XCTAssertNil(sc.getPersistentRDDs()[id])
        XCTAssertEqual(sc.env.blockManager.status(ofRDD: id).partitions.count, 0)
        XCTAssertEqual(sc.env.memoryManager.storageMemoryUsed, 0)
    }

    func testCachedShuffleOutputServesLaterJobs() throws {
        let counts = try sc.parallelize((0..<1000).map { $0 % 7 }, numSlices: 4).map { ($0, 1) }
            .reduceByKey(+).cache()
        let expected = (0..<7).map { k in (k, (0..<1000).filter { $0 % 7 == k }.count) }
        assertPairsEqual(sortedPairs(try counts.collect()), expected)
        XCTAssertEqual(try XCTUnwrap(sc.jobHistory.last).stages.count, 2)
        assertPairsEqual(sortedPairs(try counts.collect()), expected)
        XCTAssertEqual(try XCTUnwrap(sc.jobHistory.last).stages.count, 1,
                       "a fully cached RDD needs no parent stage")
    }

    func testHeapSizeEstimates() {
        XCTAssertEqual(HeapSize.of(42), 0)
        XCTAssertEqual(HeapSize.of("cat060"), 0, "small strings are inline")
        XCTAssertEqual(HeapSize.of(String(repeating: "x", count: 100)), 32 + 112)
        XCTAssertEqual(HeapSize.of(Array(repeating: 1.0, count: 100)), 32 + 800)
        XCTAssertEqual(HeapSize.of((Int64(1), 2.0, "cat060")), 0)
        let nested = HeapSize.of([Array(repeating: 1, count: 10), Array(repeating: 2, count: 10)])
        XCTAssertEqual(nested, 32 + 2 * (8 + 32 + 80))
        var estimator = ValueSizeEstimator<(Int, String)>()
        XCTAssertEqual(estimator.add(Array(repeating: (1, "short"), count: 1000)), 32 + 1000 * 24)
    }
}
