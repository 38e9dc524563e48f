import FlintCore
import XCTest
@testable import FlintSQL

/// `DISTRIBUTE BY`, `SORT BY` and `CLUSTER BY`, as Spark SQL's query organization clauses
/// (adaptive coalescing off, so that the partitions are the shuffle's).
final class QueryOrganizationTests: SessionTestCase {
    override var extraConf: [String: String] { ["flint.sql.adaptive.coalescePartitions.enabled": "false"] }

    override func setUpWithError() throws {
        try super.setUpWithError()
        var rows: [[Value]] = []
        for row in 0..<300 { rows.append([.long(Int64(row % 23)), .double(Double((row * 37) % 300))]) }
        try session.createDataFrame(rows, schema: StructType([StructField("key", .long), StructField("value", .double)]))
            .createOrReplaceTempView("facts")
    }

    /// The rows of each partition of `query`'s result.
    private func partitions(_ query: String) throws -> [[Row]] { try session.sql(query).rdd.glom().collect() }

    private func assertKeysDisjoint(_ parts: [[Row]], file: StaticString = #filePath, line: UInt = #line) {
        let keySets = parts.map { Set($0.map { $0[0] }) }
        for (i, a) in keySets.enumerated() {
            for b in keySets[(i + 1)...] { XCTAssertTrue(a.isDisjoint(with: b), "a key in two partitions", file: file, line: line) }
        }
    }

    func testDistributeBySortByGroupsKeysAndSortsEachPartition() throws {
        let query = "SELECT key, value FROM facts DISTRIBUTE BY key SORT BY value DESC"
        XCTAssertTrue(try session.sql(query).explainString().contains("Exchange hashpartitioning(key#"))
        let parts = try partitions(query)
        XCTAssertEqual(parts.count, 4)
        XCTAssertEqual(parts.map(\.count).reduce(0, +), 300)
        assertKeysDisjoint(parts)
        for part in parts {
            let values = part.map { $0[1].doubleValue ?? .nan }
            XCTAssertEqual(values, values.sorted(by: >))
        }
        let sortedOnly = try partitions("SELECT * FROM facts t SORT BY value")
        XCTAssertEqual(sortedOnly.map(\.count).reduce(0, +), 300)
        for part in sortedOnly { XCTAssertEqual(part.map { $0[1].doubleValue ?? .nan }, part.map { $0[1].doubleValue ?? .nan }.sorted()) }
    }

    func testClusterByIsDistributeAndSortByTheSameKeys() throws {
        let parts = try partitions("SELECT key, value FROM facts CLUSTER BY key")
        assertKeysDisjoint(parts)
        XCTAssertEqual(parts.map(\.count).reduce(0, +), 300)
        for part in parts {
            let keys = part.map { $0[0].longValue ?? -1 }
            XCTAssertEqual(keys, keys.sorted())
        }
    }

    func testTheWordsStayNamesAndOrderByDoesNotCombine() throws {
        XCTAssertEqual(try session.sql("SELECT sort, cluster FROM (SELECT 1 AS sort, 2 AS cluster) distribute").collect().map(\.description),
                       ["[1,2]"])
        XCTAssertThrowsError(try session.sql("SELECT key FROM facts ORDER BY key SORT BY key")) { error in
            XCTAssertTrue("\(error)".contains("SORT"), "\(error)")
        }
    }
}
