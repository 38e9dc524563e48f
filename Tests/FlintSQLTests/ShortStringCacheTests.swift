import FlintCore
import XCTest
@testable import FlintSQL

final class ShortStringCacheTests: XCTestCase {
    func testEveryLengthAndByteGivesTheDecodedString() {
        let cache = ShortStringCache()
        var generator = SeededRandom(seed: 3)
        let alphabet = Array("abcXYZ019 ,é€".utf8)
        for _ in 0..<3 {
            for length in 0...20 {
                for _ in 0..<50 {
                    let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
                    bytes.withUnsafeBufferPointer { buffer in
                        let expected = String(decoding: buffer, as: UTF8.self)
                        XCTAssertEqual(cache.string(buffer), expected, "\(bytes)")
                        let ascii = length <= 15 && bytes.allSatisfy { $0 < 0x80 }
                        XCTAssertEqual(cache.asciiString(buffer), ascii ? expected : nil, "\(bytes)")
                    }
                }
            }
        }
        // Values differing only in their last byte, or only in length (zero padding), stay apart.
        for text in ["cat0420", "cat042", "cat04", "a\u{0}", "a", "abcdefgh", "abcdefgh\u{0}"] {
            var copy = text
            XCTAssertEqual(copy.withUTF8 { cache.string($0) }, text)
        }
    }

    func testLargeStringColumnsRoundTripThroughTheShuffleEncoding() throws {
        let values = (0..<1000).map { row in
            switch row % 4 {
            case 0: "cat\(row % 7)"
            case 1: "déjà \(row % 3)"
            case 2: "a string longer than fifteen bytes \(row)"
            default: ""
            }
        }
        let batch = ColumnBatch(schema: StructType([StructField("s", .string)]),
                                columns: [ColumnVector(dataType: .string, storage: .string(values))], rowCount: values.count)
        var writer = ByteWriter()
        batch.serialize(into: &writer)
        var reader = ByteReader(writer.bytes)
        let decoded = try ColumnBatch.deserialize(from: &reader)
        XCTAssertTrue(reader.isAtEnd)
        XCTAssertEqual((0..<decoded.rowCount).map { decoded.columns[0].value(at: $0) }, values.map { Value.string($0) })
    }
}
