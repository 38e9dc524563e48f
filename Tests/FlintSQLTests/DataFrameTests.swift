import Foundation
import XCTest
@testable import FlintCore
@testable import FlintSQL

/// A session on local[2] with 4 shuffle partitions, stopped at tear-down.
class SessionTestCase: XCTestCase {
    var session: FlintSession!

    /// Extra settings for the test's context.
    var extraConf: [String: String] { [:] }

    override func setUpWithError() throws {
        let conf = FlintConf(loadDefaults: false).setMaster("local[2]").setAppName(name)
            .set("flint.ui.showConsoleProgress", "false").set("flint.sql.shuffle.partitions", "4")
        for (key, value) in extraConf { conf.set(key, value) }
        session = FlintSession(context: try FlintContext(conf: conf))
    }

    override func tearDownWithError() throws {
        session?.stop()
        session = nil
    }

    /// name, dept, salary, age (with a null salary and a null dept).
    func people() throws -> DataFrame {
        let schema = StructType([StructField("name", .string), StructField("dept", .string),
                                 StructField("salary", .double), StructField("age", .integer)])
        return try session.createDataFrame([
            [.string("Alice"), .string("eng"), .double(120), .integer(34)],
            [.string("Bob"), .string("eng"), .double(100), .integer(45)],
            [.string("Carol"), .string("sales"), .double(90), .integer(29)],
            [.string("Dan"), .string("sales"), .null, .integer(51)],
            [.string("Eve"), .null, .double(70), .integer(38)],
        ], schema: schema)
    }
}

final class DataFrameTests: SessionTestCase {
    func testSelectFilterWithColumn() throws {
        let result = try people().filter(col("age") > 30).withColumn("bonus", col("salary") * 0.1)
            .select(col("name"), col("bonus")).orderBy("name").collect()
        XCTAssertEqual(result.map { $0[0] }, [.string("Alice"), .string("Bob"), .string("Dan"), .string("Eve")])
        XCTAssertEqual(result[0]["bonus"], .double(12))
        XCTAssertEqual(result[2]["bonus"], .null, "null salary gives a null bonus")
    }

    func testGroupByAggregates() throws {
        let result = try people().groupBy("dept")
            .agg(count("*").alias("n"), sum("salary").alias("total"), avg("age").alias("age"), max("salary"))
            .orderBy(col("dept").ascNullsLast()).collect()
        XCTAssertEqual(result.map(\.description), [
            "[eng,2,220.0,39.5,120.0]", "[sales,2,90.0,40.0,90.0]", "[null,1,70.0,38.0,70.0]",
        ])
        XCTAssertEqual(try people().agg(count("salary"), countDistinct("dept")).collect().map(\.description), ["[4,2]"])
    }

    func testGlobalAggregateOfEmptyInput() throws {
        let empty = try people().filter(col("age") > 100)
        XCTAssertEqual(try empty.agg(count("*"), sum("salary")).collect().map(\.description), ["[0,null]"])
        XCTAssertEqual(try empty.groupBy("dept").count().count(), 0)
    }

    func testJoinsWithNullKeys() throws {
        let depts = try session.createDataFrame([[.string("eng"), .string("Building 1")], [.string("hr"), .string("Building 2")],
                                                 [.null, .string("Nowhere")]],
                                                schema: StructType([StructField("dept", .string), StructField("building", .string)]))
        let inner = try people().join(depts, using: ["dept"]).select("name", "building").orderBy("name").collect()
        XCTAssertEqual(inner.map(\.description), ["[Alice,Building 1]", "[Bob,Building 1]"])
        let left = try people().join(depts, using: ["dept"], how: "left").count()
        XCTAssertEqual(left, 5)
        let full = try people().join(depts, using: ["dept"], how: "full").count()
        XCTAssertEqual(full, 7, "5 people, hr and the null-dept building unmatched")
        let anti = try people().join(depts, using: ["dept"], how: "left_anti").select("name").orderBy("name").collect()
        XCTAssertEqual(anti.map(\.description), ["[Carol]", "[Dan]", "[Eve]"])
        XCTAssertThrowsError(try people().join(depts, on: col("dept") === col("dept"), how: "semi"), "ambiguous") { error in
            XCTAssertTrue("\(error)".contains("AMBIGUOUS_REFERENCE"), "\(error)")
        }
    }

    func testJoinOnExpressionWithResidualCondition() throws {
        let a = try people().select(col("name").alias("a"), col("age").alias("x"))
        let b = try people().select(col("name").alias("b"), col("age").alias("y"))
        let pairs = try a.join(b, on: col("x") < col("y") && col("y") - col("x") < 8).orderBy("a", "b").collect()
        XCTAssertEqual(pairs.map { "\($0[0])-\($0[2])" }, ["Alice-Eve", "Bob-Dan", "Carol-Alice", "Eve-Bob"])
        XCTAssertEqual(try a.join(b, on: col("x") === col("y") && col("a") =!= col("b"), how: "left").count(), 5)
        XCTAssertEqual(try a.crossJoin(b).count(), 25)
        XCTAssertThrowsError(try a.join(b, on: col("x") === col("y"), how: "sideways")) { error in
            XCTAssertTrue("\(error)".contains("Unsupported join type 'sideways'"), "\(error)")
        }
    }

    func testDistinctUnionSetOperations() throws {
        let depts = try people().select("dept")
        XCTAssertEqual(try depts.distinct().count(), 3)
        XCTAssertEqual(try depts.union(depts).count(), 10)
        XCTAssertEqual(try depts.intersect(depts.filter(col("dept") === "eng")).collect().map(\.description), ["[eng]"])
        XCTAssertEqual(try depts.except(depts.filter(col("dept") === "eng")).count(), 2)
    }

    func testSortNullOrderingAndLimit() throws {
        let names = try people().orderBy(col("salary").desc(), col("name").asc()).limit(3).collect().map { $0[0] }
        XCTAssertEqual(names, [.string("Alice"), .string("Bob"), .string("Carol")])
        let nullsFirst = try people().orderBy(col("salary").asc()).first()
        XCTAssertEqual(nullsFirst?[0], .string("Dan"), "ascending puts nulls first")
    }

    func testUnknownColumnSuggestsNames() throws {
        XCTAssertThrowsError(try people().select(col("salry"))) { error in
            XCTAssertEqual("\(error)", "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `salry` "
                           + "cannot be resolved. Did you mean one of the following? [`salary`, `age`, `name`, `dept`].")
        }
    }

    func testShowAsSpark() throws {
        XCTAssertEqual(try people().select("name", "salary").showString(2), """
            +-----+------+
            | name|salary|
            +-----+------+
            |Alice| 120.0|
            |  Bob| 100.0|
            +-----+------+
            only showing top 2 rows

            """)
    }

    func testExpressionsAndNullLogic() throws {
        let frame = try people().select(
            (col("salary").isNull() || col("age") > 50).alias("flag"),
            when(col("age") < 30, "young").when(col("age") < 40, "mid").otherwise("senior").alias("band"),
            coalesce(col("dept"), lit("none")).alias("dept"), upper(col("name")).alias("upper"))
        let rows = try frame.collect()
        XCTAssertEqual(rows.map(\.description), [
            "[false,mid,eng,ALICE]", "[false,senior,eng,BOB]", "[false,young,sales,CAROL]",
            "[true,senior,sales,DAN]", "[false,mid,none,EVE]",
        ])
    }
}

final class DataFrameCacheTests: SessionTestCase {
    func testCachedFrameIsReadBackByLaterQueries() throws {
        let counter = CallCounter()
        let schema = StructType([StructField("id", .long)])
        let counted = session.context.range(0, 1000, numSlices: 2).mapPartitions { ids in
            ids.mapBatches { chunk in
                counter.add(chunk.count)
                return [ColumnBatch(schema: schema, columns: [ColumnVector(dataType: .long, storage: .int64(chunk.map(Int64.init)))],
                                    rowCount: chunk.count)]
            }
        }
        let frame = try session.createDataFrame(counted, schema: schema).withColumn("even", col("id") % 2 === 0).cache()
        XCTAssertTrue(frame.isCached)
        XCTAssertEqual(try frame.count(), 1000)
        XCTAssertEqual(try frame.filter(col("even")).count(), 500)
        XCTAssertEqual(try frame.groupBy("even").count().count(), 2)
        XCTAssertEqual(counter.value, 1000, "computed once, then read from the cache")
        XCTAssertTrue(try frame.filter(col("even")).explainString().contains("InMemoryTableScan"))
        // A frame cached on top of the cache reads it, also when computing its own cache.
        let halves = try frame.randomSplit([1, 1], seed: 3)
        let derived = try halves[0].union(halves[1]).filter(col("even")).cache()
        XCTAssertEqual(try derived.count(), 500)
        XCTAssertEqual(counter.value, 1000, "the derived cache is computed from the cached frame")
        frame.unpersist()
        XCTAssertEqual(try frame.count(), 1000)
        XCTAssertEqual(counter.value, 2000)
    }
}

/// Counts from task threads.
final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    var value: Int { lock.lock(); defer { lock.unlock() }; return total }
    func add(_ amount: Int) { lock.lock(); total += amount; lock.unlock() }
}

final class MissingValueTests: SessionTestCase {
    func testNaDropAndFill() throws {
        XCTAssertEqual(try people().na.drop().count(), 3)
        XCTAssertEqual(try people().na.drop(how: "all", subset: ["dept", "salary"]).count(), 5)
        XCTAssertEqual(try people().na.drop(minNonNulls: 4).count(), 3)
        let filled = try people().na.fill(0).na.fill("none").orderBy("name").collect()
        XCTAssertEqual(filled[3].description, "[Dan,sales,0.0,51]")
        XCTAssertEqual(filled[4].description, "[Eve,none,70.0,38]")
        XCTAssertThrowsError(try people().na.drop(how: "some"))
    }

    func testDescribeAndSummary() throws {
        let described = try people().describe("salary", "name").collect()
        XCTAssertEqual(described.map(\.description).filter { !$0.hasPrefix("[stddev") }, [
            "[count,4,5]", "[mean,95.0,null]", "[min,70.0,Alice]", "[max,120.0,Eve]",
        ])
        guard case let .string(deviation) = described[2][1] else { return XCTFail("stddev is a string cell") }
        XCTAssertEqual(Double(deviation)!, 20.81665999466133, accuracy: 1e-12, "Python's statistics.stdev")
        let summary = try people().select("age").summary().collect()
        XCTAssertEqual(summary.map(\.description), [
            "[count,5]", "[mean,39.4]", "[stddev,8.734987120768983]", "[min,29]", "[25%,34]", "[50%,38]", "[75%,45]", "[max,51]",
        ])
    }
}

final class StructFrameTests: SessionTestCase {
    struct Sale: Codable {
        let region: String
        let units: Int
        let price: Double
        let note: String?
        let tags: [String]
    }

    func testCreateDataFrameFromStructs() throws {
        let frame = try session.createDataFrame([
            Sale(region: "north", units: 3, price: 2.5, note: nil, tags: ["a"]),
            Sale(region: "south", units: 5, price: 1.0, note: "promo", tags: []),
            Sale(region: "north", units: 1, price: 4.0, note: nil, tags: ["b", "c"]),
        ])
        XCTAssertEqual(frame.dtypes.map { "\($0.0):\($0.1)" },
                       ["region:string", "units:bigint", "price:double", "note:string", "tags:array<string>"])
        let revenue = try frame.groupBy("region").agg(sum(col("units") * col("price")).alias("revenue")).orderBy("region").collect()
        XCTAssertEqual(revenue.map(\.description), ["[north,11.5]", "[south,5.0]"])
        XCTAssertEqual(try frame.filter(col("note").isNull()).count(), 2)
    }
}

final class PartitioningTests: SessionTestCase {
    private func numbers(_ n: Int64) throws -> DataFrame { session.range(0, n, numPartitions: 3) }

    func testRandomSplitIsDisjointCompleteAndRepeatable() throws {
        let frame = try numbers(10_000)
        let splits = try frame.randomSplit([0.7, 0.2, 0.1], seed: 42)
        let ids = try splits.map { try Set($0.collect().map { $0[0] }) }
        XCTAssertEqual(ids.map(\.count).reduce(0, +), 10_000)
        XCTAssertTrue(ids[0].isDisjoint(with: ids[1]) && ids[0].isDisjoint(with: ids[2]) && ids[1].isDisjoint(with: ids[2]))
        XCTAssertEqual(Double(ids[0].count), 7_000, accuracy: 300)
        XCTAssertEqual(Double(ids[2].count), 1_000, accuracy: 150)
        XCTAssertEqual(try Set(frame.randomSplit([0.7, 0.2, 0.1], seed: 42)[1].collect().map { $0[0] }), ids[1], "same seed, same rows")
        XCTAssertNotEqual(try Set(frame.randomSplit([0.7, 0.2, 0.1], seed: 7)[1].collect().map { $0[0] }), ids[1])
        XCTAssertEqual(Double(try frame.sample(fraction: 0.25, seed: 1).count()), 2_500, accuracy: 200)
        XCTAssertThrowsError(try frame.randomSplit([1, -1])) { XCTAssertTrue("\($0)".contains("Weights must be nonnegative"), "\($0)") }
        XCTAssertThrowsError(try frame.sample(fraction: 1.5)) { XCTAssertTrue("\($0)".contains("must be on interval [0, 1]"), "\($0)") }
        XCTAssertTrue(try splits[0].explainString().contains("Sample 0.0, 0.7"), try splits[0].explainString())
    }

    func testRepartitionAndCoalesce() throws {
        let frame = try numbers(10_000)
        let spread = try frame.repartition(5)
        XCTAssertEqual(try spread.batchRDD.numPartitions, 5)
        let sizes = try spread.batchRDD.mapPartitions { batches in
            var rows = 0
            try batches.forEach { rows += $0.rowCount }
            return BatchIterator([rows])
        }.collect()
        XCTAssertEqual(sizes.reduce(0, +), 10_000)
        XCTAssertTrue(sizes.allSatisfy { $0 > 1_500 }, "\(sizes)")
        XCTAssertEqual(try frame.coalesce(1).batchRDD.numPartitions, 1)
        XCTAssertEqual(try frame.coalesce(1).count(), 10_000)
        XCTAssertTrue(spread.explainString().contains("Exchange RoundRobinPartitioning(5)"), spread.explainString())
        XCTAssertThrowsError(try frame.repartition(0)) { XCTAssertTrue("\($0)".contains("must be positive"), "\($0)") }
    }
}
