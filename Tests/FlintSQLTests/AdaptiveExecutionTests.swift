import FlintCore
import XCTest
@testable import FlintSQL

/// Shuffle partitions coalesced after the map side has run, as Spark's adaptive execution.
final class AdaptiveExecutionTests: SessionTestCase {
    override var extraConf: [String: String] {
        ["flint.sql.shuffle.partitions": "50", "flint.sql.autoBroadcastJoinThreshold": "-1"]
    }

    private func facts() throws -> DataFrame {
        try session.range(0, 20_000, numPartitions: 3).select((col("id") % 1_000).alias("k"), col("id"))
    }

    /// `frame`'s rows, sorted, and how many partitions produced them.
    private func run(_ frame: DataFrame) throws -> (rows: [String], partitions: Int) {
        (try frame.collect().map(\.description).sorted(), try frame.batchRDD.numPartitions)
    }

    func testSmallShufflesAreReadAsOnePartitionWithTheSameResults() throws {
        let grouped = try facts().groupBy("k").agg(count("*").alias("n"), sum("id").alias("s"))
        let adaptive = try run(grouped)
        XCTAssertEqual(adaptive.partitions, 1, "a few kilobytes: one task instead of 50")
        session.conf.set("flint.sql.adaptive.coalescePartitions.enabled", "false")
        defer { session.conf.set("flint.sql.adaptive.coalescePartitions.enabled", "true") }
        let plain = try run(grouped)
        XCTAssertEqual(plain.partitions, 50)
        XCTAssertEqual(adaptive.rows, plain.rows)
        XCTAssertEqual(adaptive.rows.count, 1_000)
    }

    func testBothSidesOfAJoinAreCoalescedAlikeAndTheAdvisorySizeIsHonoured() throws {
        session.conf.set("flint.sql.adaptive.advisoryPartitionSizeInBytes", "8k")
        session.conf.set("flint.sql.adaptive.coalescePartitions.minPartitionSize", "1k")
        let dimension = try session.range(0, 1_000, numPartitions: 2).select(col("id").alias("k"), (col("id") * 2).alias("w"))
        let joined = try facts().join(dimension, using: ["k"]).select("k", "id", "w")
        let adaptive = try run(joined)
        XCTAssertGreaterThan(adaptive.partitions, 1, "8 KB groups of about 300 KB of shuffle")
        XCTAssertLessThan(adaptive.partitions, 50)
        session.conf.set("flint.sql.adaptive.coalescePartitions.enabled", "false")
        let plain = try run(joined)
        XCTAssertEqual(plain.partitions, 50)
        XCTAssertEqual(adaptive.rows, plain.rows)
        XCTAssertEqual(adaptive.rows.count, 20_000)
    }

    func testBadAdaptiveSettingsAreErrorsNamingTheKey() throws {
        for (key, value) in [("flint.sql.adaptive.coalescePartitions.enabled", "maybe"),
                             ("flint.sql.adaptive.advisoryPartitionSizeInBytes", "huge"),
                             ("flint.sql.adaptive.coalescePartitions.minPartitionSize", "0")] {
            session.conf.set(key, value)
            XCTAssertThrowsError(try facts().groupBy("k").count().collect()) { error in
                XCTAssertTrue("\(error)".contains(key) && "\(error)".contains(value), "\(error)")
            }
            _ = session.conf.remove(key)
        }
    }
}
