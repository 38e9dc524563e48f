import XCTest
import FlintCore
@testable import FlintSQL

/// `decode(text:into:)` converts runs of simple records a column at a time (`CSVRecordBlock`)
/// and hands every other line to the tokenizer: these tests check that it gives exactly what
/// the line-at-a-time path (`decode(lines:)`) gives, rows, counters, errors and line numbers.
final class CSVSimpleRecordsTests: XCTestCase {
    private enum Attempt: Equatable {
        case decoded(Outcome)
        case failed(String)

        var outcome: Outcome? { if case let .decoded(outcome) = self { outcome } else { nil } }
    }

    private struct Outcome: Equatable {
        var rows: [[Value]]
        var batchSizes: [Int]
        var malformed: Int, dropped: Int, filtered: Int, lines: Int, rowCount: Int
    }

    private let schema = StructType([StructField("k", .long), StructField("v", .double), StructField("c", .string),
                                     StructField("i", .integer)])

    private func decoder(_ options: [String: String], batchSize: Int, filters: [CSVRecordFilterSpec] = [],
                         schema: StructType? = nil, required: [Int]? = nil) throws -> CSVBatchDecoder {
        try CSVBatchDecoder(schema: schema ?? self.schema, options: try CSVOptions(DataSourceOptions(options)), path: "/d/t.csv",
                            batchSize: batchSize, requiredColumns: required,
                            rowFilters: filters.map { CSVRowFilter(column: $0.column, literal: Array($0.text.utf8)) })
    }

    private struct CSVRecordFilterSpec { let column: Int; let text: String }

    private func outcome(_ decoder: CSVBatchDecoder, _ batches: [ColumnBatch]) -> Outcome {
        Outcome(rows: batches.flatMap { batch in (0..<batch.rowCount).map { batch.row(at: $0) } },
                batchSizes: batches.map(\.rowCount), malformed: decoder.malformedCount, dropped: decoder.droppedCount,
                filtered: decoder.filteredCount, lines: decoder.lineNumber, rowCount: decoder.rowCount)
    }

    /// The outcome of decoding `text` through the block path (in pieces cut at line ends) and
    /// through the line path; fails the test when they differ or throw differently.
    private func assertSamePaths(_ text: String, _ options: [String: String] = [:], batchSize: Int = 3,
                                 filters: [CSVRecordFilterSpec] = [], schema: StructType? = nil, required: [Int]? = nil,
                                 file: StaticString = #filePath, line: UInt = #line) throws -> Outcome? {
        var blockDecoder = try decoder(options, batchSize: batchSize, filters: filters, schema: schema, required: required)
        var lineDecoder = try decoder(options, batchSize: batchSize, filters: filters, schema: schema, required: required)
        let bytes = Array(text.utf8)
        var blockResult: Attempt
        do {
            var batches: [ColumnBatch] = []
            // Two pieces, cut after the middle line, as a scan hands chunks of whole lines.
            let middle = bytes.count / 2
            let cut = bytes[middle...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
            try bytes.withUnsafeBufferPointer { all in
                try blockDecoder.decode(text: UnsafeBufferPointer(rebasing: all[..<cut]), into: &batches)
                try blockDecoder.decode(text: UnsafeBufferPointer(rebasing: all[cut...]), into: &batches)
            }
            if let last = blockDecoder.finish() { batches.append(last) }
            blockResult = .decoded(outcome(blockDecoder, batches))
        } catch {
            blockResult = .failed("\(error)")
        }
        var lineResult: Attempt
        do {
            // Split on bytes: "\r\n" is one Character, so a String split would miss it.
            var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
                String(decoding: $0.last == UInt8(ascii: "\r") ? $0.dropLast() : $0, as: UTF8.self)
            }
            if text.utf8.last == UInt8(ascii: "\n") { lines.removeLast() }
            var batches = try lineDecoder.decode(lines: lines)
            if let last = lineDecoder.finish() { batches.append(last) }
            lineResult = .decoded(outcome(lineDecoder, batches))
        } catch {
            lineResult = .failed("\(error)")
        }
        // Compared as text: NaN cells are equal there.
        XCTAssertEqual("\(blockResult)", "\(lineResult)", file: file, line: line)
        return blockResult.outcome
    }

    func testWellFormedRecordsInBlocks() throws {
        let text = (0..<20).map { "\($0),\(Double($0) * 1.25),cat\($0 % 3),\(-$0)" }.joined(separator: "\n") + "\n"
        for batchSize in [1, 3, 7, 4096] {
            let result = try XCTUnwrap(try assertSamePaths(text, batchSize: batchSize))
            XCTAssertEqual(result.rows.count, 20)
            XCTAssertEqual(result.rows[9], [.long(9), .double(11.25), .string("cat0"), .integer(-9)])
            XCTAssertEqual(result.batchSizes.dropLast().allSatisfy { $0 == batchSize }, true, "full batches of batchSize rows")
        }
    }

    func testIrregularLinesInterleaveInOrder() throws {
        let text = """
            1,1.5,a,1
            2,"2.5",b,2

            # not a comment by default
            3,3.5,"c,d",3
             4,4.5,e,4
            5,5.5,f
            6,6.5,g,6,extra
            7,-0,h,7\r
            8,.5,,8
            9,5.,"",9
            10,1e3,NaN,10
            """
        let result = try XCTUnwrap(try assertSamePaths(text))
        XCTAssertEqual(result.rows.count, 11)
        XCTAssertEqual(result.rows[2], [.null, .null, .null, .null], "the '#' line is a record of one field")
        XCTAssertEqual(result.rows[4], [.null, .double(4.5), .string("e"), .integer(4)], "' 4' is no bigint (Long.parseLong)")
        XCTAssertEqual(result.rows[7], [.long(7), .double(-0.0), .string("h"), .integer(7)], "CRLF")
        XCTAssertEqual(result.rows[8], [.long(8), .double(0.5), .null, .integer(8)])
        XCTAssertEqual(result.rows[10][1], .double(1000))
        XCTAssertEqual(result.malformed, 4)
        _ = try assertSamePaths(text, ["comment": "#", "header": "true"])
        _ = try assertSamePaths(text, ["quote": ""])
        _ = try assertSamePaths(text.replacingOccurrences(of: ",", with: "\t"), ["sep": "\t"])
    }

    func testMalformedFieldsInEveryMode() throws {
        let text = "1,1.5,a,1\n2,x,b,2\n3,3.5,c,99999999999\n4,4.5,d,4\nbad,5,e,5\n6,6.5,f,6\n"
        for mode in ["PERMISSIVE", "DROPMALFORMED", "FAILFAST"] {
            for batchSize in [2, 4096] {
                _ = try assertSamePaths(text, ["mode": mode], batchSize: batchSize)
            }
        }
        var failing = try decoder(["mode": "FAILFAST"], batchSize: 4096)
        var batches: [ColumnBatch] = []
        XCTAssertThrowsError(try Array(text.utf8).withUnsafeBufferPointer { try failing.decode(text: $0, into: &batches) }) { error in
            guard case let .malformedRecord(path, line, record, reason) = error as? DataSourceError else { return XCTFail("\(error)") }
            XCTAssertEqual([path, "\(line)", record], ["/d/t.csv", "2", "2,x,b,2"])
            XCTAssertTrue(reason.contains("'x'") && reason.contains("column 'v'"), reason)
        }
    }

    func testNullValuesFiltersAndPruning() throws {
        let text = "1,NA,x,1\n2,2.5,NA,2\n,3.5,x,3\n4,4.5,y,NA\n5,5.5,x,5\n"
        let nulls = try XCTUnwrap(try assertSamePaths(text, ["nullValue": "NA"]))
        XCTAssertEqual(nulls.rows[0][1], .null)
        XCTAssertEqual(nulls.rows[1][2], .null)
        XCTAssertEqual(nulls.rows[2][0], .null)
        let filtered = try XCTUnwrap(try assertSamePaths(text, filters: [CSVRecordFilterSpec(column: 2, text: "x")], required: [0, 2]))
        XCTAssertEqual(filtered.rows, [[.long(1), .string("x")], [.null, .string("x")], [.long(5), .string("x")]])
        XCTAssertEqual(filtered.filtered, 2)
        let special = try XCTUnwrap(try assertSamePaths("1,1.5,a,1\n2,0,b,2\n", ["nanValue": "0"]))
        XCTAssertTrue(special.rows[1][1].doubleValue?.isNaN ?? false, "a nanValue spelled as a number reads as NaN")
    }

    func testOtherTypesAndNoFinalNewline() throws {
        let schema = StructType([StructField("b", .boolean), StructField("d", .date), StructField("f", .float), StructField("s", .string)])
        let result = try XCTUnwrap(try assertSamePaths("true,2024-02-29,1.5,x\nFALSE,2024-1-5,-2,y\nmaybe,2024-01-01,3,z",
                                                       schema: schema))
        XCTAssertEqual(result.rows[0], [.boolean(true), .date(19_782), .float(1.5), .string("x")])
        XCTAssertEqual(result.rows[2][0], .null)
        XCTAssertEqual(result.malformed, 1)
    }

    func testShortStringsOfManyValuesAndAtTheBufferEnd() throws {
        // More distinct short values than the cache has slots, long ones, non-ASCII ones, and
        // a last field too near the end of the text to be read as two words.
        var lines = (0..<3000).map { "\($0),1.0,v\($0 % 1500),\($0)" }
        lines.append("3000,1.0,déjà vu,1")
        lines.append("3001,1.0,a value of more than fifteen bytes,1")
        lines.append("3002,1.0,1,z")
        lines.append("3003,1.0,1,7")
        let schema = StructType([StructField("k", .long), StructField("v", .double), StructField("c", .string), StructField("s", .string)])
        let result = try XCTUnwrap(try assertSamePaths(lines.joined(separator: "\n"), batchSize: 4096, schema: schema))
        XCTAssertEqual(result.rows.count, 3004)
        XCTAssertEqual(result.rows[2999][2], .string("v1499"))
        XCTAssertEqual(result.rows[3000][2], .string("déjà vu"))
        XCTAssertEqual(result.rows[3001][2], .string("a value of more than fifteen bytes"))
        XCTAssertEqual(result.rows[3003][3], .string("7"))
    }

    func testRandomMixesAcrossWindowsAndBlocks() throws {
        // Lines of every length, so fields and irregular lines fall on every offset of the
        // scan's 64-byte windows; some quoted, blank, short, long or malformed.
        var generator = SeededRandom(seed: 17)
        func random(_ bound: Int) -> Int { Int(generator.next() % UInt64(bound)) }
        let pieces = ["", "7", "-12", "3.25", "x", "\"q,uo\"", "abcdefghijklmnopqrstuvwxyz0123456789", "NaN", " 5"]
        for round in 0..<4 {
            var lines: [String] = []
            for _ in 0..<1500 {
                let fields = random(10) == 0 ? random(6) : 4
                var line = (0..<fields).map { field in
                    field == 0 ? String(random(100_000)) : field == 1 ? "\(random(1000)).\(random(100))" : pieces[random(pieces.count)]
                }.joined(separator: ",")
                if random(40) == 0 { line += "\r" }
                lines.append(line)
            }
            let text = lines.joined(separator: "\n") + (round % 2 == 0 ? "\n" : "")
            _ = try assertSamePaths(text, batchSize: [5, 64, 700, 4096][round])
            _ = try assertSamePaths(text, ["mode": "DROPMALFORMED"], batchSize: 100)
        }
    }

    func testIntegersReadAsJavaParsesThem() {
        // Every length up to 20, digits with a sign, a stray byte or a space at every position.
        var generator = SeededRandom(seed: 23)
        let alphabet = Array("0123456789".utf8)
        for length in 0...20 {
            for trial in 0..<300 {
                var bytes = (0..<length).map { _ in alphabet[Int(generator.next() % 10)] }
                if trial % 3 == 1, length > 0 { bytes[0] = UInt8(ascii: trial % 2 == 0 ? "+" : "-") }
                if trial % 7 == 2, length > 0 { bytes[Int(generator.next() % UInt64(length))] = [0x2F, 0x3A, 0x20, 0x41][trial % 4] }
                let text = String(decoding: bytes, as: UTF8.self)
                let expected = text.first == "+" && text.count > 1 ? Int64(text.dropFirst()) : Int64(text)
                XCTAssertEqual(bytes.withUnsafeBufferPointer { ByteParsing.int64($0) }, expected, text)
            }
        }
        for text in ["9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
                     "0000000000000000001", "99999999", "-0", "+", "-"] {
            XCTAssertEqual(Array(text.utf8).withUnsafeBufferPointer { ByteParsing.int64($0) }, Int64(text), text)
        }
    }

    func testPlainDecimalsReadAsDoubleDoes() {
        let texts = ["0", "-0", "1", "5.", ".5", "-.5", "895.54", "0.1", "123456789012345", "1234567890123456789",
                     "9007199254740993", "0.0000000000000000000001", "1e5", "+1", "-", ".", "", "1.2.3", "1,5", " 1", "12345678901234567890"]
        for text in texts {
            let plain = Array(text.utf8).withUnsafeBufferPointer { ByteParsing.plainDecimal($0) }
            let full = Array(text.utf8).withUnsafeBufferPointer { ByteParsing.double($0) }
            if let plain {
                XCTAssertEqual(plain.bitPattern, full?.bitPattern, text)
            }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10_000 {
            let text = String(format: "%.\(Int.random(in: 0...6, using: &generator))f", Double.random(in: -1e9...1e9, using: &generator))
            let plain = Array(text.utf8).withUnsafeBufferPointer { ByteParsing.plainDecimal($0) }
            XCTAssertEqual(plain, Double(text), text)
        }
    }
}
