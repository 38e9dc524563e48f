import FlintCore
import XCTest

final class PropertiesFileTests: XCTestCase {
    private func pairs(_ text: String) throws -> [String] {
        try PropertiesFile.parse(text).map { "\($0.key)|\($0.value)" }
    }

    func testSeparatorsAndWhitespace() throws {
        let text = """
            flint.a 1
            flint.b=2
            flint.c:3
              flint.d \t  four words\t
            flint.e = 5
            flint.f : 6
            flint.g=a=b:c
            flint.h\tlocal[*]
            """
        XCTAssertEqual(try pairs(text), [
            "flint.a|1", "flint.b|2", "flint.c|3", "flint.d|four words", "flint.e|5", "flint.f|6",
            "flint.g|a=b:c", "flint.h|local[*]",
        ])
    }

    func testCommentsAndBlankLinesAreSkipped() throws {
        XCTAssertEqual(try pairs("# comment\n\n   \n! also a comment\n  # indented\nflint.a 1\n\n"), ["flint.a|1"])
    }

    func testEmptyValueAfterSeparator() throws {
        XCTAssertEqual(try pairs("flint.a=\nflint.b ="), ["flint.a|", "flint.b|"])
    }

    func testMalformedLineReportsItsLineNumber() {
        XCTAssertThrowsError(try PropertiesFile.parse("# header\nflint.a 1\n\nnovalue\n", source: "x.conf")) { error in
            let parseError = error as? PropertiesFile.ParseError
            XCTAssertEqual(parseError?.line, 4)
            XCTAssertEqual(parseError?.source, "x.conf")
            XCTAssertTrue("\(error)".hasPrefix("x.conf:4: "), "\(error)")
            XCTAssertTrue("\(error)".contains("novalue"))
        }
        XCTAssertThrowsError(try PropertiesFile.parse("=value")) { error in
            XCTAssertEqual((error as? PropertiesFile.ParseError)?.line, 1)
        }
    }

    func testRenderRoundTrips() throws {
        let original = [(key: "flint.a", value: "1"), (key: "flint.b", value: "x y=z")]
        let parsed = try PropertiesFile.parse(PropertiesFile.render(original))
        XCTAssertEqual(parsed.map(\.key), original.map(\.key))
        XCTAssertEqual(parsed.map(\.value), original.map(\.value))
    }

    func testByteSizeParse() {
        XCTAssertEqual(ByteSize.parse("1024"), 1024)
        XCTAssertEqual(ByteSize.parse("10b"), 10)
        XCTAssertEqual(ByteSize.parse("64k"), 64 << 10)
        XCTAssertEqual(ByteSize.parse("64KB"), 64 << 10)
        XCTAssertEqual(ByteSize.parse("512m"), 512 << 20)
        XCTAssertEqual(ByteSize.parse("2g"), 2 << 30)
        XCTAssertEqual(ByteSize.parse(" 2G "), 2 << 30)
        XCTAssertEqual(ByteSize.parse("1t"), 1 << 40)
        XCTAssertEqual(ByteSize.parse("1.5g"), 3 << 29)
        XCTAssertEqual(ByteSize.parse("512", defaultUnit: 1 << 20), 512 << 20)
        for bad in ["", "g", "2x", "-1g", "2 g", "two"] {
            XCTAssertNil(ByteSize.parse(bad), bad)
        }
    }

    func testByteSizeFormat() {
        XCTAssertEqual(ByteSize.format(512), "512 B")
        XCTAssertEqual(ByteSize.format(2048), "2.0 KiB")
        XCTAssertEqual(ByteSize.format(3 << 29), "1.5 GiB")
    }
}
