import FlintCore
import Foundation
import XCTest
@testable import FlintSQL

/// `column = 'text'` filters pushed into CSV scans skip records before conversion, as Spark's
/// CSV filter pushdown, with the same results as the Filter alone.
final class CSVFilterPushdownTests: DirectoryTestCase {
    private let text = """
        id,cat,value
        1,a,1.5
        2,b,2.5
        3,"a",3.5
        4,,4.5
        5,NA,5.5
        6,\u{212A},6.5
        7,K,7.5
        8,a,8.5
        9,b,oops
        10,"a,b",10.5
        11,a ,11.5

        """

    private func frame(_ options: [String: String] = [:]) throws -> DataFrame {
        let url = directory.appendingPathComponent("data.csv")
        try Data(text.utf8).write(to: url)
        var reader = session.read.option("header", true).option("nullValue", "NA")
        for (key, value) in options { reader = reader.option(key, value) }
        return try reader.schema("id INT, cat STRING, value DOUBLE").csv(url.path)
    }

    /// The ids `cat = literal` selects, with the pushdown on and off.
    private func ids(_ literal: String, _ options: [String: String] = [:]) throws -> (pushed: [Int32], plain: [Int32]) {
        func run() throws -> [Int32] {
            try frame(options).filter(col("cat") === lit(literal)).select("id").collect().compactMap {
                if case let .integer(id) = $0[0] { id } else { nil }
            }.sorted()
        }
        let pushed = try run()
        session.conf.set("flint.sql.csv.filterPushdown.enabled", "false")
        defer { session.conf.set("flint.sql.csv.filterPushdown.enabled", "true") }
        return (pushed, try run())
    }

    func testPushedEqualitiesGiveTheFiltersResults() throws {
        let a = try ids("a")
        XCTAssertEqual(a.pushed, [1, 3, 8])
        XCTAssertEqual(a.pushed, a.plain)
        XCTAssertEqual(try ids("b").pushed, [2, 9])
        XCTAssertEqual(try ids("a,b").pushed, [10], "a quoted field is left to the Filter")
        XCTAssertEqual(try ids("K").pushed, try ids("K").plain, "a non-ASCII field is left to the Filter")
        XCTAssertEqual(try ids("a ").pushed, [11])
        XCTAssertEqual(try ids("NA").pushed, [], "the null value is null")
        XCTAssertEqual(try ids("").pushed, try ids("").plain)
    }

    func testSkippedRecordsAreNotConvertedAsInSpark() throws {
        // Record 9 ("oops" for a double) is malformed: FAILFAST fails on it unless the pushed
        // filter skips it first, as Spark's CSV filter pushdown does.
        let query = { try self.frame(["mode": "FAILFAST"]).filter(col("cat") === lit("a")).select("id", "value").collect() }
        XCTAssertEqual(try query().count, 3)
        session.conf.set("flint.sql.csv.filterPushdown.enabled", "false")
        XCTAssertThrowsError(try query()) { XCTAssertTrue("\($0)".contains("oops"), "\($0)") }
        session.conf.set("flint.sql.csv.filterPushdown.enabled", "maybe")
        XCTAssertThrowsError(try query()) { XCTAssertTrue("\($0)".contains("flint.sql.csv.filterPushdown.enabled"), "\($0)") }
        session.conf.set("flint.sql.csv.filterPushdown.enabled", "true")
    }

    func testTheDecoderCountsWhatItSkips() throws {
        let schema = StructType([StructField("k", .string), StructField("v", .long)])
        var decoder = try CSVBatchDecoder(schema: schema, options: try CSVOptions(DataSourceOptions([:])), path: "t.csv",
                                          containsHeader: false, rowFilters: [CSVRowFilter(column: 0, literal: Array("x".utf8))])
        var batches: [ColumnBatch] = []
        let lines = "x,1\ny,2\n\"x\",3\nx,4\n,5\n"
        try Array(lines.utf8).withUnsafeBufferPointer { try decoder.decode(text: $0, into: &batches) }
        if let last = decoder.finish() { batches.append(last) }
        XCTAssertEqual(batches.flatMap { batch in (0..<batch.rowCount).map { batch.columns[1].value(at: $0) } }, [.long(1), .long(3), .long(4)])
        XCTAssertEqual(decoder.filteredCount, 2, "y and the empty (null) field")
    }
}
