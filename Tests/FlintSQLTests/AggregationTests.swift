import XCTest
@testable import FlintCore
@testable import FlintSQL

final class AggregationTests: SessionTestCase {
    func testColumnarAggregatesMatchAPlainComputation() throws {
        var generator = SeededRandom(seed: 7)
        var rows: [[Value]] = []
        for _ in 0..<10_000 {
            let key: Value = generator.nextDouble() < 0.05 ? .null : .long(Int64(Int(generator.nextDouble() * 97)))
            let value: Value = generator.nextDouble() < 0.1 ? .null : .double((generator.nextDouble() * 1000).rounded() / 4)
            let day: Value = .date(Int32(Int(generator.nextDouble() * 20_000)))
            rows.append([key, value, day])
        }
        let frame = try session.createDataFrame(rows, schema: StructType([StructField("k", .long), StructField("v", .double),
                                                                          StructField("d", .date)]))
        let result = try frame.groupBy("k").agg(count("*"), count("v"), sum("v"), avg("v"), min("v"), max("d")).collect()
        var expected: [Value: (rows: Int, count: Int, sum: Double, min: Double, maxDay: Int32)] = [:]
        for row in rows {
            var entry = expected[row[0]] ?? (0, 0, 0, .infinity, .min)
            entry.rows += 1
            if let v = row[1].doubleValue {
                entry.count += 1
                entry.sum += v
                entry.min = Swift.min(entry.min, v)
            }
            if case let .date(day) = row[2] { entry.maxDay = Swift.max(entry.maxDay, day) }
            expected[row[0]] = entry
        }
        XCTAssertEqual(result.count, expected.count)
        for row in result {
            let entry = try XCTUnwrap(expected[row[0]])
            XCTAssertEqual(row[1], .long(Int64(entry.rows)))
            XCTAssertEqual(row[2], .long(Int64(entry.count)))
            XCTAssertEqual(row[3].doubleValue ?? .nan, entry.sum, accuracy: 1e-6)
            XCTAssertEqual(row[4].doubleValue ?? .nan, entry.sum / Double(entry.count), accuracy: 1e-9)
            XCTAssertEqual(row[5], .double(entry.min))
            XCTAssertEqual(row[6], .date(entry.maxDay))
        }
        // DISTINCT and other aggregates take the general path and agree with it.
        let distinct = try frame.groupBy("k").agg(countDistinct("v"), sum("v")).collect()
        XCTAssertEqual(distinct.count, expected.count)
        for row in distinct { XCTAssertEqual(row[2].doubleValue ?? .nan, expected[row[0]]!.sum, accuracy: 1e-6) }
    }
}

/// Aggregation with a 4 MiB executor (2.4 MiB pool): the map-side group tables must flush.
final class MemoryBoundedAggregationTests: SessionTestCase {
    override var extraConf: [String: String] { ["flint.executor.memory": "4m"] }

    func testManyGroupsUnderASmallBudgetStayExact() throws {
        let groups = 150_000
        let frame = try session.range(0, Int64(groups * 3), numPartitions: 2).select((col("id") % groups).alias("k"), col("id"))
        let result = try frame.groupBy("k").agg(count("*").alias("n"), sum("id").alias("s")).agg(
            count("*"), min("n"), max("n"), sum("s")).collect()
        let total = (0..<Int64(groups * 3)).reduce(0, +)
        XCTAssertEqual(result.map(\.description), ["[\(groups),3,3,\(total)]"])
        // The map stage runs in a job of its own (adaptive coalescing reads its sizes first).
        let mapStage = try XCTUnwrap(session.context.jobHistory.flatMap(\.stages).filter { $0.parentIds.isEmpty }
            .max { $0.metrics.shuffleRecordsWritten < $1.metrics.shuffleRecordsWritten })
        XCTAssertGreaterThan(mapStage.metrics.shuffleRecordsWritten, 2 * 4,
                             "each map task flushed its group table more than once")
    }
}
