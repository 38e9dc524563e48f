import XCTest
import FlintCore
@testable import FlintSQL

/// A join's build side with dense integral keys is looked up through a direct-address array
/// (`DenseKeyIndex`); these check it answers exactly as the hash index does.
final class DenseKeyIndexTests: XCTestCase {
    private func column(_ values: [Int64?]) -> ColumnVector {
        var validity = Bitmap(count: values.count, value: true)
        for (row, value) in values.enumerated() where value == nil { validity.clear(row) }
        return ColumnVector(dataType: .long, storage: .int64(values.map { $0 ?? 0 }),
                            validity: values.contains(nil) ? validity : nil)
    }

    /// The groups `probe` finds in a table of `build`, frozen and not.
    private func lookups(_ build: [Int64?], _ probe: [Int64?]) -> (frozen: [Int], hashed: [Int]) {
        var table = GroupTable(keyTypes: [.long])
        _ = table.groups(of: [column(build)], rowCount: build.count)
        let hashed = table.find([column(probe)], rowCount: probe.count)
        table.freezeForLookups()
        return (table.find([column(probe)], rowCount: probe.count), hashed)
    }

    func testDenseKeysAnswerAsTheHashIndex() {
        let build: [Int64?] = [10, 12, nil, 11, 12, 17, -3]
        let probe: [Int64?] = [10, 11, 12, 13, 17, 18, -3, -4, nil, .min, .max, 9]
        let (frozen, hashed) = lookups(build, probe)
        XCTAssertEqual(frozen, hashed)
        XCTAssertEqual(frozen, [0, 3, 1, -1, 4, -1, 5, -1, -1, -1, -1, -1], "groups in first-seen order, the null key's group skipped")
    }

    func testSparseAndExtremeKeysKeepTheHashIndex() {
        XCTAssertNil(DenseKeyIndex(keys: [0, 1_000_000], skipping: nil), "range far wider than the count")
        XCTAssertNil(DenseKeyIndex(keys: [.min, .max], skipping: nil), "a range that overflows")
        XCTAssertNil(DenseKeyIndex(keys: [0], skipping: 0), "no key but the null one")
        XCTAssertNotNil(DenseKeyIndex(keys: Array(0..<1000).map { Int64($0 * 7) }, skipping: nil), "spread 7")
        let (frozen, hashed) = lookups([.min, 0, .max], [.min, 0, .max, 1, nil])
        XCTAssertEqual(frozen, hashed)
        XCTAssertEqual(frozen, [0, 1, 2, -1, -1])
    }

    func testJoinsOnDenseKeys() throws {
        let session = FlintSession(context: try FlintContext(master: "local[2]", appName: "dense"))
        defer { session.context.stop() }
        let left = try session.createDataFrame((0..<300).map { [Value.long(Int64($0 % 120) - 10), .integer(Int32($0))] },
                                               schema: StructType([StructField("k", .long), StructField("v", .integer)]))
        let right = try session.createDataFrame((0..<100).map { [Value.long(Int64($0)), .string("r\($0)")] }
                                                + [[.null, .string("null key")]],
                                                schema: StructType([StructField("k", .long), StructField("name", .string)]))
        let joined = try left.join(right, using: ["k"]).collect()
        let expected = (0..<300).filter { ($0 % 120) - 10 >= 0 && ($0 % 120) - 10 < 100 }
        XCTAssertEqual(joined.count, expected.count)
        XCTAssertTrue(joined.allSatisfy { $0[2] == Value.string("r\($0[0].longValue ?? -1)") })
        XCTAssertEqual(try left.join(right, using: ["k"], how: "left_anti").count(), 300 - expected.count)
    }
}
