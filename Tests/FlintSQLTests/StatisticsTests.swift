import FlintCore
import Foundation
import XCTest
@testable import FlintSQL

/// Size estimates for choosing broadcast joins, as Spark's size-only statistics.
final class StatisticsTests: DirectoryTestCase {
    override var extraConf: [String: String] { ["flint.sql.autoBroadcastJoinThreshold": "600"] }

    /// A dimension table of 40 rows `key,name,weight`; returns the file's size.
    private func writeDimension() throws -> (path: String, size: Int) {
        var text = "key,name,weight\n"
        for key in 0..<40 { text += "\(key),name_\(key),\(Double(key) / 4)\n" }
        let url = directory.appendingPathComponent("dim.csv")
        try Data(text.utf8).write(to: url)
        return (url.path, text.utf8.count)
    }

    func testFileScansScaleToTheColumnsTheyReadAsSpark() throws {
        let (path, size) = try writeDimension()
        let dim = try session.read.option("header", true).schema("key BIGINT, name STRING, weight DOUBLE").csv(path)
        XCTAssertEqual(dim.optimizedPlan.estimatedSize(), size)
        // Rows of bigint, string, double: 8 + 8 + 20 + 8 = 44 bytes; key and weight: 8 + 8 + 8 = 24.
        let pruned = try dim.select("key", "weight")
        XCTAssertEqual(pruned.optimizedPlan.estimatedSize(), Int((Double(size) * 24 / 44).rounded(.up)))
        XCTAssertEqual(try dim.filter(col("weight") > 2).optimizedPlan.estimatedSize(), size, "a filter keeps its input's estimate")
        XCTAssertEqual(try dim.agg(count("*")).optimizedPlan.estimatedSize(), 16, "a global aggregate is one row of a bigint")
        XCTAssertEqual(try dim.limit(2).optimizedPlan.estimatedSize(), 2 * 44)
    }

    func testAPrunedDimensionIsBroadcastAndUniqueKeysJoinCorrectly() throws {
        let (path, size) = try writeDimension()
        XCTAssertGreaterThan(size, 600, "the whole file is over the threshold")
        let dim = try session.read.option("header", true).schema("key BIGINT, name STRING, weight DOUBLE").csv(path)
        var rows: [[Value]] = []
        for row in 0..<200 { rows.append([.long(Int64(row % 50)), .double(Double(row))]) }
        let facts = try session.createDataFrame(rows, schema: StructType([StructField("key", .long), StructField("value", .double)]))
        let joined = try facts.join(dim.select("key", "weight"), using: ["key"])
        XCTAssertTrue(joined.explainString().contains("BroadcastHashJoin"), joined.explainString())
        var expected = 0.0, matches = 0
        for row in 0..<200 where row % 50 < 40 {
            expected += Double(row) * Double(row % 50) / 4
            matches += 1
        }
        let totals = try joined.agg(count("*"), sum(col("value") * col("weight"))).collect()[0]
        XCTAssertEqual(totals[0], .long(Int64(matches)))
        XCTAssertEqual(totals[1].doubleValue ?? .nan, expected, accuracy: 1e-9)
        let wide = try facts.join(dim, using: ["key"])
        XCTAssertFalse(wide.explainString().contains("BroadcastHashJoin"), "every column of the file is over the threshold")
        XCTAssertEqual(try wide.count(), matches)
        let left = try facts.join(dim.select("key", "weight"), using: ["key"], how: "left")
        XCTAssertEqual(try left.count(), 200)
        XCTAssertEqual(try left.filter(col("weight").isNull()).count(), 40)
    }
}

/// Joins on the keys a side is already grouped by read that side in place (no second exchange).
final class JoinPartitioningTests: SessionTestCase {
    override var extraConf: [String: String] { ["flint.sql.autoBroadcastJoinThreshold": "-1"] }

    private func facts() throws -> DataFrame {
        var rows: [[Value]] = []
        for row in 0..<300 { rows.append([.long(Int64(row % 37)), .double(Double(row)), row % 11 == 0 ? .null : .string("c\(row % 3)")]) }
        return try session.createDataFrame(rows, schema: StructType([StructField("key", .long), StructField("value", .double),
                                                                     StructField("cat", .string)]))
    }

    func testAJoinWithAnAggregateOnItsKeysSkipsTheExchange() throws {
        let facts = try facts()
        facts.createOrReplaceTempView("facts")
        let query = try session.sql("""
            WITH totals AS (SELECT key, sum(value) AS total FROM facts GROUP BY key)
            SELECT f.key, f.value, t.total FROM facts f JOIN totals t ON f.key = t.key
            """)
        let plan = query.explainString()
        XCTAssertEqual(plan.components(separatedBy: "Exchange hashpartitioning").count - 1, 2,
                       "one exchange for the left side, one for the aggregate, none between the aggregate and the join: \(plan)")
        XCTAssertEqual(try query.batchRDD.numPartitions, 1,
                       "the aggregate's shuffle is coalesced to one group; the other side is read in the same group")
        var totals: [Int64: Double] = [:]
        for row in 0..<300 { totals[Int64(row % 37), default: 0] += Double(row) }
        let rows = try query.collect()
        XCTAssertEqual(rows.count, 300)
        for row in rows {
            guard case let .long(key) = row[0], case let .double(total) = row[2] else { return XCTFail("\(row)") }
            XCTAssertEqual(total, totals[key]!, accuracy: 1e-9)
        }

        // Both sides grouped by the key: neither is exchanged again.
        let counts = try facts.groupBy("key").agg(count("*").alias("n"))
        let both = try counts.join(try facts.groupBy("key").agg(max("value").alias("top")), using: ["key"])
        XCTAssertEqual(both.explainString().components(separatedBy: "Exchange hashpartitioning").count - 1, 2, both.explainString())
        session.conf.set("flint.sql.adaptive.coalescePartitions.enabled", "false")
        defer { session.conf.set("flint.sql.adaptive.coalescePartitions.enabled", "true") }
        XCTAssertEqual(try query.batchRDD.numPartitions, 4, "without coalescing, the shuffle partitions")
        XCTAssertEqual(try query.collect().count, 300)
        let tops = try both.collect()
        XCTAssertEqual(tops.count, 37)
        for row in tops {
            guard case let .long(key) = row[0], case let .long(n) = row[1], case let .double(top) = row[2] else { return XCTFail("\(row)") }
            XCTAssertEqual(n, key < 300 % 37 ? 9 : 8)
            XCTAssertEqual(top, Double(key + 37 * (n - 1)))
        }
    }

    func testRenamedOrRowPathAggregatesAreStillExchanged() throws {
        let facts = try facts()
        let renamed = try facts.groupBy("key").agg(sum("value").alias("total")).withColumnRenamed("key", "k")
        let joined = try facts.join(renamed, on: col("key") === col("k"))
        XCTAssertEqual(joined.explainString().components(separatedBy: "Exchange hashpartitioning").count - 1, 3, joined.explainString())
        XCTAssertEqual(try joined.count(), 300)
        // collect_list aggregates row by row (another partitioning): exchanged, and still right.
        let lists = try facts.groupBy("key").agg(collect_list("value").alias("values"))
        let withLists = try facts.join(lists, using: ["key"])
        XCTAssertEqual(withLists.explainString().components(separatedBy: "Exchange hashpartitioning").count - 1, 3, withLists.explainString())
        XCTAssertEqual(try withLists.count(), 300)
    }
}

/// `repartition(cols)`: rows with equal keys in one partition, read in place by a join on them.
/// Adaptive coalescing off, so that the partitions are the shuffle's.
final class RepartitionByExpressionTests: SessionTestCase {
    override var extraConf: [String: String] {
        ["flint.sql.autoBroadcastJoinThreshold": "-1", "flint.sql.adaptive.coalescePartitions.enabled": "false"]
    }

    func testRowsWithEqualKeysShareAPartitionAndAJoinReadsThemInPlace() throws {
        var rows: [[Value]] = []
        for row in 0..<500 { rows.append([.long(Int64(row % 41)), .double(Double(row))]) }
        let facts = try session.createDataFrame(rows, schema: StructType([StructField("key", .long), StructField("value", .double)]))
        let spread = try facts.repartition(col("key"))
        XCTAssertTrue(spread.explainString().contains("Exchange hashpartitioning(key#"), spread.explainString())
        let partitions = try spread.rdd.glom().collect()
        XCTAssertEqual(partitions.count, 4, "flint.sql.shuffle.partitions")
        XCTAssertEqual(partitions.map(\.count).reduce(0, +), 500)
        let keySets = partitions.map { Set($0.map { $0[0] }) }
        for (i, a) in keySets.enumerated() {
            for b in keySets[(i + 1)...] { XCTAssertTrue(a.isDisjoint(with: b), "a key in two partitions") }
        }
        XCTAssertEqual(try facts.repartition(3, col("key"), col("value")).rdd.numPartitions, 3)
        XCTAssertEqual(try facts.repartition("key").count(), 500)

        let other = try session.createDataFrame((0..<41).map { [.long(Int64($0)), .string("k\($0)")] },
                                                schema: StructType([StructField("key", .long), StructField("name", .string)]))
        let joined = try spread.join(try other.repartition("key"), using: ["key"])
        XCTAssertEqual(joined.explainString().components(separatedBy: "Exchange hashpartitioning").count - 1, 2,
                       "the two repartitions, no exchange for the join: \(joined.explainString())")
        let names = try joined.collect()
        XCTAssertEqual(names.count, 500)
        XCTAssertTrue(names.allSatisfy { row in row[2] == .string("k\(row[0].longValue ?? -1)") })

        session.conf.set("flint.sql.adaptive.coalescePartitions.enabled", "true")
        XCTAssertEqual(try spread.rdd.numPartitions, 1, "coalesced: a few kilobytes")
        XCTAssertEqual(try facts.repartition(3, col("key")).rdd.numPartitions, 3, "an explicit count is kept")
        XCTAssertEqual(try joined.collect().map(\.description).sorted(), names.map(\.description).sorted())
    }

    func testBadRepartitionsAreClearErrors() throws {
        let frame = try session.range(0, 10, numPartitions: 2)
        XCTAssertThrowsError(try frame.repartition(0, col("id"))) { XCTAssertTrue("\($0)".contains("must be positive"), "\($0)") }
        XCTAssertThrowsError(try frame.repartition(col("nope")).count()) { XCTAssertTrue("\($0)".contains("nope"), "\($0)") }
    }
}
