import FlintCore
import Foundation
import XCTest
@testable import FlintSQL

/// Runtime semi-join reduction (Spark's InjectRuntimeFilter) and the pushdown of left semi joins.
final class SemiJoinReductionTests: DirectoryTestCase {
    override var extraConf: [String: String] { ["flint.sql.autoBroadcastJoinThreshold": "4000"] }

    private static let rows = 3000, keys = 300

    private static func value(_ row: Int) -> Double { Double(row % 17) }
    private static func weight(_ key: Int) -> Double { Double(key % 10) / 10 }

    /// `kv` (3000 rows over 300 keys, ~30 KB) and `dim` (300 keys, a few KB once pruned to
    /// key and weight) as temporary views over CSV files.
    private func registerViews() throws {
        var kv = "key,value,cat\n"
        for row in 0..<Self.rows { kv += "\(row % Self.keys),\(Self.value(row)),c\(row % 5)\n" }
        var dim = "key,name,weight\n"
        for key in 0..<Self.keys { dim += "\(key),name_\(key),\(Self.weight(key))\n" }
        for (name, text, schema) in [("kv", kv, "key BIGINT, value DOUBLE, cat STRING"),
                                     ("dim", dim, "key BIGINT, name STRING, weight DOUBLE")] {
            let url = directory.appendingPathComponent("\(name).csv")
            try Data(text.utf8).write(to: url)
            try session.read.option("header", true).schema(schema).csv(url.path).createOrReplaceTempView(name)
        }
    }

    private static let multiJoin = """
        WITH totals AS (SELECT key, sum(value) AS total FROM kv GROUP BY key)
        SELECT kv.cat, count(*) AS n, sum(kv.value * dim.weight) AS s, max(totals.total) AS top
        FROM kv JOIN dim ON kv.key = dim.key JOIN totals ON kv.key = totals.key
        WHERE dim.weight > 0.5 GROUP BY kv.cat ORDER BY kv.cat
        """

    func testTheAggregatedSideOfAShuffleJoinIsReducedByTheFilteredDimensionAndAnswersStayTheSame() throws {
        try registerViews()
        // Independently: per-key totals over all rows, then the filtered join per category.
        var totals = [Double](repeating: 0, count: Self.keys)
        for row in 0..<Self.rows { totals[row % Self.keys] += Self.value(row) }
        var expected: [String: (n: Int64, s: Double, top: Double)] = [:]
        for row in 0..<Self.rows where Self.weight(row % Self.keys) > 0.5 {
            let key = row % Self.keys
            var entry = expected["c\(row % 5)", default: (0, 0, -.infinity)]
            entry.n += 1
            entry.s += Self.value(row) * Self.weight(key)
            entry.top = max(entry.top, totals[key])
            expected["c\(row % 5)"] = entry
        }
        for enabled in [true, false] {
            session.conf.set("flint.sql.optimizer.runtimeFilter.semiJoinReduction.enabled", String(enabled))
            let frame = try session.sql(Self.multiJoin)
            let physical = frame.explainString()
            XCTAssertEqual(physical.contains("LeftSemi"), enabled, physical)
            if enabled {
                let optimized = PlanPrinter.logical(frame.optimizedPlan)
                let lines = optimized.split(separator: "\n")
                let aggregate = try XCTUnwrap(lines.firstIndex { $0.contains("Aggregate [key#") }, optimized)
                let semi = try XCTUnwrap(lines.firstIndex { $0.contains("LeftSemi") }, optimized)
                XCTAssertGreaterThan(semi, aggregate, "the semi join runs below the totals' aggregate:\n\(optimized)")
            }
            let result = try frame.collect()
            XCTAssertEqual(result.map { $0.values[0] }, expected.keys.sorted().map { Value.string($0) })
            for row in result {
                guard case let .string(cat) = row.values[0], let want = expected[cat] else { return XCTFail("\(row)") }
                XCTAssertEqual(row.values[1], .long(want.n))
                XCTAssertEqual(row.values[2].doubleValue ?? .nan, want.s, accuracy: 1e-9)
                XCTAssertEqual(row.values[3].doubleValue ?? .nan, want.top, accuracy: 1e-9)
            }
        }
    }

    func testNoReductionWhenTheFilteredRelationIsTooLargeToBroadcast() throws {
        try registerViews()
        session.conf.set("flint.sql.autoBroadcastJoinThreshold", "1000")
        XCTAssertFalse(try session.sql(Self.multiJoin).explainString().contains("LeftSemi"))
    }

    func testALeftSemiJoinOnGroupingKeysRunsBelowTheAggregate() throws {
        try registerViews()
        let reduced = try session.sql("""
            SELECT * FROM (SELECT key, sum(value) AS total FROM kv GROUP BY key) t
            LEFT SEMI JOIN (SELECT key FROM dim WHERE weight > 0.5) d ON t.key = d.key
            """)
        let optimized = PlanPrinter.logical(reduced.optimizedPlan)
        let lines = optimized.split(separator: "\n")
        let aggregate = try XCTUnwrap(lines.firstIndex { $0.contains("Aggregate [key#") }, optimized)
        let semi = try XCTUnwrap(lines.firstIndex { $0.contains("LeftSemi") }, optimized)
        XCTAssertGreaterThan(semi, aggregate, optimized)
        var expected: [Int64: Double] = [:]
        for row in 0..<Self.rows where Self.weight(row % Self.keys) > 0.5 { expected[Int64(row % Self.keys), default: 0] += Self.value(row) }
        var actual: [Int64: Double] = [:]
        for row in try reduced.collect() {
            guard case let .long(key) = row.values[0] else { return XCTFail("\(row)") }
            actual[key] = row.values[1].doubleValue
        }
        XCTAssertEqual(actual, expected)
    }

    func testASemiJoinOnTheRightSideAloneStaysAboveAGlobalAggregate() throws {
        try registerViews()
        let none = try session.sql("SELECT * FROM (SELECT count(*) AS n FROM kv) c LEFT SEMI JOIN dim ON dim.weight > 100")
        XCTAssertEqual(try none.collect().count, 0, "no dim row has weight > 100, so the one count row is dropped")
        let some = try session.sql("SELECT * FROM (SELECT count(*) AS n FROM kv) c LEFT SEMI JOIN dim ON dim.weight > 0.5")
        XCTAssertEqual(try some.collect().map(\.values), [[.long(Int64(Self.rows))]])
    }
}
