import XCTest
@testable import FlintSQL

final class OptimizerTests: SessionTestCase {
    func testFilterIsPushedBelowAJoinAndProjection() throws {
        let depts = try session.createDataFrame([[.string("eng"), .integer(1)]],
                                                schema: StructType([StructField("dept", .string), StructField("floor", .integer)]))
        let joined = try people().join(depts, using: ["dept"]).withColumn("senior", col("age") > 40)
            .filter(col("age") > 30 && col("floor") === 1)
        let optimized = PlanPrinter.logical(joined.optimizedPlan)
        let lines = optimized.split(separator: "\n")
        let joinLine = try XCTUnwrap(lines.firstIndex { $0.contains("Join Inner") }, optimized)
        let ageFilter = try XCTUnwrap(lines.firstIndex { $0.contains("Filter") && $0.contains("age") }, optimized)
        let floorFilter = try XCTUnwrap(lines.firstIndex { $0.contains("Filter") && $0.contains("floor") }, optimized)
        XCTAssertGreaterThan(ageFilter, joinLine, "the age filter runs below the join:\n\(optimized)")
        XCTAssertGreaterThan(floorFilter, joinLine, "the floor filter runs below the join:\n\(optimized)")
        XCTAssertEqual(try joined.select("name").collect().map(\.description), ["[Alice]", "[Bob]"])
        let explained = joined.explainString(extended: true)
        for section in ["== Parsed Logical Plan ==", "== Analyzed Logical Plan ==", "== Optimized Logical Plan ==",
                        "== Physical Plan ==", "BroadcastHashJoin", "BroadcastExchange"] {
            XCTAssertTrue(explained.contains(section), "missing \(section) in\n\(explained)")
        }
    }

    func testConstantFoldingAndBooleanSimplification() throws {
        let frame = try people().filter(lit(true) && col("age") > lit(20) + lit(10)).select((lit(2) * 3).alias("six"), col("name"))
        let optimized = PlanPrinter.logical(frame.optimizedPlan)
        XCTAssertTrue(optimized.contains("Filter (age#"), optimized)
        XCTAssertTrue(optimized.contains("> 30)"), optimized)
        XCTAssertTrue(optimized.contains("6 AS six#"), optimized)
        XCTAssertFalse(optimized.contains("true"), optimized)
        XCTAssertEqual(try frame.count(), 4)
    }

    func testAggregateShowsPartialAndFinalWithExchange() throws {
        let text = try people().groupBy("dept").agg(sum("salary")).explainString()
        XCTAssertEqual(text.split(separator: "\n").count, 6, text)
        XCTAssertTrue(text.contains("+- Project [dept#"), "columns not read are pruned: \(text)")
        XCTAssertTrue(text.contains("HashAggregate(keys=[dept#"), text)
        XCTAssertTrue(text.contains("functions=[partial_sum(salary#"), text)
        XCTAssertTrue(text.contains("+- Exchange hashpartitioning(dept#"), text)
        XCTAssertTrue(text.contains(", 4)"), "flint.sql.shuffle.partitions: \(text)")
    }
}

extension OptimizerTests {
    func testSortsUnderAggregatesAreDropped() throws {
        try people().createOrReplaceTempView("people")
        let frame = try session.sql("SELECT count(*), max(age) FROM (SELECT age FROM people ORDER BY age DESC) t")
        XCTAssertFalse(PlanPrinter.logical(frame.optimizedPlan).contains("Sort"), PlanPrinter.logical(frame.optimizedPlan))
        XCTAssertEqual(try frame.collect().map(\.description), ["[5,51]"])
        let ordered = try session.sql("SELECT first(name) FROM (SELECT name FROM people ORDER BY age DESC) t")
        XCTAssertTrue(PlanPrinter.logical(ordered.optimizedPlan).contains("Sort"), "first() keeps the order it reads")
    }
}

/// Joins with broadcasting turned off: every equi-join shuffles both sides.
final class ShuffledJoinTests: SessionTestCase {
    override var extraConf: [String: String] { ["flint.sql.autoBroadcastJoinThreshold": "-1"] }

    func testShuffledJoinsGiveTheSameResults() throws {
        let depts = try session.createDataFrame([[.string("eng"), .integer(1)], [.string("sales"), .integer(2)]],
                                                schema: StructType([StructField("dept", .string), StructField("floor", .integer)]))
        let joined = try people().join(depts, using: ["dept"], how: "left").select("name", "floor").orderBy("name")
        XCTAssertTrue(joined.explainString().contains("ShuffledHashJoin"), joined.explainString())
        XCTAssertTrue(joined.explainString().contains("Exchange hashpartitioning(dept#"), joined.explainString())
        XCTAssertEqual(try joined.collect().map(\.description),
                       ["[Alice,1]", "[Bob,1]", "[Carol,2]", "[Dan,2]", "[Eve,null]"])
        XCTAssertEqual(try people().join(depts, using: ["dept"], how: "anti").count(), 1)
        XCTAssertEqual(try people().join(depts, using: ["dept"], how: "semi").count(), 4)
    }

    func testBadSQLSettingsAreErrorsNamingTheKey() throws {
        defer {
            session.conf.set("flint.sql.autoBroadcastJoinThreshold", "-1")
            session.conf.set("flint.sql.shuffle.partitions", "4")
        }
        for (key, value) in [("flint.sql.autoBroadcastJoinThreshold", "ten megs"), ("flint.sql.shuffle.partitions", "0"),
                             ("flint.sql.shuffle.partitions", "many")] {
            session.conf.set(key, value)
            XCTAssertThrowsError(try people().collect()) { error in
                XCTAssertTrue("\(error)".contains(key) && "\(error)".contains(value), "\(error)")
            }
            session.conf.set("flint.sql.autoBroadcastJoinThreshold", "-1")
            session.conf.set("flint.sql.shuffle.partitions", "4")
        }
    }
}
