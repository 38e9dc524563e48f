import Foundation
import XCTest
@testable import FlintCore
@testable import FlintSQL

/// Aggregation, joins and sorting with a 4 MiB executor (a 2.4 MiB pool shared by two tasks):
/// the reduce sides must spill to disk, still give exactly the answers computed here in plain
/// Swift from the same generated rows, and leave no spill file behind.
final class SpillTests: SessionTestCase {
    override var extraConf: [String: String] {
        ["flint.executor.memory": "4m", "flint.sql.autoBroadcastJoinThreshold": "-1"]
    }

    // MARK: - Aggregation

    func testColumnarGroupBySpillsOnTheReduceSideAndIsExact() throws {
        let keys: Int64 = 200_000
        try session.range(0, 2 * keys, numPartitions: 2).createOrReplaceTempView("numbers")
        let result = try session.sql("""
            SELECT id % \(keys) AS k, count(*), sum(id * 7919 % 997), avg(id * 7919 % 997),
                   min(id * 7919 % 997), max(id * 7919 % 997)
            FROM numbers GROUP BY id % \(keys)
            """).collect()
        let expected = (0..<keys).map { k -> [Value] in
            let values = [k, k + keys].map { $0 * 7919 % 997 }
            let sum = values.reduce(0, +)
            return [.long(k), .long(2), .long(sum), .double(Double(sum) / 2), .long(values.min()!), .long(values.max()!)]
        }
        assertSameRows(result, expected)
        try assertResultStageSpilled()
    }

    func testGeneralGroupBySpillsAndIsExact() throws {
        let keys: Int64 = 100_000
        try session.range(0, 2 * keys, numPartitions: 2).createOrReplaceTempView("numbers")
        let result = try session.sql("""
            SELECT k, count(DISTINCT v), collect_list(v), max(v)
            FROM (SELECT id % \(keys) AS k, CASE WHEN id % 13 = 0 THEN NULL ELSE id * 7919 % 997 END AS v FROM numbers)
            GROUP BY k
            """).collect()
        // collect_list's order depends on which task ran first: compare lists sorted.
        let sortedLists = result.map { row -> Row in
            guard case let .array(values) = row[2] else { return row }
            return Row([row[0], row[1], .array(values.sorted { Value.compare($0, $1) < 0 }), row[3]])
        }
        let expected = (0..<keys).map { k -> [Value] in
            let values = [k, k + keys].filter { $0 % 13 != 0 }.map { $0 * 7919 % 997 }.sorted()
            return [.long(k), .long(Int64(Set(values).count)), .array(values.map(Value.long)), values.max().map(Value.long) ?? .null]
        }
        assertSameRows(sortedLists, expected)
        try assertResultStageSpilled()
    }

    // MARK: - Joins

    /// Left: 200k rows, keys 0..<150k (the first 50k twice), every 101st key null.
    /// Right: 200k rows, keys 60k..<180k (the first 80k twice), every 103rd key null.
    private func joinRows(_ how: String) throws -> [Row] {
        try session.range(0, 200_000, numPartitions: 2).createOrReplaceTempView("numbers")
        let left = try session.sql("SELECT id AS lid, CASE WHEN id % 101 = 0 THEN NULL ELSE id % 150000 END AS lk FROM numbers")
        let right = try session.sql("SELECT id AS rid, CASE WHEN id % 103 = 0 THEN NULL ELSE id % 120000 + 60000 END AS rk FROM numbers")
        let joined = try left.join(right, on: col("lk") === col("rk"), how: how)
        return try (how.hasPrefix("left_") ? joined.select("lid") : joined.select("lid", "rid")).collect()
    }

    /// The expected rows of joining `joinRows`'s sides: (lid, rid) pairs, nil for a missing
    /// side, or the left ids alone for semi and anti joins.
    private func expectedJoin(_ how: String) -> [[Value]] {
        let ids = Array(Int64(0)..<200_000)
        let leftKeys = ids.map { $0 % 101 == 0 ? nil : $0 % 150_000 }
        let rightKeys = ids.map { $0 % 103 == 0 ? nil : $0 % 120_000 + 60_000 }
        var rightIds: [Int64: [Int64]] = [:]
        for (rid, key) in zip(ids, rightKeys) { if let key { rightIds[key, default: []].append(rid) } }
        var rows: [[Value]] = []
        var matchedRight = Set<Int64>()
        for (lid, key) in zip(ids, leftKeys) {
            let matches = key.flatMap { rightIds[$0] } ?? []
            switch how {
            case "left_semi": if !matches.isEmpty { rows.append([.long(lid)]) }
            case "left_anti": if matches.isEmpty { rows.append([.long(lid)]) }
            default:
                rows += matches.map { [.long(lid), .long($0)] }
                matchedRight.formUnion(matches)
                if matches.isEmpty, how == "left" || how == "full" { rows.append([.long(lid), .null]) }
            }
        }
        if how == "right" || how == "full" {
            rows += ids.filter { !matchedRight.contains($0) }.map { [.null, .long($0)] }
        }
        return rows
    }

    private func checkJoin(_ how: String, file: StaticString = #filePath, line: UInt = #line) throws {
        assertSameRows(try joinRows(how), expectedJoin(how), file: file, line: line)
        try assertResultStageSpilled(file: file, line: line)
    }

    func testInnerJoinSpillsAndIsExact() throws { try checkJoin("inner") }
    func testLeftOuterJoinSpillsAndIsExact() throws { try checkJoin("left") }
    func testRightOuterJoinSpillsAndIsExact() throws { try checkJoin("right") }
    func testFullOuterJoinSpillsAndIsExact() throws { try checkJoin("full") }
    func testLeftSemiJoinSpillsAndIsExact() throws { try checkJoin("left_semi") }
    func testLeftAntiJoinSpillsAndIsExact() throws { try checkJoin("left_anti") }

    // MARK: - Sort

    func testGlobalOrderBySpillsAndIsExact() throws {
        let count: Int64 = 100_000
        try session.range(0, count, numPartitions: 2).createOrReplaceTempView("numbers")
        let result = try session.sql("""
            SELECT CASE WHEN id % 11 = 0 THEN NULL ELSE id * 7919 % 100003 END AS k, id FROM numbers
            ORDER BY k DESC NULLS LAST, id
            """).collect()
        let keys = (0..<count).map { $0 % 11 == 0 ? nil : $0 * 7919 % 100_003 }
        let expected = (0..<count).sorted { a, b in
            switch (keys[Int(a)], keys[Int(b)]) {
            case let (x?, y?): return x != y ? x > y : a < b
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a < b
            }
        }.map { [keys[Int($0)].map(Value.long) ?? .null, .long($0)] }
        XCTAssertEqual(result.count, expected.count)
        XCTAssertTrue(result.map(\.values) == expected, "the rows are not in ORDER BY order")
        try assertResultStageSpilled()
    }

    func testSortWithinPartitionsSpillsAndSortsEachPartition() throws {
        let count: Int64 = 100_000
        let frame = try session.range(0, count, numPartitions: 2).withColumn("k", (col("id") * 7919) % 100_003)
        let sorted = try frame.sortWithinPartitions(col("k").desc())
        XCTAssertFalse(sorted.explainString().contains("Exchange"), sorted.explainString())
        let partitions = try sorted.rdd.glom().collect()
        XCTAssertEqual(partitions.count, 2)
        for (index, rows) in partitions.enumerated() {
            let half = count / 2
            let expected = (Int64(index) * half..<(Int64(index) + 1) * half).map { $0 * 7919 % 100_003 }.sorted(by: >)
            XCTAssertEqual(rows.map { $0[1].longValue ?? -1 }, expected, "partition \(index) in descending k, with its own rows")
        }
        try assertResultStageSpilled()
    }

    func testWindowOverManyPartitionsUnderPressureIsExact() throws {
        let count: Int64 = 60_000
        try session.range(0, count, numPartitions: 2).createOrReplaceTempView("numbers")
        let rows = try session.sql("""
            SELECT id, id % 500 AS g, row_number() OVER (PARTITION BY id % 500 ORDER BY id DESC) AS rn,
                   sum(id) OVER (PARTITION BY id % 500) AS total
            FROM numbers
            """).collect()
        XCTAssertEqual(rows.count, Int(count))
        let perGroup = count / 500
        for row in rows {
            guard case let .long(id) = row[0] else { return XCTFail("\(row)") }
            let group = id % 500
            // Members of group g are g, g + 500, ...: the largest is first.
            XCTAssertEqual(row[2], .integer(Int32(perGroup - id / 500)), "row \(id)")
            XCTAssertEqual(row[3].longValue, perGroup * group + 500 * perGroup * (perGroup - 1) / 2, "row \(id)")
        }
    }

    // MARK: - Helpers

    /// Checks that the last job's result stage (the reduce side of its last shuffle) spilled to
    /// disk, and that no spill file outlived its task.
    private func assertResultStageSpilled(file: StaticString = #filePath, line: UInt = #line) throws {
        let job = try XCTUnwrap(session.context.jobHistory.last, file: file, line: line)
        let stage = try XCTUnwrap(job.stages.first { $0.shuffleId == nil }, file: file, line: line)
        XCTAssertGreaterThan(stage.metrics.diskBytesSpilled, 0, "the reduce side must spill", file: file, line: line)
        XCTAssertGreaterThan(stage.metrics.memoryBytesSpilled, 0, file: file, line: line)
        let spills = session.context.env.shuffleManager.rootDirectory.appendingPathComponent("spill")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: spills.path), [], "spill files are deleted",
                       file: file, line: line)
    }
}

/// A 1 MiB pool and one reduce partition: spill buckets are themselves too big and are split
/// again, and a bucket of one heavy key reaches the last level and is joined in memory.
final class RecursiveSpillTests: SessionTestCase {
    override var extraConf: [String: String] {
        ["flint.executor.memory": "1m", "flint.sql.shuffle.partitions": "1", "flint.sql.autoBroadcastJoinThreshold": "-1"]
    }

    func testBucketsTooBigForMemoryAreSplitAgain() throws {
        let keys: Int64 = 200_000
        try session.range(0, keys, numPartitions: 2).createOrReplaceTempView("numbers")
        let result = try session.sql("SELECT id % \(keys) AS k, count(*), sum(id) FROM numbers GROUP BY id % \(keys)").collect()
        assertSameRows(result, (0..<keys).map { [.long($0), .long(1), .long($0)] })
        let job = try XCTUnwrap(session.context.jobHistory.last)
        XCTAssertGreaterThan(try XCTUnwrap(job.stages.first { $0.shuffleId == nil }).metrics.diskBytesSpilled, 0)
    }

    func testJoinOnOneHeavyKeyIsExact() throws {
        try session.range(0, 50_000, numPartitions: 2).createOrReplaceTempView("numbers")
        // Half the right rows share key 7: their bucket cannot be split by hashing.
        let right = try session.sql("SELECT id AS rid, CASE WHEN id % 2 = 0 THEN 7 ELSE id END AS rk FROM numbers")
        let left = try session.sql("SELECT id AS lid, id % 25000 AS lk FROM numbers")
        let result = try left.join(right, on: col("lk") === col("rk")).select("lid", "rid").collect()
        var expected: [[Value]] = []
        for lid in Int64(0)..<50_000 {
            let key = lid % 25_000
            if key == 7 { expected += stride(from: Int64(0), to: 50_000, by: 2).map { [.long(lid), .long($0)] } }
            if key % 2 == 1 { expected.append([.long(lid), .long(key)]) }
        }
        assertSameRows(result, expected)
        let job = try XCTUnwrap(session.context.jobHistory.last)
        XCTAssertGreaterThan(try XCTUnwrap(job.stages.first { $0.shuffleId == nil }).metrics.diskBytesSpilled, 0)
    }
}

/// Compares rows as multisets (the order of a shuffle's output is not defined).
func assertSameRows(_ actual: [Row], _ expected: [[Value]], file: StaticString = #filePath, line: UInt = #line) {
    var surplus: [[Value]: Int] = [:]
    for row in expected { surplus[row, default: 0] += 1 }
    for row in actual { surplus[row.values, default: 0] -= 1 }
    let differing = surplus.filter { $0.value != 0 }
    XCTAssertEqual(actual.count, expected.count, "row count", file: file, line: line)
    XCTAssertTrue(differing.isEmpty, "\(differing.count) rows differ (count expected minus actual), e.g. "
                  + "\(differing.prefix(4).map { "\($0.key): \($0.value)" })", file: file, line: line)
}

/// The same operators with the default budget must not spill: the spill machinery costs
/// nothing on the common path.
final class NoSpillTests: SessionTestCase {
    func testAggregateJoinAndSortStayInMemoryWithinBudget() throws {
        try session.range(0, 20_000, numPartitions: 2).createOrReplaceTempView("numbers")
        let queries = [
            "SELECT id % 5000, count(*), avg(id) FROM numbers GROUP BY id % 5000",
            "SELECT id % 5000, collect_list(id) FROM numbers GROUP BY id % 5000",
            "SELECT a.id, b.id FROM numbers a FULL OUTER JOIN numbers b ON a.id = b.id % 7000",
            "SELECT id FROM numbers ORDER BY id % 97, id",
        ]
        for query in queries {
            XCTAssertGreaterThan(try session.sql(query).count(), 0, query)
            let job = try XCTUnwrap(session.context.jobHistory.last)
            XCTAssertEqual(job.metrics.diskBytesSpilled, 0, query)
        }
    }
}
