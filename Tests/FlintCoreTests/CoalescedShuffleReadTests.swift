@testable import FlintCore
import XCTest

final class CoalescedShuffleReadTests: FlintTestCase {
    func testSpecsPackContiguousPartitionsUpToTheTarget() {
        let mb = 1 << 20
        // 64 MB advisory, 2 cores: 80 MB in all gives a 40 MB target.
        let sizes = [Int](repeating: mb / 5, count: 200)
        let specs = ShufflePartitionCoalescer.specs(bytesByPartition: [sizes, sizes], advisorySize: 64 * mb,
                                                    minPartitionSize: mb, minPartitions: 2)
        XCTAssertEqual(specs, [0..<100, 100..<200], "0.4 MB per partition over both shuffles, 40 MB a group")
        XCTAssertEqual(ShufflePartitionCoalescer.specs(bytesByPartition: [sizes, sizes], advisorySize: 20 * mb,
                                                       minPartitionSize: mb, minPartitions: 2),
                       [0..<50, 50..<100, 100..<150, 150..<200], "the advisory size caps the target")
        // Tiny shuffles: the minimum size wins, one group.
        XCTAssertEqual(ShufflePartitionCoalescer.specs(bytesByPartition: [[Int](repeating: 100, count: 200)], advisorySize: 64 * mb,
                                                       minPartitionSize: mb, minPartitions: 2), [0..<200])
        // A partition over the target stands alone; a small last group joins the one before.
        XCTAssertEqual(ShufflePartitionCoalescer.specs(bytesByPartition: [[3 * mb, 5 * mb, mb / 2, mb / 2, 4 * mb, 10]],
                                                       advisorySize: 4 * mb, minPartitionSize: mb, minPartitions: 1),
                       [0..<1, 1..<2, 2..<4, 4..<6])
        XCTAssertEqual(ShufflePartitionCoalescer.specs(bytesByPartition: [[]], advisorySize: mb, minPartitionSize: 1, minPartitions: 2), [])
        XCTAssertEqual(ShufflePartitionCoalescer.specs(bytesByPartition: [[0, 0, 0]], advisorySize: mb, minPartitionSize: 1,
                                                       minPartitions: 2), [0..<3])
    }

    func testMapStageRunsAheadAndACoalescedReadGivesTheSameGroups() throws {
        let pairs = sc.range(0, 10_000, numSlices: 3).map { ($0 % 97, 1) }
        let shuffled = try XCTUnwrap(pairs.reduceByKey(+, numPartitions: 8) as? ShuffledRDD<Int, Int, Int>)
        let sizes = try shuffled.runMapStage()
        XCTAssertEqual(sizes.count, 8)
        XCTAssertTrue(sizes.allSatisfy { $0 > 0 })
        XCTAssertEqual(sc.env.shuffleManager.mapOutputTracker.missingMaps(shuffled.shuffleDependency.shuffleId), [])
        let mapJob = try XCTUnwrap(sc.jobHistory.last)
        XCTAssertEqual(mapJob.stages.count, 1, "a job of the map stage alone")

        let coalesced = shuffled.coalesced([0..<3, 3..<4, 4..<8])
        XCTAssertEqual(coalesced.numPartitions, 3)
        XCTAssertEqual(coalesced.map { $0.1 }.filter { $0 > 0 }.coalescedShuffleSpecs, [0..<3, 3..<4, 4..<8], "through narrow steps")
        XCTAssertNil(shuffled.coalescedShuffleSpecs)
        XCTAssertNil(coalesced.repartition(2).coalescedShuffleSpecs)
        let parts = try coalesced.glom().collect()
        XCTAssertEqual(parts.flatMap { $0 }.sorted { $0.0 < $1.0 }.map(\.0), Array(0..<97))
        for (key, count) in parts.flatMap({ $0 }) {
            let expected: Int = key < 10_000 % 97 ? 10_000 / 97 + 1 : 10_000 / 97
            XCTAssertEqual(count, expected, "key \(key)")
        }
        let plain = try shuffled.glom().collect()
        XCTAssertEqual(Set(parts[0].map(\.0)), Set(plain[0...2].flatMap { $0 }.map(\.0)), "group 0 holds reduce partitions 0, 1, 2")
        let readJob = try XCTUnwrap(sc.jobHistory.dropLast().last)
        XCTAssertEqual(readJob.stages.first { $0.shuffleId != nil }?.status, .skipped, "the map outputs are reused")
    }
}
