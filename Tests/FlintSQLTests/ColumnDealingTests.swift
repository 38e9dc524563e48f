import XCTest
@testable import FlintSQL

/// `ColumnVector.dealt(to:starts:)` (the exchange's split) gives each partition the rows a
/// gather of its row numbers gives, for every storage kind, with nulls and empty partitions.
final class ColumnDealingTests: XCTestCase {
    func testDealingMatchesGathering() {
        let rows = 1000, partitions = 7
        let partitionOfRow = (0..<rows).map { Int32(($0 * 31 + $0 / 3) % (partitions - 1)) }  // partition 6 stays empty
        var starts = [Int](repeating: 0, count: partitions + 1)
        for partition in partitionOfRow { starts[Int(partition) + 1] += 1 }
        for partition in 0..<partitions { starts[partition + 1] += starts[partition] }
        var withNulls = Bitmap(count: rows, value: true)
        for row in stride(from: 0, to: rows, by: 9) { withNulls.clear(row) }
        let columns = [
            ColumnVector(dataType: .boolean, storage: .boolean((0..<rows).map { $0 % 3 == 0 })),
            ColumnVector(dataType: .integer, storage: .int32((0..<rows).map { Int32($0) })),
            ColumnVector(dataType: .long, storage: .int64((0..<rows).map { Int64($0) * -7 })),
            ColumnVector(dataType: .float, storage: .float32((0..<rows).map { Float($0) / 4 })),
            ColumnVector(dataType: .double, storage: .float64((0..<rows).map { Double($0) / 8 })),
            ColumnVector(dataType: .string, storage: .string((0..<rows).map { "value number \($0)" })),
            ColumnVector(dataType: .long, storage: .int64((0..<rows).map { Int64($0) }), validity: withNulls),
            ColumnVector(dataType: .string, storage: .values((0..<rows).map { .string("v\($0)") })),
        ]
        for column in columns {
            let dealt = column.dealt(to: partitionOfRow, starts: starts)
            XCTAssertEqual(dealt.count, partitions)
            for partition in 0..<partitions {
                let expected = column.gather(partitionOfRow.indices.filter { partitionOfRow[$0] == partition })
                XCTAssertEqual((0..<dealt[partition].count).map { dealt[partition].value(at: $0) },
                               (0..<expected.count).map { expected.value(at: $0) }, "\(column.dataType) partition \(partition)")
            }
            XCTAssertEqual(dealt[6].count, 0)
        }
    }
}
