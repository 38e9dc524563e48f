import XCTest
@testable import FlintCore

/// `String.fields(separatedBy:)` against the standard library's split, for fields of every
/// length around the small-string limit, ASCII and not, at every distance from the buffer's end.
final class StringFieldsTests: XCTestCase {
    private func reference(_ line: String, _ separator: Character, omitting: Bool) -> [String] {
        line.split(separator: separator, omittingEmptySubsequences: omitting).map(String.init)
    }

    func testFieldsMatchTheStandardSplit() {
        XCTAssertTrue(SmallASCII.layoutMatches, "small strings are made directly on this platform")
        var lines = ["", " ", "a", "a b", " a b ", "a  b", "the quick brown fox", "é", "déjà vu", "日本 語",
                     "fifteen bytes!! sixteen bytes!!! x"]
        for length in 0...40 {
            let word = String((0..<length).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })
            lines += [word, word + " " + word, "x " + word, word + " é", "é" + word + " " + word]
        }
        for line in lines {
            for omitting in [false, true] {
                let fields = line.fields(separatedBy: " ", omittingEmptyFields: omitting)
                XCTAssertEqual(fields, reference(line, " ", omitting: omitting), "\(line.debugDescription), omitting \(omitting)")
                let sequence = line.fieldSequence(separatedBy: " ", omittingEmptyFields: omitting)
                XCTAssertEqual(Array(sequence), fields)
                XCTAssertEqual(Array(sequence), fields, "iterated again")
                for field in fields {
                    XCTAssertEqual(field.utf8.count, Array(field.utf8).count)
                    XCTAssertEqual(field.hashValue, String(decoding: Array(field.utf8), as: UTF8.self).hashValue)
                    XCTAssertEqual(StableHash.hash(field), StableHash.hash(String(decoding: Array(field.utf8), as: UTF8.self)))
                }
            }
        }
        XCTAssertEqual("a,b,,c".fields(separatedBy: ","), ["a", "b", "", "c"])
        XCTAssertEqual(" a\tb \r\n c\u{0B}d\u{0C}e  ".fieldsSeparatedByWhitespace(), ["a", "b", "c", "d", "e"])
        XCTAssertEqual("\t \n".fieldsSeparatedByWhitespace(), [])
        for line in lines {
            XCTAssertEqual(line.fieldsSeparatedByWhitespace(), line.split(whereSeparator: { $0.isASCII && $0.isWhitespace }).map(String.init))
        }
        XCTAssertEqual("k\tv".fields(separatedBy: "\t"), ["k", "v"])
    }
}
