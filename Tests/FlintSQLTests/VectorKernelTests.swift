import XCTest
@testable import FlintSQL

/// The column kernels against row-by-row answers: comparisons with a literal on either side,
/// three-valued AND / OR, NaN ordering and byte-wise string equality.
final class VectorKernelTests: XCTestCase {
    private let x = Attribute(name: "x", dataType: .double, nullable: true)
    private let s = Attribute(name: "s", dataType: .string, nullable: true)
    private let p = Attribute(name: "p", dataType: .boolean, nullable: true)
    private let q = Attribute(name: "q", dataType: .boolean, nullable: true)

    private func evaluate(_ expression: Expression, _ columns: [Attribute], _ rows: [[Value]]) throws -> [Value] {
        let batch = ColumnBatch(schema: StructType(columns.map(\.field)), rows: rows)
        let result = try ExpressionEvaluator(input: columns, functions: FunctionRegistry()).evaluate(expression, batch)
        return (0..<batch.rowCount).map { result.value(at: $0) }
    }

    func testComparisonsWithALiteralOnEitherSide() throws {
        let rows: [[Value]] = [[.double(1)], [.double(2)], [.null], [.double(.nan)], [.double(-0.5)]]
        let cases: [(BinaryOperator, [Value])] = [
            (.less, [.boolean(true), .boolean(false), .null, .boolean(false), .boolean(true)]),
            (.lessOrEqual, [.boolean(true), .boolean(true), .null, .boolean(false), .boolean(true)]),
            (.greater, [.boolean(false), .boolean(false), .null, .boolean(true), .boolean(false)]),
            (.greaterOrEqual, [.boolean(false), .boolean(true), .null, .boolean(true), .boolean(false)]),
            (.equal, [.boolean(false), .boolean(true), .null, .boolean(false), .boolean(false)]),
            (.notEqual, [.boolean(true), .boolean(false), .null, .boolean(true), .boolean(true)]),
        ]
        for (op, expected) in cases {
            XCTAssertEqual(try evaluate(.binary(op, .attribute(x), .literal(.double(2))), [x], rows), expected, "x \(op.rawValue) 2")
            XCTAssertEqual(try evaluate(.binary(op.flipped!, .literal(.double(2)), .attribute(x)), [x], rows), expected,
                           "2 \(op.flipped!.rawValue) x")
        }
        XCTAssertEqual(try evaluate(.binary(.equal, .attribute(x), .literal(.double(.nan))), [x], rows),
                       [.boolean(false), .boolean(false), .null, .boolean(true), .boolean(false)], "NaN equals NaN, as Spark")
    }

    func testStringEqualityIsByteWise() throws {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        XCTAssertEqual(composed, decomposed, "Swift's == equates canonically equivalent strings")
        let rows: [[Value]] = [[.string(composed)], [.string(decomposed)], [.null], [.string("tea")]]
        XCTAssertEqual(try evaluate(.binary(.equal, .attribute(s), .literal(.string(composed))), [s], rows),
                       [.boolean(true), .boolean(false), .null, .boolean(false)])
        XCTAssertEqual(try evaluate(.binary(.notEqual, .literal(.string(decomposed)), .attribute(s)), [s], rows),
                       [.boolean(true), .boolean(false), .null, .boolean(true)])
        XCTAssertNotEqual(Value.compareUTF8(composed, decomposed), 0)
    }

    func testThreeValuedLogic() throws {
        let values: [Value] = [.boolean(true), .boolean(false), .null]
        let rows = values.flatMap { a in values.map { b in [a, b] } }
        func expectedAnd(_ a: Value, _ b: Value) -> Value {
            if a == .boolean(false) || b == .boolean(false) { return .boolean(false) }
            return a.isNull || b.isNull ? .null : .boolean(true)
        }
        func expectedOr(_ a: Value, _ b: Value) -> Value {
            if a == .boolean(true) || b == .boolean(true) { return .boolean(true) }
            return a.isNull || b.isNull ? .null : .boolean(false)
        }
        XCTAssertEqual(try evaluate(.binary(.and, .attribute(p), .attribute(q)), [p, q], rows), rows.map { expectedAnd($0[0], $0[1]) })
        XCTAssertEqual(try evaluate(.binary(.or, .attribute(p), .attribute(q)), [p, q], rows), rows.map { expectedOr($0[0], $0[1]) })
        let noNulls: [[Value]] = [[.boolean(true), .boolean(false)], [.boolean(true), .boolean(true)]]
        XCTAssertEqual(try evaluate(.binary(.and, .attribute(p), .attribute(q)), [p, q], noNulls), [.boolean(false), .boolean(true)])
    }

    func testLiteralColumnsRepeatOneValue() {
        let column = ColumnVector.constant(.string("a"), dataType: .string, count: 3)
        XCTAssertEqual((0..<3).map { column.value(at: $0) }, [.string("a"), .string("a"), .string("a")])
        let nulls = ColumnVector.constant(.null, dataType: .long, count: 2)
        XCTAssertEqual((0..<2).map { nulls.value(at: $0) }, [.null, .null])
        XCTAssertEqual(ColumnVector.constant(.integer(7), dataType: .long, count: 2).value(at: 1), .long(7), "converted to the type")
    }
}
