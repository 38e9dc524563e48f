import XCTest
@testable import FlintSQL

final class WindowTests: SessionTestCase {
    /// dept, name, salary with a tie in eng.
    private func staff() throws -> DataFrame {
        try session.createDataFrame([
            [.string("eng"), .string("a"), .integer(100)], [.string("eng"), .string("b"), .integer(300)],
            [.string("eng"), .string("c"), .integer(300)], [.string("eng"), .string("d"), .integer(200)],
            [.string("ops"), .string("e"), .integer(50)], [.string("ops"), .string("f"), .integer(70)],
        ], schema: StructType([StructField("dept", .string), StructField("name", .string), StructField("salary", .integer)]))
    }

    func testRankingFunctions() throws {
        let window = Window.partitionBy("dept").orderBy(col("salary").desc())
        let rows = try staff().select(col("name"), row_number().over(window).alias("rn"), rank().over(window).alias("rank"),
                                      dense_rank().over(window).alias("dense"))
            .orderBy("name").collect()
        XCTAssertEqual(rows.map(\.description), ["[a,4,4,3]", "[b,1,1,1]", "[c,2,1,1]", "[d,3,3,2]", "[e,2,2,2]", "[f,1,1,1]"])
    }

    func testLagLeadAndRunningSums() throws {
        let window = Window.partitionBy("dept").orderBy("salary")
        let rows = try staff().select(col("name"), lag(col("salary")).over(window).alias("prev"),
                                      lead(col("salary"), 1, 0).over(window).alias("next"),
                                      sum("salary").over(window).alias("running"),
                                      sum("salary").over(Window.partitionBy("dept")).alias("total"),
                                      avg("salary").over(window.rowsBetween(-1, 0)).alias("pair"))
            .orderBy("name").collect()
        XCTAssertEqual(rows.map(\.description), [
            "[a,null,200,100,900,100.0]", "[b,200,300,900,900,250.0]", "[c,300,0,900,900,300.0]",
            "[d,100,300,300,900,150.0]", "[e,null,70,50,120,50.0]", "[f,50,0,120,120,60.0]",
        ])
    }

    func testRankingNeedsAnOrderedWindow() throws {
        XCTAssertThrowsError(try staff().select(row_number().over(Window.partitionBy("dept")))) { error in
            XCTAssertTrue("\(error)".contains("requires the window to be ordered"), "\(error)")
        }
    }
}
