import Foundation
import XCTest
@testable import FlintCore

/// Caching under a small budget: 8m × 0.6 = 4.8 MiB shared by execution and storage.
final class EvictionTests: FlintTestCase {
    override var extraConf: [String: String] { ["flint.executor.memory": "8m"] }

    /// One partition of `n` Ints (8 bytes each in memory), counting computed elements.
    private func ints(_ n: Int, counter: CallCounter) -> RDD<Int> {
        sc.range(0, n, numSlices: 1).counted(by: counter)
    }

    private func isCached(_ rdd: RDDBase) -> Bool { sc.storageInfo(of: rdd).numCachedPartitions == 1 }

    func testLeastRecentlyUsedBlockIsEvictedFirstAndRecomputedIdentically() throws {
        let size = 190_000  // ~1.5 MiB each: three fit, a fourth needs an eviction
        let counters = (0..<4).map { _ in CallCounter() }
        let rdds = try counters.map { try ints(size, counter: $0).cache() }
        for rdd in rdds.prefix(3) { XCTAssertEqual(try rdd.count(), size) }
        XCTAssertTrue(rdds.prefix(3).allSatisfy(isCached))
        XCTAssertEqual(try rdds[0].count(), size, "touches rdds[0]: rdds[1] is now the least recently used")
        XCTAssertEqual(try rdds[3].count(), size)
        XCTAssertTrue(isCached(rdds[0]))
        XCTAssertFalse(isCached(rdds[1]), "the least recently used block goes first")
        XCTAssertTrue(isCached(rdds[2]))
        XCTAssertTrue(isCached(rdds[3]))
        XCTAssertEqual(counters.map(\.value), [size, size, size, size])
        XCTAssertEqual(try rdds[1].reduce(+), size * (size - 1) / 2, "recomputed from lineage, identical")
        XCTAssertEqual(counters[1].value, 2 * size)
    }

    func testEvictedMemoryAndDiskBlocksGoToDisk() throws {
        let counter = CallCounter()
        let kept = try ints(190_000, counter: counter).persist(.memoryAndDisk)
        XCTAssertEqual(try kept.count(), 190_000)
        XCTAssertEqual(sc.storageInfo(of: kept).diskSize, 0)
        let others = try (0..<3).map { _ in try ints(190_000, counter: CallCounter()).cache() }
        for rdd in others { XCTAssertEqual(try rdd.count(), 190_000) }
        let info = sc.storageInfo(of: kept)
        XCTAssertEqual(info.numCachedPartitions, 1)
        XCTAssertEqual(info.memorySize, 0)
        XCTAssertGreaterThan(info.diskSize, 0, "the evicted block was written to disk")
        XCTAssertEqual(try kept.reduce(+), 190_000 * 189_999 / 2)
        XCTAssertEqual(counter.value, 190_000, "read back from disk, not recomputed")
    }

    func testShuffleUnderPressureFromCachedBlocks() throws {
        let cached = try (0..<3).map { _ in try ints(190_000, counter: CallCounter()).cache() }
        for rdd in cached { XCTAssertEqual(try rdd.count(), 190_000) }
        let sums = try sc.range(0, 300_000, numSlices: 2).map { ($0 % 50_000, 1) }.reduceByKey(+).collect()
        XCTAssertEqual(sums.count, 50_000)
        XCTAssertTrue(sums.allSatisfy { $0.1 == 6 })
        let manager = sc.env.memoryManager
        XCTAssertGreaterThanOrEqual(manager.storageMemoryUsed, manager.storageRegionSize / 2,
                                    "execution never evicts below the protected storage region")
        for rdd in cached { XCTAssertEqual(try rdd.reduce(+), 190_000 * 189_999 / 2) }
    }
}

/// Partitions larger than the whole pool: 3m × 0.6 = 1.8 MiB.
final class OversizedPartitionTests: FlintTestCase {
    override var extraConf: [String: String] { ["flint.executor.memory": "3m"] }

    private func isCached(_ rdd: RDDBase) -> Bool { sc.storageInfo(of: rdd).numCachedPartitions == 1 }

    func testPartitionTooLargeForMemory() throws {
        let n = 300_000  // ~2.4 MiB: more than the whole pool, as objects and (scrambled) as bytes
        let scrambled = { (i: Int) in i &* -7_046_029_254_386_353_131 }
        let expectedSum = (0..<n).reduce(0) { $0 &+ scrambled($1) }
        let memoryOnlyCounter = CallCounter()
        let memoryOnly = try sc.range(0, n, numSlices: 1).counted(by: memoryOnlyCounter).cache()
        XCTAssertEqual(try memoryOnly.reduce(+), n * (n - 1) / 2, "the job succeeds without caching")
        XCTAssertFalse(isCached(memoryOnly))
        XCTAssertEqual(try memoryOnly.count(), n)
        XCTAssertEqual(memoryOnlyCounter.value, 2 * n)
        XCTAssertEqual(sc.env.memoryManager.storageMemoryUsed, 0, "unroll memory is returned when the task ends")

        for level in [StorageLevel.memoryAndDisk, .memoryAndDiskSer] {
            let diskCounter = CallCounter()
            let withDisk = try sc.range(0, n, numSlices: 1).counted(by: diskCounter).map(scrambled).persist(level)
            XCTAssertEqual(try withDisk.reduce(&+), expectedSum)
            let info = sc.storageInfo(of: withDisk)
            XCTAssertEqual(info.numCachedPartitions, 1, "\(level)")
            XCTAssertEqual(info.memorySize, 0, "\(level)")
            XCTAssertGreaterThan(info.diskSize, 0, "\(level)")
            XCTAssertEqual(try withDisk.reduce(&+), expectedSum)
            XCTAssertEqual(diskCounter.value, n, "\(level): the partition went to disk and is read from there")
        }
    }
}

extension RDD where T == Int {
    /// The same elements, counting each one computed.
    func counted(by counter: CallCounter) -> RDD<Int> {
        map { i in
            counter.increment()
            return i
        }
    }
}

/// The unified memory manager's rules, with a fake store of fixed-size blocks.
final class UnifiedMemoryManagerTests: XCTestCase {
    /// Blocks of 1 MiB; evicts whole blocks, least recent first, skipping one RDD.
    final class FakeStore: StorageEvictor, @unchecked Sendable {
        var blocks: [(rdd: Int, size: Int)] = []
        func evictBlocks(toFree bytes: Int, excludingRDD: Int?) -> Int {
            let candidates = blocks.indices.filter { blocks[$0].rdd != excludingRDD }
            var freed = 0
            var chosen: [Int] = []
            for index in candidates where freed < bytes {
                chosen.append(index)
                freed += blocks[index].size
            }
            guard freed >= bytes else { return 0 }
            for index in chosen.reversed() { blocks.remove(at: index) }
            return freed
        }
    }

    let mb = 1 << 20

    func testExecutionEvictsStorageOnlyDownToTheStorageRegion() {
        let manager = MemoryManager(maxMemory: 10 * mb, storageFraction: 0.5)
        let store = FakeStore()
        manager.evictor = store
        for _ in 0..<8 {
            XCTAssertTrue(manager.acquireStorageMemory(mb, excludingRDD: 1))
            store.blocks.append((rdd: 1, size: mb))
        }
        let granted = manager.acquireExecutionMemory(8 * mb, taskAttemptId: 7)
        XCTAssertEqual(granted, 5 * mb, "2 MiB free plus 3 MiB evicted above the 5 MiB region")
        XCTAssertEqual(manager.storageMemoryUsed, 5 * mb)
        XCTAssertEqual(store.blocks.count, 5)
    }

    func testStorageNeverEvictsExecution() {
        let manager = MemoryManager(maxMemory: 10 * mb, storageFraction: 0.5)
        manager.evictor = FakeStore()
        XCTAssertEqual(manager.acquireExecutionMemory(8 * mb, taskAttemptId: 1), 8 * mb)
        XCTAssertTrue(manager.acquireStorageMemory(2 * mb, excludingRDD: nil))
        XCTAssertFalse(manager.acquireStorageMemory(mb, excludingRDD: nil), "storage may not take execution memory")
        manager.releaseAll(taskAttemptId: 1)
        XCTAssertTrue(manager.acquireStorageMemory(8 * mb, excludingRDD: nil), "storage borrows free execution memory")
    }

    func testStorageDoesNotEvictBlocksOfTheRDDBeingCached() {
        let manager = MemoryManager(maxMemory: 4 * mb, storageFraction: 0.5)
        let store = FakeStore()
        manager.evictor = store
        for rdd in [5, 5, 6, 6] {
            XCTAssertTrue(manager.acquireStorageMemory(mb, excludingRDD: rdd))
            store.blocks.append((rdd: rdd, size: mb))
        }
        XCTAssertTrue(manager.acquireStorageMemory(2 * mb, excludingRDD: 6), "evicts the two blocks of RDD 5")
        XCTAssertEqual(store.blocks.map(\.rdd), [6, 6])
        XCTAssertFalse(manager.acquireStorageMemory(3 * mb, excludingRDD: 6), "would need a block of RDD 6")
        XCTAssertEqual(store.blocks.count, 2, "a failed request evicts nothing")
    }

    func testStorageFractionIsValidated() throws {
        let conf = FlintConf(loadDefaults: false).set("flint.memory.storageFraction", "1.5")
        XCTAssertThrowsError(try MemoryManager(conf: conf)) { error in
            XCTAssertTrue("\(error)".contains("flint.memory.storageFraction"), "\(error)")
        }
    }
}
