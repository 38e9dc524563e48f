import FlintCore
import XCTest
@testable import FlintSQL

/// Map-side partial aggregation, in its single-table start and once rows are split by partition
/// first: the partials, merged per partition, give every key's states, each key in the
/// partition of its hash.
final class PartitionedPartialAggregationTests: XCTestCase {
    private let operations: [ColumnarAggregator.Operation] = [.count, .sumDouble, .average, .minimum(.long), .maximum(.double)]
    private let partitions = 7

    private var partialSchema: StructType {
        StructType([StructField("k0", .long)]
            + ColumnarAggregator.stateTypes(operations).enumerated().map { StructField("s\($0.offset)", $0.element) })
    }

    /// Batch `b` of 1000 rows: key (row * 7 + b) % 600, null for every 50th row; value a
    /// double, null for every 9th row; a bigint.
    private func batch(_ b: Int) -> (keys: [ColumnVector], arguments: [[ColumnVector]]) {
        var keys: [Value] = [], doubles: [Value] = [], longs: [Value] = []
        for row in 0..<1000 {
            keys.append(row % 50 == 0 ? .null : .long(Int64((row * 7 + b) % 600)))
            doubles.append(row % 9 == 0 ? .null : .double(Double(row - 500) / 4))
            longs.append(.long(Int64(row * b % 97)))
        }
        func column(_ values: [Value], _ type: DataType) -> ColumnVector {
            var builder = ColumnBuilder(dataType: type)
            for value in values { builder.append(value) }
            return builder.finish()
        }
        let d = column(doubles, .double)
        return ([column(keys, .long)], [[d], [d], [d], [column(longs, .long)], [d]])
    }

    /// Every key's (count, sum, avg sum, avg count, min, max) computed directly.
    private func expected(batches: Int) -> [Value: [Value]] {
        var result: [Value: (Int64, Double?, Double, Int64, Int64?, Double?)] = [:]
        for b in 0..<batches {
            let (keys, arguments) = batch(b)
            for row in 0..<1000 {
                let key = keys[0].value(at: row)
                var entry = result[key] ?? (0, nil, 0, 0, nil, nil)
                let d = arguments[0][0].value(at: row)
                if case let .double(x) = d {
                    entry.0 += 1
                    entry.1 = (entry.1 ?? 0) + x
                    entry.2 += x
                    entry.3 += 1
                    entry.5 = max(entry.5 ?? -.infinity, x)
                }
                if case let .long(y) = arguments[3][0].value(at: row) { entry.4 = min(entry.4 ?? .max, y) }
                result[key] = entry
            }
        }
        return result.mapValues { entry in
            [.long(entry.0), entry.1.map(Value.double) ?? .null, .double(entry.2), .long(entry.3),
             entry.4.map(Value.long) ?? .null, entry.5.map(Value.double) ?? .null]
        }
    }

    private func run(directGroupLimit: Int) throws {
        var aggregation = PartitionedPartialAggregation(keyTypes: [.long], operations: operations,
                                                        argumentCounts: [1, 1, 1, 1, 1], partitions: partitions,
                                                        partialSchema: partialSchema, directGroupLimit: directGroupLimit)
        var partials: [(Int, ColumnBatch)] = []
        for b in 0..<12 {
            let (keys, arguments) = batch(b)
            aggregation.add(keys: keys, arguments: arguments, rowCount: 1000)
            if b == 5 { partials += aggregation.emit() }
        }
        partials += aggregation.emit()
        XCTAssertTrue(aggregation.emit().isEmpty, "emptied")
        var merged: [Value: [Value]] = [:]
        for partition in 0..<partitions {
            var table = ColumnarAggregator(keyTypes: [.long], operations: operations)
            for (target, partial) in partials where target == partition { table.merge(partial: partial, keyCount: 1) }
            let columns = table.partialColumns()
            let hashes = KeyHashing.hashes([columns[0]], rowCount: table.groupCount)
            for row in 0..<table.groupCount {
                XCTAssertEqual(Int(hashes[row] % UInt64(partitions)), partition, "key in its hash's partition")
                let key = columns[0].value(at: row)
                XCTAssertNil(merged[key], "\(key) in one partition only")
                merged[key] = columns.dropFirst().map { $0.value(at: row) }
            }
        }
        let want = expected(batches: 12)
        XCTAssertEqual(Set(merged.keys), Set(want.keys))
        for (key, states) in want {
            let got = try XCTUnwrap(merged[key])
            XCTAssertEqual(got[0], states[0], "count of \(key)")
            XCTAssertEqual(got[1].doubleValue ?? .nan, states[1].doubleValue ?? .nan, accuracy: 1e-9, "sum of \(key)")
            XCTAssertEqual(got[2].doubleValue ?? .nan, states[2].doubleValue ?? .nan, accuracy: 1e-9, "avg sum of \(key)")
            XCTAssertEqual(got[3], states[3], "avg count of \(key)")
            XCTAssertEqual(got[4], states[4], "min of \(key)")
            XCTAssertEqual(got[5], states[5], "max of \(key)")
        }
    }

    func testSingleTableForFewGroups() throws {
        try run(directGroupLimit: PartitionedPartialAggregation.defaultDirectGroupLimit)
    }

    func testRowsSplitByPartitionOnceTheTableOutgrowsItsLimit() throws {
        try run(directGroupLimit: 100)
    }
}
