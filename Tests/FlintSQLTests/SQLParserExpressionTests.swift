import XCTest
@testable import FlintSQL

/// Expressions, literals, identifiers and types.
final class SQLParserExpressionTests: ParserTestCase {
    func testNumericLiterals() {
        let cases: [(String, Value)] = [
            ("1", .integer(1)), ("2147483647", .integer(Int32.max)), ("2147483648", .long(2_147_483_648)),
            ("-2147483648", .integer(Int32.min)), ("10L", .long(10)), ("10l", .long(10)), ("1.5", .double(1.5)),
            (".5", .double(0.5)), ("1e3", .double(1000)), ("2.5E-1", .double(0.25)), ("1.5D", .double(1.5)),
            ("2F", .float(2)), ("3BD", .double(3)), ("99999999999999999999", .double(1e20)),
            ("-9223372036854775808", .long(Int64.min)), ("- 1", .integer(-1)), ("1.", .double(1)),
        ]
        for (text, value) in cases {
            assertExpression(text, .literal(value))
        }
    }

    func testStringAndOtherLiterals() {
        assertExpression("'it''s'", lit("it's"))
        assertExpression(#"'a\nb\t\'c\\'"#, lit("a\nb\t'c\\"))
        assertExpression(#"'\u0041\%'"#, lit(#"A\%"#))
        assertExpression(#""double ""quoted"" ok""#, lit(#"double "quoted" ok"#))
        assertExpression("'a' \"b\" 'c'", lit("abc"))
        assertExpression("TRUE", .literal(.boolean(true)))
        assertExpression("false", .literal(.boolean(false)))
        assertExpression("NULL", .literal(.null))
        assertExpression("DATE '2024-01-31'", .literal(.date(DateTimeFormat.parseDate("2024-01-31")!)))
        assertExpression("timestamp '2024-01-31 12:00:00.5'",
                         .literal(.timestamp(DateTimeFormat.parseTimestamp("2024-01-31 12:00:00.5")!)))
    }

    func testIdentifiers() {
        assertExpression("`weird name`", col("weird name"))
        assertExpression("`a``b`", col("a`b"))
        assertExpression("db.t.a", col("db", "t", "a"))
        assertExpression("t.`select`", col("t", "select"))
        assertExpression("date", col("date"))
        assertExpression("1a", col("1a"))
        assertExpression("1.5x", named(.literal(.double(1.5)), "x"))
        assertExpression("t.*", .star(qualifier: "t"))
        assertExpression("a + 1 AS b", named(binary(.add, col("a"), lit(1)), "b"))
        assertExpression("a b", named(col("a"), "b"))
    }

    func testPrecedence() {
        let (a, b, c) = (col("a"), col("b"), col("c"))
        assertExpression("a OR b AND c", binary(.or, a, binary(.and, b, c)))
        assertExpression("-a * b", binary(.multiply, .unary(.negate, a), b))
        assertExpression("NOT a = b", not(binary(.equal, a, b)))
        assertExpression("a + b * c", binary(.add, a, binary(.multiply, b, c)))
        assertExpression("(a + b) * c", binary(.multiply, binary(.add, a, b), c))
        assertExpression("a - b - c", binary(.subtract, binary(.subtract, a, b), c))
        assertExpression("x BETWEEN 1 AND 2 AND y",
                         binary(.and, binary(.and, binary(.greaterOrEqual, col("x"), lit(1)), binary(.lessOrEqual, col("x"), lit(2))),
                                col("y")))
        assertExpression("a || b + c", call("concat", a, binary(.add, b, c)))
        assertExpression("a * b DIV c % 2", binary(.remainder, call("div", binary(.multiply, a, b), c), lit(2)))
        assertExpression("a = 1 OR NOT b AND c",
                         binary(.or, binary(.equal, a, lit(1)), binary(.and, not(b), c)))
        assertExpression("- -a", .unary(.negate, .unary(.negate, a)))
        assertExpression("+a", a)
        assertExpression("a = b IS NULL", .unary(.isNull, binary(.equal, a, b)))
    }

    func testComparisons() {
        let operators: [(String, BinaryOperator)] = [
            ("=", .equal), ("==", .equal), ("!=", .notEqual), ("<>", .notEqual), ("<", .less), ("<=", .lessOrEqual),
            (">", .greater), (">=", .greaterOrEqual), ("<=>", .nullSafeEqual),
        ]
        for (spelling, op) in operators {
            assertExpression("a \(spelling) 1", binary(op, col("a"), lit(1)))
        }
    }

    func testPredicates() {
        let a = col("a")
        assertExpression("a IS NULL", .unary(.isNull, a))
        assertExpression("a IS NOT NULL", .unary(.isNotNull, a))
        assertExpression("a IS DISTINCT FROM 1", not(binary(.nullSafeEqual, a, lit(1))))
        assertExpression("a IS NOT DISTINCT FROM 1", binary(.nullSafeEqual, a, lit(1)))
        assertExpression("a IN (1, 2)", .inList(a, [lit(1), lit(2)]))
        assertExpression("a NOT IN (1)", not(.inList(a, [lit(1)])))
        assertExpression("a IN (SELECT b FROM t)", .inSubquery(a, .project([col("b")], table("t"))))
        assertExpression("a NOT BETWEEN 1 AND 2",
                         not(binary(.and, binary(.greaterOrEqual, a, lit(1)), binary(.lessOrEqual, a, lit(2)))))
        assertExpression("a LIKE 'x%'", call("like", a, lit("x%")))
        assertExpression("a NOT LIKE 'x%'", not(call("like", a, lit("x%"))))
        assertExpression("a ILIKE 'x%'", call("ilike", a, lit("x%")))
        assertExpression("a RLIKE '^x'", call("rlike", a, lit("^x")))
        assertExpression("a REGEXP '^x'", call("rlike", a, lit("^x")))
    }

    func testSubqueries() {
        let plan = LogicalPlan.aggregate(grouping: [], aggregates: [call("max", col("x"))], table("t"))
        assertExpression("(SELECT max(x) FROM t)", .scalarSubquery(plan))
        assertExpression("EXISTS (SELECT max(x) FROM t)", .exists(plan))
        assertExpression("NOT EXISTS (SELECT max(x) FROM t)", not(.exists(plan)))
    }

    func testCaseAndCasts() {
        assertExpression("CASE WHEN a > 0 THEN 'p' WHEN a < 0 THEN 'n' ELSE 'z' END",
                         .caseWhen([WhenClause(condition: binary(.greater, col("a"), lit(0)), value: lit("p")),
                                    WhenClause(condition: binary(.less, col("a"), lit(0)), value: lit("n"))],
                                   otherwise: lit("z")))
        assertExpression("CASE a WHEN 1 THEN 'one' END",
                         .caseWhen([WhenClause(condition: binary(.equal, col("a"), lit(1)), value: lit("one"))], otherwise: nil))
        assertExpression("CAST(a AS BIGINT)", .cast(col("a"), .long))
        assertExpression("cast(a as decimal(10, 2))", .cast(col("a"), .double))
        assertExpression("a::string", .cast(col("a"), .string))
        assertExpression("-1::string", .cast(.literal(.integer(-1)), .string))
    }

    func testFunctionCalls() {
        assertExpression("LOWER(A)", call("lower", col("A")))
        assertExpression("COUNT(*)", call("count", lit(1)))
        assertExpression("count(DISTINCT a, b)", call("count", col("a"), col("b"), distinct: true))
        assertExpression("count(ALL a)", call("count", col("a")))
        assertExpression("now()", call("now"))
        assertExpression("left(s, 2)", call("left", col("s"), lit(2)))
        assertExpression("db.MyUDF(x)", call("db.myudf", col("x")))
    }

    func testWindows() {
        let sorted = [SortOrder(col("t"))]
        let cases: [(String, WindowFrame?)] = [
            ("ROWS BETWEEN 2 PRECEDING AND CURRENT ROW", WindowFrame(isRows: true, start: -2, end: 0)),
            ("RANGE BETWEEN UNBOUNDED PRECEDING AND 3 FOLLOWING", WindowFrame(isRows: false, start: nil, end: 3)),
            ("ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING", WindowFrame(isRows: true, start: 0, end: nil)),
            ("ROWS UNBOUNDED PRECEDING", WindowFrame(isRows: true, start: nil, end: 0)),
            ("", nil),
        ]
        for (frame, expected) in cases {
            assertExpression("sum(x) OVER (PARTITION BY g, h ORDER BY t \(frame))",
                             .window(call("sum", col("x")), WindowSpec(partitionBy: [col("g"), col("h")], orderBy: sorted, frame: expected)))
        }
        assertExpression("row_number() OVER ()", .window(call("row_number"), WindowSpec()))
    }

    func testSortItems() throws {
        guard case let .query(.sort(items, true, _)) =
                try SQLParser.parseStatement("SELECT * FROM t ORDER BY a, b DESC, c ASC NULLS LAST, d DESC NULLS FIRST") else {
            return XCTFail("not a sort")
        }
        XCTAssertEqual(items, [SortOrder(col("a")), SortOrder(col("b"), ascending: false),
                               SortOrder(col("c"), nullsFirst: false), SortOrder(col("d"), ascending: false, nullsFirst: true)])
    }

    func testDataTypes() throws {
        let cases: [(String, DataType)] = [
            ("int", .integer), ("INTEGER", .integer), ("tinyint", .integer), ("bigint", .long), ("long", .long),
            ("double", .double), ("float", .float), ("string", .string), ("varchar(20)", .string), ("boolean", .boolean),
            ("decimal(10, 2)", .double), ("date", .date), ("timestamp", .timestamp),
            ("array<array<string>>", .array(element: .array(element: .string, containsNull: true), containsNull: true)),
            ("struct<a: int, `b c` string NOT NULL>",
             .structure(StructType([StructField("a", .integer), StructField("b c", .string, nullable: false)]))),
            ("struct<>", .structure(StructType())),
        ]
        for (text, type) in cases {
            XCTAssertEqual(try SQLParser.parseDataType(text), type, text)
        }
    }
}
