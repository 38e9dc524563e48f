import XCTest
@testable import FlintSQL

/// Syntax errors: where they point, what they say.
final class SQLParserErrorTests: ParserTestCase {
    func testUnexpectedTokenAsSparkShowsIt() throws {
        let error = try XCTUnwrap(syntaxError("SELECT * FORM t"))
        XCTAssertEqual(error.reason, .unexpectedToken)
        XCTAssertEqual([error.line, error.column], [1, 10])
        XCTAssertEqual(error.found, "FORM")
        XCTAssertEqual(Array(error.expected.prefix(4)), ["','", "FROM", "WHERE", "GROUP BY"])
        XCTAssertEqual(error.description, """
            [PARSE_SYNTAX_ERROR] Syntax error at or near 'FORM': expected ',', FROM, WHERE, GROUP BY, HAVING, \
            WINDOW, INTERSECT, UNION, EXCEPT, MINUS, ORDER BY, CLUSTER BY, DISTRIBUTE BY, SORT BY, LIMIT, ';', end of input (line 1, pos 9)

            == SQL ==
            SELECT * FORM t
            ---------^^^
            """)
    }

    func testErrorOnALaterLine() throws {
        let error = try XCTUnwrap(syntaxError("SELECT a\nFROM t\nWHERE a = = 1\nORDER BY a"))
        XCTAssertEqual([error.line, error.column], [3, 11])
        XCTAssertEqual(error.found, "=")
        XCTAssertEqual(error.expected, ["expression"])
        XCTAssertEqual(error.description, """
            [PARSE_SYNTAX_ERROR] Syntax error at or near '=': expected expression (line 3, pos 10)

            == SQL ==
            SELECT a
            FROM t
            WHERE a = = 1
            ----------^^^
            ORDER BY a
            """)
    }

    func testUnexpectedEndOfInput() throws {
        let empty = try XCTUnwrap(syntaxError(""))
        XCTAssertNil(empty.found)
        XCTAssertTrue(empty.expected.contains("SELECT"), "\(empty.expected)")
        XCTAssertTrue(empty.message.hasPrefix("Syntax error at or near end of input: expected"), empty.message)
        let where_ = try XCTUnwrap(syntaxError("SELECT a FROM t WHERE"))
        XCTAssertEqual([where_.line, where_.column], [1, 22])
        XCTAssertEqual(where_.expected, ["expression"])
    }

    func testMissingClosingParenthesis() throws {
        let call = try XCTUnwrap(syntaxError("SELECT count(a FROM t"))
        XCTAssertEqual(call.found, "FROM")
        XCTAssertEqual(call.expected, ["','", "')'"])
        let group = try XCTUnwrap(syntaxError("SELECT (a + b FROM t"))
        XCTAssertEqual(group.expected, ["')'"])
        let subquery = try XCTUnwrap(syntaxError("SELECT * FROM (SELECT 1"))
        XCTAssertNil(subquery.found)
        XCTAssertTrue(subquery.expected.contains("')'"), "\(subquery.expected)")
    }

    func testReservedKeywordAsIdentifier() throws {
        let alias = try XCTUnwrap(syntaxError("SELECT a AS from FROM t"))
        XCTAssertEqual(alias.reason, .reservedKeyword)
        XCTAssertEqual(alias.found, "from")
        XCTAssertEqual(alias.column, 13)
        XCTAssertTrue(alias.message.contains("'from' is a reserved keyword, write `from` to use it as a name"), alias.message)
        XCTAssertEqual(syntaxError("SELECT * FROM select")?.reason, .reservedKeyword)
        XCTAssertEqual(syntaxError("SELECT order FROM t")?.reason, .reservedKeyword)
        XCTAssertEqual(syntaxError("CREATE TEMP VIEW table AS SELECT 1")?.reason, .reservedKeyword)
        assertQuery("SELECT `order` FROM `select`", select(col("order"), from: table("select")))
    }

    func testLexicalErrors() throws {
        let string = try XCTUnwrap(syntaxError("SELECT 'abc\nFROM t"))
        XCTAssertEqual(string.reason, .unterminatedString)
        XCTAssertEqual([string.line, string.column], [1, 8])
        XCTAssertEqual(string.found, "'abc")
        XCTAssertEqual(syntaxError("SELECT \"abc")?.reason, .unterminatedString)
        XCTAssertEqual(syntaxError("SELECT 'abc\\'")?.reason, .unterminatedString)
        XCTAssertEqual(syntaxError("SELECT `abc")?.reason, .unterminatedQuotedIdentifier)
        let comment = try XCTUnwrap(syntaxError("SELECT 1 /* a /* b */"))
        XCTAssertEqual(comment.reason, .unterminatedComment)
        XCTAssertEqual(comment.column, 10)
        XCTAssertTrue(comment.description.hasPrefix("[UNCLOSED_BRACKETED_COMMENT]"), comment.description)
        let character = try XCTUnwrap(syntaxError("SELECT a @ b"))
        XCTAssertEqual(character.reason, .unexpectedCharacter)
        XCTAssertEqual(character.found, "@")
        XCTAssertEqual(character.column, 10)
    }

    func testInvalidLiterals() throws {
        let date = try XCTUnwrap(syntaxError("SELECT DATE '2024-13-01'"))
        XCTAssertEqual(date.reason, .invalidLiteral("the value of the typed literal DATE is invalid"))
        XCTAssertEqual(date.found, "'2024-13-01'")
        XCTAssertEqual(syntaxError("SELECT TIMESTAMP 'noon'")?.found, "'noon'")
        XCTAssertEqual(syntaxError("SELECT 1e400")?.reason, .invalidLiteral("numeric literal out of range"))
        XCTAssertEqual(syntaxError("SELECT 9223372036854775808L")?.reason, .invalidLiteral("numeric literal out of range"))
        XCTAssertEqual(syntaxError("SELECT 1 LIMIT 1.5")?.expected, ["integer"])
    }

    func testInvalidInlineTables() throws {
        let width = try XCTUnwrap(syntaxError("VALUES (1, 2), (3)"))
        XCTAssertEqual(width.reason, .invalidInlineTable("expected 2 values in each row, found 1"))
        XCTAssertEqual(width.column, 16)
        XCTAssertEqual(syntaxError("VALUES (1 + 1)")?.reason, .invalidInlineTable("a cell must be a literal"))
        XCTAssertEqual(syntaxError("VALUES (1), ('a')")?.reason, .invalidInlineTable("column col1 mixes int and string values"))
        XCTAssertEqual(syntaxError("VALUES (1, 2) AS t(a)")?.reason, .invalidInlineTable("1 column names for 2 columns"))
    }

    func testOtherUnexpectedTokens() throws {
        XCTAssertEqual(syntaxError("SELECT 1 2")?.expected.last, "end of input")
        XCTAssertEqual(syntaxError("SELECT a NOT 1")?.expected, ["IN", "BETWEEN", "LIKE", "ILIKE", "RLIKE"])
        XCTAssertEqual(syntaxError("CREATE VIEW v AS SELECT 1")?.expected, ["OR REPLACE", "GLOBAL", "TEMP", "TEMPORARY"])
        XCTAssertEqual(syntaxError("SELECT * FROM a LEFT b")?.expected, ["SEMI", "ANTI", "OUTER", "JOIN"])
        XCTAssertEqual(syntaxError("SELECT * FROM t GROUP a")?.expected, ["BY"])
        XCTAssertEqual(syntaxError("SELECT CASE WHEN a THEN 1")?.expected, ["WHEN", "ELSE", "END"])
        XCTAssertEqual(syntaxError("SELECT CAST(a AS map<int, int>)")?.expected, ["data type"])
        let frame = try XCTUnwrap(syntaxError("SELECT sum(x) OVER (ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW)"))
        XCTAssertEqual(frame.found, "FOLLOWING")
        XCTAssertEqual(frame.expected, ["PRECEDING"])
        let window = try XCTUnwrap(syntaxError("SELECT rank() OVER w FROM t"))
        XCTAssertEqual(window.reason, .undefinedWindow("w"))
        XCTAssertEqual(window.column, 20)
    }

    func testOtherEntryPointsReportErrors() throws {
        XCTAssertThrowsError(try SQLParser.parseExpression("a +")) { error in
            XCTAssertEqual((error as? SQLSyntaxError)?.expected, ["expression"])
        }
        XCTAssertThrowsError(try SQLParser.parseDataType("array<int")) { error in
            XCTAssertEqual((error as? SQLSyntaxError)?.expected, ["'>'"])
        }
        XCTAssertThrowsError(try SQLParser.parseStatements("SELECT 1;\nSELECT FROM t")) { error in
            XCTAssertEqual((error as? SQLSyntaxError)?.line, 2)
            XCTAssertEqual((error as? SQLSyntaxError)?.reason, .reservedKeyword)
        }
    }
}
