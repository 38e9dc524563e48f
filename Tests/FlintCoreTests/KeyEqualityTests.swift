import XCTest
@testable import FlintCore

/// The hash tables' key comparison agrees with `==` for strings of every representation.
final class KeyEqualityTests: XCTestCase {
    func testAgreesWithEqualityForSmallLargeAndNonASCIIStrings() {
        let long = String(repeating: "abcdefgh", count: 4)
        let pairs: [(String, String)] = [
            ("", ""), ("word", "word"), ("word", "words"), ("fifteen-bytes!!", "fifteen-bytes!!"),
            (long, String(repeating: "abcdefgh", count: 4)),  // equal, separate storage
            (long, long + "x"), ("café", "cafe\u{301}"),        // canonically equivalent
            ("café", "cafe"), (long, String(long.dropLast()) + "H"),
        ]
        for (a, b) in pairs {
            XCTAssertEqual(KeyEquality.equal(a, b), a == b, "\(a) vs \(b)")
            XCTAssertEqual(KeyEquality.equal(b, a), a == b, "\(b) vs \(a)")
        }
        XCTAssertTrue(KeyEquality.equal(Int64(7), 7))
        XCTAssertFalse(KeyEquality.equal(Int64(7), 8))
    }

    func testStringKeysAggregateByValue() throws {
        let sc = try FlintContext(conf: FlintConf(loadDefaults: false).setMaster("local[2]").setAppName("keys")
            .set("flint.ui.showConsoleProgress", "false"))
        defer { sc.stop() }
        // The same words built from different lines (separate storage for the long ones).
        let lines = (0..<200).map { "a \(String(repeating: "long-word-", count: 3))\($0 % 3) café cafe\u{301}" }
        let counts = Dictionary(uniqueKeysWithValues: try sc.parallelize(lines, numSlices: 4)
            .flatMap { $0.split(separator: " ").map(String.init) }.map { ($0, 1) }.reduceByKey(+).collect())
        XCTAssertEqual(counts["a"], 200)
        XCTAssertEqual(counts["long-word-long-word-long-word-0"], 67)
        XCTAssertEqual(counts["café"], 400, "canonically equivalent spellings are one key, as Swift's ==")
        XCTAssertEqual(counts.count, 5)
    }
}
