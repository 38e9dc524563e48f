import XCTest
@testable import FlintSQL
import FlintCore

final class ColumnarTests: XCTestCase {
    func testBuilderKeepsValuesAndNulls() {
        var builder = ColumnBuilder(dataType: .long)
        builder.append(.long(5))
        builder.appendNull()
        builder.append(.integer(7))
        let column = builder.finish()
        XCTAssertEqual(column.count, 3)
        XCTAssertEqual(column.value(at: 0), .long(5))
        XCTAssertTrue(column.isNull(1))
        XCTAssertEqual(column.value(at: 2), .long(7), "an int widens into a bigint column")
        let picked = column.gather([2, 1])
        XCTAssertEqual(picked.value(at: 0), .long(7))
        XCTAssertTrue(picked.isNull(1))
        XCTAssertNil(column.gather([0, 2]).validity, "no nulls, no bitmap")
    }

    func testBatchRoundTripsRows() {
        let schema = StructType([StructField("name", .string), StructField("born", .date), StructField("score", .double)])
        let rows: [[Value]] = [[.string("a"), .date(0), .double(1.5)], [.null, .date(19_000), .null]]
        let batch = ColumnBatch(schema: schema, rows: rows)
        XCTAssertEqual(batch.rowCount, 2)
        XCTAssertEqual(batch.row(at: 1), rows[1])
        XCTAssertEqual(batch.rows[0].description, "[a,1970-01-01,1.5]")
        XCTAssertEqual(batch.rows[0]["SCORE"], .double(1.5))
    }

    func testBitmapOperations() {
        let a = Bitmap([true, false, true, true])
        let b = Bitmap([true, true, false, true])
        XCTAssertEqual(a.and(b).setIndices, [0, 3])
        XCTAssertEqual(a.or(b).cardinality, 4)
        XCTAssertTrue(Bitmap(count: 130, value: true).isAllSet)
        XCTAssertEqual(Bitmap(count: 130, value: true).cardinality, 130)
    }

    func testDatesAndTimestampsAsSparkPrintsThem() {
        XCTAssertEqual(DateTimeFormat.formatDate(0), "1970-01-01")
        XCTAssertEqual(DateTimeFormat.parseDate("2024-02-29"), 19_782)
        XCTAssertNil(DateTimeFormat.parseDate("2023-02-29"))
        XCTAssertEqual(DateTimeFormat.formatDate(-1), "1969-12-31")
        let micros = DateTimeFormat.parseTimestamp("2024-02-29 13:45:07.25")
        XCTAssertEqual(micros.map(DateTimeFormat.formatTimestamp), "2024-02-29 13:45:07.25")
        XCTAssertEqual(DateTimeFormat.parseTimestamp("1970-01-01T00:00:01Z"), 1_000_000)
    }

    func testValuesPrintLikeJava() {
        XCTAssertEqual(Value.double(1).description, "1.0")
        XCTAssertEqual(Value.double(1e10).description, "1.0E10")
        XCTAssertEqual(Value.double(0.0001).description, "1.0E-4")
        XCTAssertEqual(Value.double(.nan).description, "NaN")
        XCTAssertEqual(Value.double(123.25).description, "123.25")
    }

    func testSchemaTreeStringAndTypes() {
        let schema = StructType([StructField("id", .long, nullable: false),
                                 StructField("tags", .array(element: .string, containsNull: true))])
        XCTAssertEqual(schema.treeString, """
            root
             |-- id: long (nullable = false)
             |-- tags: array (nullable = true)
             |    |-- element: string (containsNull = true)
            """)
        XCTAssertEqual(DataType.parse("BIGINT"), .long)
        XCTAssertEqual(DataType.integer.widened(with: .double), .double)
        XCTAssertNil(DataType.string.widened(with: .integer))
    }
}

extension ColumnarTests {
    func testScientificNotationCases() {
        XCTAssertEqual(Value.double(1.2345e20).description, "1.2345E20")
        XCTAssertEqual(Value.double(-2.5e-7).description, "-2.5E-7")
        XCTAssertEqual(Value.double(12_345_678).description, "1.2345678E7")
        XCTAssertEqual(Value.double(9_999_999).description, "9999999.0")
        XCTAssertEqual(Value.double(0.001).description, "0.001")
        XCTAssertEqual(Value.float(1.5).description, "1.5")
    }
}

extension ColumnarTests {
    func testValuesAndBatchesRoundTripThroughTheShuffleEncoding() throws {
        let values: [Value] = [.null, .boolean(true), .integer(-7), .long(1 << 40), .float(1.5), .double(-0.25), .string("héllo"),
                               .date(19_000), .timestamp(-5), .array([.integer(1), .null]), .structure([.string("a"), .long(2)])]
        var writer = ByteWriter()
        for value in values { value.serialize(into: &writer) }
        var reader = ByteReader(writer.withUnsafeBytes { Array($0) })
        XCTAssertEqual(try values.map { _ in try Value.deserialize(from: &reader) }, values)
        XCTAssertTrue(reader.isAtEnd)

        let schema = StructType([StructField("s", .string), StructField("n", .long), StructField("d", .date),
                                 StructField("a", .array(element: .integer, containsNull: true))])
        let batch = ColumnBatch(schema: schema, rows: [[.string("x"), .null, .date(3), .array([.integer(1)])],
                                                       [.null, .long(9), .null, .null]])
        var batchWriter = ByteWriter()
        batch.serialize(into: &batchWriter)
        var batchReader = ByteReader(batchWriter.withUnsafeBytes { Array($0) })
        let back = try ColumnBatch.deserialize(from: &batchReader)
        XCTAssertEqual(back.schema, schema)
        XCTAssertEqual(back.rows, batch.rows)
    }
}
