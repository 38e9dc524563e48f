import XCTest
@testable import FlintLinalg

final class VectorFormatTests: XCTestCase {
    func testDoublesPrintAsJava() {
        let cases: [(Double, String)] = [
            (1, "1.0"), (0.1, "0.1"), (-2.5, "-2.5"), (0, "0.0"), (-0.0, "-0.0"), (100, "100.0"),
            (0.001, "0.001"), (0.0001, "1.0E-4"), (1e-5, "1.0E-5"), (1.5e-7, "1.5E-7"),
            (1234567, "1234567.0"), (9_999_999, "9999999.0"), (1e7, "1.0E7"), (12_345_678, "1.2345678E7"),
            (1e16, "1.0E16"), (1e22, "1.0E22"), (123.456, "123.456"), (1.0 / 3, "0.3333333333333333"),
            (.ulpOfOne, "2.220446049250313E-16"), (.greatestFiniteMagnitude, "1.7976931348623157E308"),
            (.leastNonzeroMagnitude, "4.9E-324"), (.nan, "NaN"), (.infinity, "Infinity"),
            (-.infinity, "-Infinity"), (-0.00123, "-0.00123"), (2 * .leastNonzeroMagnitude, "9.9E-324"),
            (3 * .leastNonzeroMagnitude, "1.5E-323"), (.leastNormalMagnitude, "2.2250738585072014E-308"),
        ]
        for (value, java) in cases {
            XCTAssertEqual(value.javaDescription, java, "\(value)")
        }
    }

    func testSparksStringForms() throws {
        XCTAssertEqual(Vectors.dense(1, 2).description, "[1.0,2.0]")
        XCTAssertEqual(try Vectors.sparse(3, [0, 2], [1, 3]).description, "(3,[0,2],[1.0,3.0])")
        XCTAssertEqual(Vectors.dense(1e-5, -0.5, 1e7).description, "[1.0E-5,-0.5,1.0E7]")
        XCTAssertEqual(Vectors.dense([]).description, "[]")
        XCTAssertEqual(try Vectors.sparse(2, [], []).description, "(2,[],[])")
    }

    func testParseRoundTrip() throws {
        var random = SeededGenerator(seed: 3)
        var vectors: [Vector] = [
            Vectors.dense(1, 2), try Vectors.sparse(3, [0, 2], [1, 3]), Vectors.dense([]),
            try Vectors.sparse(0, [], []), Vectors.dense(1e-300, -1e300, .ulpOfOne, 0.1, .nan, -.infinity),
        ]
        vectors += (0..<10).map { _ in Vector.sparse(random.sparseVector(size: 12, density: 0.5)) }
        vectors += (0..<10).map { _ in Vectors.dense(random.values(5, in: -1e6...1e6)) }
        for vector in vectors {
            let parsed = try Vectors.parse(vector.description)
            XCTAssertEqual(parsed.description, vector.description)
            XCTAssertEqual(parsed.toArray().map(\.bitPattern), vector.toArray().map(\.bitPattern))
            XCTAssertEqual(parsed.numActives, vector.numActives, "the form is kept")
        }
    }

    func testParseAcceptsWhitespaceAndJavaNumbers() throws {
        XCTAssertEqual(try Vectors.parse(" [ 1 , 2.5E-3 ,1e2] ").toArray(), [1, 0.0025, 100])
        XCTAssertEqual(try Vectors.parse("( 4 , [ 1, 3.0 ] , [ -1.0 , Infinity ] )"),
                       try Vectors.sparse(4, [1, 3], [-1, .infinity]))
        XCTAssertTrue(try Vectors.parse("[NaN]")[0].isNaN)
    }

    func testParseErrorsSayWhatWasExpectedWhere() {
        let cases: [(String, String)] = [
            ("", "expected '[' or '(' at offset 0"),
            ("[1.0,,2.0]", "expected a number at offset 5"),
            ("[1.0,2.0", "expected ',' or ']' at offset 8"),
            ("[1.0;2.0]", "'1.0;2.0' is not a number at offset 1"),
            ("[1.0] x", "unexpected text after the vector at offset 6"),
            ("(3,[0,2],[1.0])", ""),
            ("(3,[0.5],[1.0])", "the index 0.5 is not an integer"),
            ("(3,[0],[1.0]", "expected ')' at offset 12"),
        ]
        for (text, reason) in cases {
            XCTAssertThrowsError(try Vectors.parse(text), text) { error in
                guard case let LinearAlgebraError.malformedVector(input, actualReason) = error else {
                    XCTAssertEqual(error as? LinearAlgebraError,
                                   .dimensionMismatch(operation: "SparseVector: values for 2 indices", expected: 2, actual: 1))
                    return
                }
                XCTAssertEqual(input, text)
                XCTAssertEqual(actualReason, reason)
            }
        }
        assertThrows(LinearAlgebraError.indexOutOfBounds(index: 3, position: 0, size: 3)) {
            try Vectors.parse("(3,[3],[1.0])")
        }
        XCTAssertEqual(LinearAlgebraError.malformedVector(input: "[1", reason: "expected ',' or ']' at offset 2").description,
                       "cannot parse a vector from '[1': expected ',' or ']' at offset 2")
    }
}
