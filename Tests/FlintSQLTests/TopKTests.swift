import FlintCore
import XCTest
@testable import FlintSQL

/// `ORDER BY ... LIMIT n` (Spark's TakeOrderedAndProject) against sorting everything.
final class TopKTests: SessionTestCase {
    /// 3000 rows over 6 partitions: duplicate keys, nulls in both sort columns.
    private func frame() throws -> DataFrame {
        var rows: [[Value]] = []
        for index in 0..<3000 {
            let a: Value = index % 97 == 0 ? .null : .long(Int64((index * 7919) % 50))
            let b: Value = index % 13 == 0 ? .null : .string("s\((index * 31) % 200)")
            rows.append([a, b, .long(Int64(index))])
        }
        let schema = StructType([StructField("a", .long), StructField("b", .string), StructField("id", .long)])
        return try session.createDataFrame(rows, schema: schema).repartition(6)
    }

    func testTopRowsEqualTheFirstRowsOfAFullSort() throws {
        let data = try frame()
        let orderings: [(String, (DataFrame) throws -> DataFrame)] = [
            ("a, id", { try $0.orderBy(col("a").asc(), col("id").asc()) }),
            ("a desc, b, id desc", { try $0.orderBy(col("a").desc(), col("b").asc(), col("id").desc()) }),
            ("b nulls last, a desc nulls first, id", { try $0.orderBy(col("b").ascNullsLast(), col("a").descNullsFirst(), col("id").asc()) }),
        ]
        for (name, order) in orderings {
            let sorted = try order(data).collect().map(\.values)
            XCTAssertEqual(sorted.count, 3000)
            for n in [1, 7, 150, 5000] {
                let top = try order(data).limit(n)
                XCTAssertTrue(top.explainString().contains("TakeOrderedAndProject"), top.explainString())
                XCTAssertEqual(try top.collect().map(\.values), Array(sorted.prefix(n)), "n = \(n), \(name)")
            }
        }
        XCTAssertEqual(try data.orderBy(col("a").asc()).limit(0).count(), 0)
    }
}
