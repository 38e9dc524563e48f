import XCTest
@testable import FlintSQL

final class CSVTests: XCTestCase {
    private func options(_ pairs: [String: String] = [:]) throws -> CSVOptions { try CSVOptions(DataSourceOptions(pairs)) }

    private func tokens(_ line: String, _ pairs: [String: String] = [:]) throws -> [String] {
        let parser = CSVParser(options: try options(pairs))
        return parser.fields(of: line)
    }

    /// Decodes `lines` into rows (all batches, in order).
    private func decode(_ lines: [String], _ schema: StructType, _ pairs: [String: String] = [:],
                        path: String = "/data/people.csv", batchSize: Int = 4096) throws -> (rows: [[Value]], decoder: CSVBatchDecoder) {
        var decoder = try CSVBatchDecoder(schema: schema, options: try options(pairs), path: path, firstLineNumber: 1,
                                          batchSize: batchSize)
        var batches = try decoder.decode(lines: lines)
        if let last = decoder.finish() { batches.append(last) }
        return (batches.flatMap { batch in (0..<batch.rowCount).map { batch.row(at: $0) } }, decoder)
    }

    // MARK: Tokenizer

    func testTokenizerQuotesAndEscapes() throws {
        XCTAssertEqual(try tokens("a,b,c"), ["a", "b", "c"])
        XCTAssertEqual(try tokens("\"a,b\",c"), ["a,b", "c"], "separator inside quotes")
        XCTAssertEqual(try tokens("\"say \"\"hi\"\"\",x"), ["say \"hi\"", "x"], "doubled quotes")
        XCTAssertEqual(try tokens(#""say \"hi\"",x"#), ["say \"hi\"", "x"], "escaped quotes")
        XCTAssertEqual(try tokens(#""back\\slash",C:\path"#), [#"back\slash"#, #"C:\path"#], "escape only inside quotes")
        XCTAssertEqual(try tokens("a,,c"), ["a", "", "c"], "empty field")
        XCTAssertEqual(try tokens("a,b,"), ["a", "b", ""], "trailing separator")
        XCTAssertEqual(try tokens(","), ["", ""])
        XCTAssertEqual(try tokens(""), [""])
        XCTAssertEqual(try tokens("\"\",x"), ["", "x"])
        XCTAssertEqual(try tokens("ab\"c,d"), ["ab\"c", "d"], "a quote inside an unquoted field is data")
        XCTAssertEqual(try tokens("\"unclosed,x"), ["unclosed,x"], "an unclosed quote runs to the end")
        XCTAssertEqual(try tokens("\"ab\"c,d"), ["abc", "d"], "text after the closing quote is kept")
        XCTAssertEqual(try tokens(" a , b "), [" a ", " b "], "whitespace kept by default")
        XCTAssertEqual(try tokens(" a , \"b\" ", ["ignoreLeadingWhiteSpace": "true", "ignoreTrailingWhiteSpace": "true"]), ["a", "b"])
        XCTAssertEqual(try tokens("x,'a,b'", ["quote": "'"]), ["x", "a,b"])
        XCTAssertEqual(try tokens("x,\"a,b\"", ["quote": ""]), ["x", "\"a", "b\""], "quoting disabled")
    }

    func testTokenizerCustomSeparators() throws {
        XCTAssertEqual(try tokens("a;b;\"c;d\"", ["sep": ";"]), ["a", "b", "c;d"])
        XCTAssertEqual(try tokens("a\tb\t", ["sep": "\t"]), ["a", "b", ""])
        XCTAssertEqual(try tokens("a\tb", ["delimiter": "\\t"]), ["a", "b"], "a written \\t is a tab")
        XCTAssertEqual(try tokens("a||b||\"c||d\"||", ["sep": "||"]), ["a", "b", "c||d", ""], "multi-character separator")
        XCTAssertEqual(try tokens("a,b", ["sep": ";"]), ["a,b"])
    }

    func testCRLFLinesInATextBuffer() throws {
        let schema = StructType([StructField("a", .integer), StructField("b", .string)])
        var decoder = try CSVBatchDecoder(schema: schema, options: try options(), path: "x.csv")
        var batches: [ColumnBatch] = []
        var text = Array("1,x\r\n2,\"y\"\r\n\r\n3,z".utf8)
        try text.withUnsafeMutableBufferPointer { try decoder.decode(text: UnsafeBufferPointer($0), into: &batches) }
        if let last = decoder.finish() { batches.append(last) }
        XCTAssertEqual(batches.flatMap(\.rows).map(\.values),
                       [[.integer(1), .string("x")], [.integer(2), .string("y")], [.integer(3), .string("z")]])
        XCTAssertEqual(decoder.lineNumber, 5)
    }

    // MARK: Inference

    func testInferenceOfTypes() throws {
        let lines = [
            "id,big,score,name,flag,day,at,empty,mixed",
            "1,3000000000,1.5,alice,true,2024-01-31,2024-01-31 10:00:00,,1",
            "2,4,2,bob,FALSE,2023-12-01,2024-02-01T11:30:00Z,,x",
            "3,,NaN,,,,,,2",
        ]
        let schema = try CSVSchemaInference.infer(lines: lines, options: try options(["header": "true", "inferSchema": "true"]))
        XCTAssertEqual(schema.fieldNames, ["id", "big", "score", "name", "flag", "day", "at", "empty", "mixed"])
        XCTAssertEqual(schema.fields.map(\.dataType), [.integer, .long, .double, .string, .boolean, .date, .timestamp, .string, .string])
        XCTAssertTrue(schema.fields.allSatisfy(\.nullable))
    }

    func testInferenceMergesAsSpark() throws {
        let opts = try options(["inferSchema": "true"])
        XCTAssertEqual(CSVSchemaInference.inferField(.integer, "2.5", options: opts), .double)
        XCTAssertEqual(CSVSchemaInference.inferField(.double, "7", options: opts), .double)
        XCTAssertEqual(CSVSchemaInference.inferField(.integer, "true", options: opts), .string)
        XCTAssertEqual(CSVSchemaInference.inferField(.date, "2024-01-01 12:00:00", options: opts), .timestamp)
        XCTAssertEqual(CSVSchemaInference.inferField(.null, "99999999999999999999", options: opts), .double)
        XCTAssertEqual(CSVSchemaInference.inferField(.boolean, "", options: opts), .boolean, "nulls are ignored")
        XCTAssertEqual(CSVSchemaInference.inferField(.null, "31/01/2024", options: opts), .string)
        let dmy = try options(["inferSchema": "true", "dateFormat": "dd/MM/yyyy"])
        XCTAssertEqual(CSVSchemaInference.inferField(.null, "31/01/2024", options: dmy), .date)
        var partial: [DataType] = [.null, .null]
        CSVSchemaInference.inferTypes(lines: ["1,a", "2,"], options: opts, into: &partial)
        XCTAssertEqual(CSVSchemaInference.merge(partial, [.double, .null]), [.double, .string])
    }

    func testHeaderNamesAndDefaults() throws {
        let header = try CSVSchemaInference.infer(lines: ["a,b,A,,c,b", "1,2,3,4,5,6"], options: try options(["header": "true"]))
        XCTAssertEqual(header.fieldNames, ["a0", "b1", "A2", "_c3", "c", "b5"])
        XCTAssertTrue(header.fields.allSatisfy { $0.dataType == .string }, "no inferSchema: strings")
        let noHeader = try CSVSchemaInference.infer(lines: ["", "# note", "1,x,2.5"],
                                                    options: try options(["inferSchema": "true", "comment": "#"]))
        XCTAssertEqual(noHeader.fieldNames, ["_c0", "_c1", "_c2"])
        XCTAssertEqual(noHeader.fields.map(\.dataType), [.integer, .string, .double])
        XCTAssertEqual(try CSVSchemaInference.infer(lines: [String](), options: try options()).count, 0)
    }

    // MARK: Decoding and modes

    private let people = StructType([StructField("name", .string), StructField("age", .integer), StructField("score", .double)])
    private let malformed = ["name,age,score", "alice,30,1.5", "bob,abc,2.5", "carol,40", "dave,50,3.5,extra", "erin,60,4.5"]

    func testDecodesTypesAndNulls() throws {
        let schema = StructType([StructField("b", .boolean), StructField("l", .long), StructField("f", .float),
                                 StructField("d", .date), StructField("t", .timestamp), StructField("s", .string)])
        let (rows, _) = try decode(["true,9000000000,1.25,2024-02-29,2024-02-29 13:45:07.25,\"x, y\"",
                                    ",,,,,\"\"", "NA,NA,NA,NA,NA,NA", "false,-1,Inf,2024-1-5,2024-01-05T00:00:00+01:00,NA"],
                                   schema, ["nullValue": "NA"])
        XCTAssertEqual(rows[0], [.boolean(true), .long(9_000_000_000), .float(1.25), .date(19_782),
                                 .timestamp(DateTimeFormat.parseTimestamp("2024-02-29 13:45:07.25")!), .string("x, y")])
        XCTAssertEqual(rows[1], [.null, .null, .null, .null, .null, .string("")], "a quoted empty string is not null when nullValue is set")
        XCTAssertEqual(rows[2], Array(repeating: .null, count: 6))
        XCTAssertEqual(rows[3], [.boolean(false), .long(-1), .float(.infinity), .date(19_727),
                                 .timestamp(DateTimeFormat.parseTimestamp("2024-01-04 23:00:00")!), .null])
        let (defaults, _) = try decode(["\"\",1"], StructType([StructField("s", .string), StructField("i", .integer)]))
        XCTAssertEqual(defaults, [[.null, .integer(1)]], "by default a quoted empty string reads as null, as in Spark")
    }

    func testQuotedFieldsAndPatternsConvert() throws {
        let schema = StructType([StructField("k", .integer), StructField("v", .double), StructField("c", .string),
                                 StructField("t", .timestamp)])
        let (rows, decoder) = try decode(["604783,\"895.54\",\"cat060 \\\"x\\\"\",\"2024-01-31 10:00:00\"",
                                          "  7 ,1e3,'a',2024-01-31 10:00:01"],
                                         schema, ["timestampFormat": "yyyy-MM-dd HH:mm:ss"])
        XCTAssertEqual(rows[0], [.integer(604_783), .double(895.54), .string("cat060 \"x\""),
                                 .timestamp(DateTimeFormat.parseTimestamp("2024-01-31 10:00:00")!)])
        XCTAssertEqual(rows[1], [.null, .double(1000), .string("'a'"), .timestamp(DateTimeFormat.parseTimestamp("2024-01-31 10:00:01")!)],
                       "an int with spaces is malformed (Java's parseInt), a double is not (parseDouble)")
        XCTAssertEqual(decoder.malformedCount, 1)
        let trimmed = try decode(["  7 ,1e3,'a',2024-01-31 10:00:01"], schema,
                                 ["timestampFormat": "yyyy-MM-dd HH:mm:ss", "ignoreLeadingWhiteSpace": "true",
                                  "ignoreTrailingWhiteSpace": "true", "quote": "'"]).rows
        XCTAssertEqual(trimmed[0][0...2], [.integer(7), .double(1000), .string("a")])
    }

    func testPermissiveKeepsPartialRowsAndCorruptRecord() throws {
        let schema = people.adding("_corrupt_record", .string)
        let (rows, decoder) = try decode(malformed, schema, ["header": "true"])
        XCTAssertEqual(rows, [
            [.string("alice"), .integer(30), .double(1.5), .null],
            [.string("bob"), .null, .double(2.5), .string("bob,abc,2.5")],
            [.string("carol"), .integer(40), .null, .string("carol,40")],
            [.string("dave"), .integer(50), .double(3.5), .string("dave,50,3.5,extra")],
            [.string("erin"), .integer(60), .double(4.5), .null],
        ])
        XCTAssertEqual(decoder.malformedCount, 3)
        let (plain, _) = try decode(malformed, people, ["header": "true", "mode": "permissive"])
        XCTAssertEqual(plain[1], [.string("bob"), .null, .double(2.5)])
        XCTAssertEqual(plain[2], [.string("carol"), .integer(40), .null])
    }

    func testRequiredColumnsAreTheOnlyOnesConverted() throws {
        var decoder = try CSVBatchDecoder(schema: people, options: try options(["header": "true", "mode": "FAILFAST"]),
                                          path: "x", requiredColumns: [2, 0])
        let batches = try decoder.decode(lines: ["name,age,score", "alice,30,1.5", "bob,abc,2.5"]) + [decoder.finish()].compactMap { $0 }
        XCTAssertEqual(decoder.schema.fields.map(\.name), ["score", "name"])
        XCTAssertEqual(batches.flatMap { batch in (0..<batch.rowCount).map { batch.row(at: $0) } },
                       [[.double(1.5), .string("alice")], [.double(2.5), .string("bob")]],
                       "the age field is not converted, so 'abc' is no error")
        var counting = try CSVBatchDecoder(schema: people, options: try options(["mode": "FAILFAST"]), path: "x", requiredColumns: [])
        XCTAssertThrowsError(try counting.decode(lines: ["a,1,2", "b,2"]), "a wrong field count is still malformed") { error in
            XCTAssertTrue("\(error)".contains("expected 3 fields but found 2"), "\(error)")
        }
    }

    func testDropMalformedDropsRecords() throws {
        let (rows, decoder) = try decode(malformed, people.adding("_corrupt_record", .string),
                                         ["header": "true", "mode": "DROPMALFORMED"], batchSize: 2)
        XCTAssertEqual(rows.map { $0[0] }, [.string("alice"), .string("erin")])
        XCTAssertTrue(rows.allSatisfy { $0[3] == .null })
        XCTAssertEqual(decoder.droppedCount, 3)
        XCTAssertEqual(decoder.rowCount, 2)
    }

    func testFailFastNamesFileAndLine() throws {
        XCTAssertThrowsError(try decode(malformed, people, ["header": "true", "mode": "failfast"], path: "/data/people.csv")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("Malformed records are detected in record parsing"), text)
            XCTAssertTrue(text.contains("/data/people.csv"), text)
            XCTAssertTrue(text.contains("line 3"), text)
            XCTAssertTrue(text.contains("'abc'") && text.contains("age"), text)
            guard case let .malformedRecord(path, line, record, _) = error as? DataSourceError else { return XCTFail("\(error)") }
            XCTAssertEqual([path, "\(line)", record], ["/data/people.csv", "3", "bob,abc,2.5"])
        }
        XCTAssertThrowsError(try decode(["a,1,2", "", "b,2"], people, ["mode": "FAILFAST"])) { error in
            XCTAssertTrue("\(error)".contains("line 3") && "\(error)".contains("expected 3 fields but found 2"), "\(error)")
        }
    }

    func testHeaderCheckAndSchemaChecks() throws {
        XCTAssertThrowsError(try decode(["name,years,score", "a,1,2"], people, ["header": "true", "enforceSchema": "false"])) { error in
            XCTAssertTrue("\(error)".contains("Expected: age but found: years"), "\(error)")
        }
        XCTAssertEqual(try decode(["NAME,Age,score", "a,1,2"], people, ["header": "true", "enforceSchema": "false"]).rows.count, 1)
        let badCorrupt = people.adding("_corrupt_record", .integer)
        XCTAssertThrowsError(try CSVBatchDecoder(schema: badCorrupt, options: try options(), path: "x"))
        XCTAssertThrowsError(try CSVBatchDecoder(schema: StructType([StructField("a", .array(element: .integer, containsNull: true))]),
                                                 options: try options(), path: "x")) { error in
            XCTAssertEqual("\(error)", "CSV data source does not support array<int> data type.")
        }
    }

    func testBatchesOfBatchSizeRows() throws {
        let lines = (0..<10_000).map { "\($0),\($0 % 7 == 0 ? "" : "v\($0)")" }
        let schema = StructType([StructField("i", .long), StructField("s", .string)])
        var decoder = try CSVBatchDecoder(schema: schema, options: try options(), path: "x")
        var iterator = lines.makeIterator()
        var sizes: [Int] = []
        var total: Int64 = 0
        while let batch = try decoder.nextBatch(from: &iterator) {
            sizes.append(batch.rowCount)
            if case let .int64(values) = batch.columns[0].storage { total += values.reduce(0, +) }
            XCTAssertTrue(batch.columns[1].isNull(0) == (batch.columns[0].value(at: 0).longValue! % 7 == 0))
        }
        XCTAssertEqual(sizes, [4096, 4096, 1808])
        XCTAssertEqual(total, 49_995_000)
    }

    func testDatePatterns() throws {
        let cases: [(String, String)] = [("yyyy-MM-dd", "2024-01-31"), ("yyyy/MM/dd", "2024/01/31"),
                                         ("dd-MM-yyyy", "31-01-2024"), ("MM/dd/yyyy", "01/31/2024"),
                                         ("yyyyMMdd", "20240131"), ("dd MMM yyyy", "31 Jan 2024"), ("d/M/yy", "31/1/24")]
        for (pattern, text) in cases {
            let compiled = try DateTimePattern(pattern)
            XCTAssertEqual(compiled.parseDate(text), 19_753, pattern)
            XCTAssertEqual(compiled.format(days: 19_753), text, pattern)
        }
        XCTAssertNil(try DateTimePattern("yyyy-MM-dd").parseDate("2023-02-29"))
        XCTAssertNil(try DateTimePattern("yyyy-MM-dd").parseDate("2024-01-31x"))
        let timestamp = try DateTimePattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX")
        XCTAssertEqual(timestamp.parseTimestamp("1970-01-01T01:00:00.5+01:00"), 500_000)
        XCTAssertEqual(timestamp.parseTimestamp("1970-01-01T00:00:01Z"), 1_000_000)
        XCTAssertEqual(try DateTimePattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").format(micros: 1_500_000), "1970-01-01T00:00:01.500Z")
        XCTAssertEqual(try DateTimePattern("hh:mm a").format(micros: 13 * 3_600_000_000), "01:00 PM")
        XCTAssertThrowsError(try CSVOptions(DataSourceOptions(["dateFormat": "EEE yyyy"]))) { error in
            XCTAssertTrue("\(error)".contains("option 'dateFormat'") && "\(error)".contains("'E'"), "\(error)")
        }
        let schema = StructType([StructField("d", .date)])
        XCTAssertEqual(try decode(["31/01/2024", "2024-01-31"], schema, ["dateFormat": "dd/MM/yyyy"]).rows,
                       [[.date(19_753)], [.null]])
    }

    func testNumberParsing() throws {
        func double(_ text: String) -> Double? { var t = text; return t.withUTF8 { ByteParsing.double($0) } }
        func long(_ text: String) -> Int64? { var t = text; return t.withUTF8 { ByteParsing.int64($0) } }
        XCTAssertEqual(double("895.54"), 895.54)
        XCTAssertEqual(double("-0.1"), -0.1)
        XCTAssertEqual(double("1e10"), 1e10)
        XCTAssertEqual(double(".5"), 0.5)
        XCTAssertEqual(double("5."), 5)
        XCTAssertEqual(double("1.7976931348623157e308"), .greatestFiniteMagnitude)
        XCTAssertEqual(double("0.1000000000000000055511151231257827"), 0.1)
        XCTAssertEqual(double("123456789012345678901234567890"), 123456789012345678901234567890.0)
        XCTAssertEqual(double("4.9e-324"), .leastNonzeroMagnitude)
        XCTAssertEqual(double("2.5d"), 2.5, "Java's type suffix")
        XCTAssertEqual(double(" 7 "), 7)
        XCTAssertEqual(double("-Infinity"), -.infinity)
        XCTAssertTrue(double("NaN")!.isNaN)
        for bad in ["", ".", "e5", "1e", "1.2.3", "abc", "0x10", "1,5", "--1"] { XCTAssertNil(double(bad), bad) }
        XCTAssertEqual(long("-9223372036854775808"), .min)
        XCTAssertEqual(long("+42"), 42)
        XCTAssertNil(long("9223372036854775808"))
        XCTAssertNil(long("1.0"))
        XCTAssertNil(long(" 1"))
        for _ in 0..<2000 {
            let value = Double.random(in: -1e6...1e6)
            XCTAssertEqual(double("\(value)"), value)
            let tiny = Double.random(in: 1e-300...1e-200)
            XCTAssertEqual(double("\(tiny)"), tiny)
        }
    }

    // MARK: Options

    func testBadOptionsAreClearErrors() throws {
        let cases: [([String: String], String)] = [
            (["header": "maybe"], "option 'header' must be true or false, got 'maybe'"),
            (["inferSchema": "1"], "option 'inferSchema' must be true or false, got '1'"),
            (["mode": "lenient"], "option 'mode' must be PERMISSIVE, DROPMALFORMED or FAILFAST, got 'lenient'"),
            (["encoding": "latin1"], "option 'encoding' must be UTF-8"),
            (["multiLine": "true"], "option 'multiLine' = true is not supported"),
            (["sep": ""], "option 'sep' cannot be an empty string"),
            (["quote": "ab"], "option 'quote' must be a single ASCII character"),
            (["samplingRatio": "0"], "option 'samplingRatio' must be in (0, 1]"),
            (["samplingRatio": "half"], "option 'samplingRatio' must be a number, got 'half'"),
            (["sep": "\\"], "option 'sep' cannot end with a single backslash"),
        ]
        for (pairs, message) in cases {
            XCTAssertThrowsError(try CSVOptions(DataSourceOptions(pairs)), "\(pairs)") { error in
                XCTAssertTrue("\(error)".hasPrefix(message), "\(error)")
                guard case .invalidOption = error as? DataSourceError else { return XCTFail("\(error)") }
            }
        }
        let options = try CSVOptions(["HEADER": "True", "Delimiter": ";", "MODE": "dropmalformed", "charset": "UTF8"])
        XCTAssertTrue(options.header)
        XCTAssertEqual(options.separator, [UInt8(ascii: ";")])
        XCTAssertEqual(options.mode, .dropMalformed)
        XCTAssertEqual(DataSourceOptions(["a": "1"]).merging(["A": "2"])["a"], "2")
        XCTAssertEqual("\(DataSourceError.pathNotFound("file:/nope"))", "Path does not exist: file:/nope")
    }

    // MARK: Writer

    func testWriterRoundTrip() throws {
        let schema = StructType([StructField("id", .integer), StructField("text", .string), StructField("x", .double),
                                 StructField("ok", .boolean), StructField("day", .date), StructField("at", .timestamp),
                                 StructField("n", .long)])
        let rows: [[Value]] = [
            [.integer(1), .string("plain"), .double(1.5), .boolean(true), .date(19_753), .timestamp(1_706_700_000_123_000), .long(1 << 40)],
            [.integer(-2), .string("a, \"quoted\" value"), .double(1e10), .boolean(false), .date(-1), .timestamp(-1000), .long(-5)],
            [.null, .string(#"back\slash\"#), .null, .null, .null, .null, .null],
            [.integer(4), .string("semi;colon"), .double(-0.001), .null, .null, .null, .null],
            [.integer(5), .string(""), .double(.nan), .null, .null, .null, .null],
        ]
        let batch = ColumnBatch(schema: schema, rows: rows)
        for pairs in [["header": "true", "nullValue": "NA"], ["header": "true", "sep": ";", "escape": "\"", "nullValue": "NA"],
                      ["quoteAll": "true", "nullValue": "NA", "timestampFormat": "yyyy-MM-dd HH:mm:ss.SSSSSS"]] {
            let opts = try options(pairs)
            var writer = try CSVWriter(options: opts, schema: schema)
            let text = writer.write(batch)
            XCTAssertEqual(text.hasPrefix("id"), opts.header, text)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            XCTAssertEqual(lines.count, rows.count + (opts.header ? 1 : 0))
            let (read, decoder) = try decode(lines, schema, pairs)
            XCTAssertEqual(decoder.malformedCount, 0, text)
            XCTAssertEqual(read.count, rows.count)
            for (got, want) in zip(read, rows) {
                XCTAssertEqual(got.map(\.description), want.map(\.description), "\(pairs)\n\(text)")
            }
        }
    }

    func testWriterFormatsAsSpark() throws {
        let schema = StructType([StructField("s", .string), StructField("d", .double), StructField("t", .timestamp)])
        let batch = ColumnBatch(schema: schema, rows: [[.string(" padded "), .double(2), .timestamp(0)],
                                                       [.string("say \"hi\""), .null, .null], [.string(""), .double(1e7), .null]])
        var writer = try CSVWriter(options: try options(["header": "true"]), schema: schema)
        XCTAssertEqual(writer.write(batch), """
            s,d,t
            padded,2.0,1970-01-01T00:00:00.000Z
            "say \\"hi\\"",,
            "",1.0E7,

            """)
        XCTAssertEqual(writer.write(batch.gather([0])), "padded,2.0,1970-01-01T00:00:00.000Z\n", "header only once")
        let tabbed = try CSVWriter(options: try options(["sep": "\\t", "lineSep": "\r\n", "escape": "\""]), schema: schema)
        XCTAssertEqual(tabbed.format(batch.gather([1])), "\"say \"\"hi\"\"\"\t\t\r\n")
    }
}
