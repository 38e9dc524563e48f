import struct Foundation.Data
import class Foundation.JSONDecoder
import class Foundation.JSONEncoder
import XCTest
@testable import FlintSQL

/// FlintSQL's, not Foundation's (which XCTest brings in).
typealias Expression = FlintSQL.Expression

/// The base of the SQL parser tests: shorthands for trees and assertions that compare them with
/// ids ignored. (Members, not free functions, so that they never clash with FlintSQL's own.)
class ParserTestCase: XCTestCase {
    /// `value` with every id (of attributes and aliases) set to 0, so that trees built with fresh ids
    /// compare equal; done through the trees' `Codable` form, which names every id `id`.
    func normalized<T: Codable>(_ value: T) -> T {
        let text = String(decoding: try! JSONEncoder().encode(value), as: UTF8.self)
            .replacing(#/"id":-?\d+/#, with: #""id":0"#)
        return try! JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    /// `statement` with every id set to 0.
    func normalized(_ statement: SQLStatement) -> SQLStatement {
        switch statement {
        case let .query(plan): .query(normalized(plan))
        case let .createTempView(name, replace, query): .createTempView(name: name, replace: replace, query: normalized(query))
        case let .explain(plan, extended): .explain(normalized(plan), extended: extended)
        case .dropView, .showTables, .describe: statement
        }
    }

    func col(_ parts: String...) -> Expression { .unresolvedAttribute(parts) }
    func lit(_ value: Int32) -> Expression { .literal(.integer(value)) }
    func lit(_ value: String) -> Expression { .literal(.string(value)) }
    func call(_ name: String, _ arguments: Expression..., distinct: Bool = false) -> Expression {
        .function(name: name, arguments: arguments, isDistinct: distinct)
    }
    func named(_ expression: Expression, _ name: String) -> Expression { .alias(expression, name: name, id: 0) }
    func table(_ parts: String...) -> LogicalPlan { .unresolvedRelation(parts) }
    func binary(_ op: BinaryOperator, _ left: Expression, _ right: Expression) -> Expression { .binary(op, left, right) }
    func not(_ expression: Expression) -> Expression { .unary(.not, expression) }

    /// `SELECT items FROM relation`, as the parser builds it.
    func select(_ items: Expression..., from relation: LogicalPlan) -> LogicalPlan { .project(items, relation) }

    /// Asserts that `sql` parses to `expected` (ids ignored).
    func assertStatement(_ sql: String, _ expected: SQLStatement, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let statement = try SQLParser.parseStatement(sql)
        XCTAssertEqual(normalized(statement), normalized(expected), sql, file: file, line: line)
        } catch {
            XCTFail("\(sql): \(error)", file: file, line: line)
        }
    }

    /// Asserts that the query `sql` parses to `expected` (ids ignored).
    func assertQuery(_ sql: String, _ expected: LogicalPlan, file: StaticString = #filePath, line: UInt = #line) {
        assertStatement(sql, .query(expected), file: file, line: line)
    }

    /// Asserts that the expression `text` parses to `expected` (ids ignored).
    func assertExpression(_ text: String, _ expected: Expression, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let expression = try SQLParser.parseExpression(text)
        XCTAssertEqual(normalized(expression), normalized(expected), text, file: file, line: line)
        } catch {
            XCTFail("\(text): \(error)", file: file, line: line)
        }
    }

    /// The error parsing `sql` throws (a test failure if it parses).
    func syntaxError(_ sql: String, file: StaticString = #filePath, line: UInt = #line) -> SQLSyntaxError? {
        do {
            let statement = try SQLParser.parseStatement(sql)
            XCTFail("\(sql) parsed as \(statement)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }
}
