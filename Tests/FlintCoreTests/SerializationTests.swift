import XCTest
@testable import FlintCore

final class SerializationTests: XCTestCase {
    // MARK: Helpers

    /// Writes `value` with the serializer resolved for `T`, reads it back, and checks that the
    /// reader consumed exactly what was written.
    private func roundTrip<T>(_ value: T, file: StaticString = #filePath, line: UInt = #line) throws -> T {
        let serializer = try Serializer<T>.make()
        var writer = ByteWriter()
        try serializer.write(value, into: &writer)
        var reader = ByteReader(writer.bytes)
        let decoded = try serializer.read(from: &reader)
        XCTAssertTrue(reader.isAtEnd, "\(T.self): \(reader.remainingCount) bytes left unread", file: file, line: line)
        return decoded
    }

    private func assertRoundTrips<T: Equatable>(_ values: [T], file: StaticString = #filePath, line: UInt = #line) throws {
        for value in values { XCTAssertEqual(try roundTrip(value), value, file: file, line: line) }
    }

    private func bytes(_ body: (inout ByteWriter) -> Void) -> [UInt8] {
        var writer = ByteWriter(capacity: 16)
        body(&writer)
        return writer.bytes
    }

    private func assertThrows<T>(_ expected: SerializationError, _ body: () throws -> T,
                                 file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual(error as? SerializationError, expected, file: file, line: line)
        }
    }

    // MARK: Encodings

    /// Skipping a value moves the reader exactly as far as reading it does, for every format.
    func testSkipMovesPastExactlyOneValue() throws {
        func check<T>(_ values: [T], file: StaticString = #filePath, line: UInt = #line) throws {
            let serializer = try Serializer<T>.make()
            var writer = ByteWriter()
            for value in values { try serializer.write(value, into: &writer) }
            let bytes = writer.bytes
            var reading = ByteReader(bytes), skipping = ByteReader(bytes)
            for _ in values {
                _ = try serializer.read(from: &reading)
                try serializer.skip(in: &skipping)
                XCTAssertEqual(skipping.position, reading.position, "\(T.self)", file: file, line: line)
            }
            XCTAssertTrue(skipping.isAtEnd, file: file, line: line)
            XCTAssertThrowsError(try serializer.skip(in: &skipping), "past the end", file: file, line: line)
        }
        try check(["", "short", String(repeating: "long string ", count: 40), "é ü"])
        try check([Int64.min, 0, 300, .max])
        try check([(1, 2.5), (-3, .infinity)] as [(Int, Double)])
        try check([[1, 2, 3], [], [4]] as [[Int]])
        try check([("a", 1), ("bcdefghijklmnopqrstuvwxyz", 2)] as [(String, Int)])
    }

    func testVarIntEncodings() {
        XCTAssertEqual(bytes { $0.writeVarUInt(0) }, [0])
        XCTAssertEqual(bytes { $0.writeVarUInt(127) }, [0x7F])
        XCTAssertEqual(bytes { $0.writeVarUInt(300) }, [0xAC, 0x02])
        XCTAssertEqual(bytes { $0.writeVarUInt(.max) }.count, 10)
        XCTAssertEqual(bytes { $0.writeVarInt(0) }, [0])
        XCTAssertEqual(bytes { $0.writeVarInt(-1) }, [1])
        XCTAssertEqual(bytes { $0.writeVarInt(1) }, [2])
        XCTAssertEqual(bytes { $0.writeVarInt(-64) }, [0x7F])
        XCTAssertEqual(bytes { $0.writeVarInt(64) }, [0x80, 0x01])
        XCTAssertEqual(bytes { $0.writeVarInt(.min) }, bytes { $0.writeVarUInt(.max) })
        XCTAssertEqual(bytes { $0.writeFixed32(0x0102_0304) }, [4, 3, 2, 1])
        XCTAssertEqual(bytes { $0.writeString("hé") }, [3, 0x68, 0xC3, 0xA9])
    }

    func testWriterReuseAndSubrangeReader() throws {
        var writer = ByteWriter()
        writer.writeString("skip")
        writer.writeVarInt(-5)
        writer.writeDouble(2.5)
        writer.writeBytes([9, 8, 7])
        XCTAssertEqual(writer.count, 5 + 1 + 8 + 3)
        var reader = ByteReader(writer.bytes, range: 5..<writer.count)
        XCTAssertEqual(reader.position, 5)
        XCTAssertEqual(try reader.readVarInt(), -5)
        XCTAssertEqual(try reader.readDouble(), 2.5)
        XCTAssertEqual(try reader.readBytes(count: 3), [9, 8, 7])
        XCTAssertTrue(reader.isAtEnd)
        writer.removeAll(keepingCapacity: true)
        XCTAssertEqual(writer.count, 0)
    }

    func testVarIntsOfEveryLengthRoundTripAtAnyDistanceFromTheEnd() throws {
        var values: [UInt64] = [0, 1, .max, .max - 1]
        for bits in 1..<64 {
            values += [(1 << bits) - 1, 1 << bits, (1 << bits) + 1, (1 << bits) | 0x5555_5555_5555_5555 >> (64 - bits)]
        }
        var writer = ByteWriter()
        for value in values { writer.writeVarUInt(value) }
        var reader = ByteReader(writer.bytes)
        for value in values { XCTAssertEqual(try reader.readVarUInt(), value) }
        XCTAssertTrue(reader.isAtEnd)
        for value in values {
            let encoded = bytes { $0.writeVarUInt(value) }
            var loop = ByteWriter()
            loop.writeLongVarUInt(value, to: loop.reserve(10))
            XCTAssertEqual(encoded, loop.bytes, "the branch-free encoder must match LEB128 for \(value)")
            var exact = ByteReader(encoded)
            XCTAssertEqual(try exact.readVarUInt(), value)
            var padded = ByteReader(encoded + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
            XCTAssertEqual(try padded.readVarUInt(), value)
            XCTAssertEqual(padded.position, encoded.count)
        }
        for value: Int64 in [0, -1, 1, .min, .max, -(1 << 40), 1 << 55] {
            var signed = ByteReader(bytes { $0.writeVarInt(value) })
            XCTAssertEqual(try signed.readVarInt(), value)
        }
    }

    func testWriterIsAValueAndGrows() {
        var original = ByteWriter()
        original.writeString("shared prefix")
        var copy = original
        copy.write(1)
        original.write(2)
        XCTAssertEqual(copy.bytes.last, 1)
        XCTAssertEqual(original.bytes.last, 2)
        XCTAssertEqual(copy.count, original.count)

        var writers = Array(repeating: ByteWriter(), count: 3)
        for (index, _) in writers.enumerated() { writers[index].writeVarUInt(UInt64(index)) }
        XCTAssertEqual(writers.map(\.bytes), [[0], [1], [2]])

        var big = ByteWriter(capacity: 1)
        let chunk = [UInt8](repeating: 7, count: 1000)
        for _ in 0..<100 { big.writeBytes(chunk) }
        big.writeBytes((0..<5).lazy.map { UInt8($0) })
        XCTAssertEqual(big.count, 100_005)
        big.withUnsafeBytes { XCTAssertEqual(Array($0.suffix(6)), [7, 0, 1, 2, 3, 4]) }
        let snapshot = big
        big.removeAll(keepingCapacity: true)
        big.write(9)
        XCTAssertEqual(big.bytes, [9])
        XCTAssertEqual(snapshot.count, 100_005, "clearing one writer leaves its copies intact")
        XCTAssertEqual(snapshot.bytes.first, 7)
    }

    // MARK: Primitives and collections

    func testIntegerRoundTrips() throws {
        try assertRoundTrips([0, 1, -1, 63, -64, 64, 1 << 40, Int.min, Int.max])
        try assertRoundTrips([Int8.min, -1, 0, Int8.max])
        try assertRoundTrips([Int16.min, -1, 0, Int16.max])
        try assertRoundTrips([Int32.min, -1, 0, Int32.max])
        try assertRoundTrips([Int64.min, -1, 0, Int64.max])
        try assertRoundTrips([UInt.min, 128, UInt.max])
        try assertRoundTrips([UInt8.min, 200, UInt8.max])
        try assertRoundTrips([UInt16.min, 300, UInt16.max])
        try assertRoundTrips([UInt32.min, 1 << 31, UInt32.max])
        try assertRoundTrips([UInt64.min, 1 << 63, UInt64.max])
        XCTAssertEqual(try Serializer<Int>.make().format, .compact)
    }

    func testFloatingPointBoolAndStringRoundTrips() throws {
        try assertRoundTrips([0.0, -0.0, 1.5, -.pi, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude])
        XCTAssertEqual(try roundTrip(-0.0).sign, .minus)
        XCTAssertTrue(try roundTrip(Double.nan).isNaN)
        try assertRoundTrips([Float(0), -1.25, .infinity, .greatestFiniteMagnitude])
        try assertRoundTrips([true, false])
        try assertRoundTrips(["", "a", "hello, world", "héllo wörld", "日本語のテキスト", "emoji 🚀👩‍👩‍👧",
                              String(repeating: "long string ", count: 200)])
    }

    func testCollectionRoundTrips() throws {
        try assertRoundTrips([[Int](), [1, -2, 3], Array(repeating: Int.min, count: 5)])
        try assertRoundTrips([["a", "", "ü"]])
        try assertRoundTrips([[[1, 2], [], [3]], [[Int]]()])
        try assertRoundTrips([Int?.none, 0, -7])
        try assertRoundTrips([String?.none, "", "x"])
        try assertRoundTrips([Int??.none, .some(.none), .some(.some(4))])
        try assertRoundTrips([[1, nil, 3] as [Int?]])
        try assertRoundTrips([["one": 1, "two": 2, "": 0], [String: Int]()])
        try assertRoundTrips([[1: ["a", "b"], 2: []] as [Int: [String]]])
        try assertRoundTrips([Set(["x", "y", "z"]), Set<String>()])
        XCTAssertEqual(try Serializer<[String: [Int?]]>.make().format, .compact)
    }

    // MARK: Tuples

    func testTrivialTupleUsesRawMemory() throws {
        XCTAssertEqual(try Serializer<(Int, Int)>.make().format, .rawMemory)
        let pair = try roundTrip((Int.min, 42))
        XCTAssertEqual(pair.0, Int.min)
        XCTAssertEqual(pair.1, 42)
        let mixed = try roundTrip((Int8(-3), 2.5, UInt16.max, true))
        XCTAssertTrue(mixed == (-3, 2.5, .max, true))
    }

    func testTuplesOfNonTrivialElements() throws {
        XCTAssertEqual(try Serializer<(String, Int)>.make().format, .tuple)
        XCTAssertTrue(try roundTrip(("key", -9)) == ("key", -9))

        let nested = try roundTrip((7, ("pi", 3.25)))
        XCTAssertEqual(nested.0, 7)
        XCTAssertTrue(nested.1 == ("pi", 3.25))

        let withArray = try roundTrip(("xs", [1, 2, 3]))
        XCTAssertEqual(withArray.0, "xs")
        XCTAssertEqual(withArray.1, [1, 2, 3])

        let withDoubles = try roundTrip(("ds", [0.5, -1.0]))
        XCTAssertEqual(withDoubles.1, [0.5, -1.0])

        let missing = try roundTrip(("none", Int?.none))
        XCTAssertEqual(missing.0, "none")
        XCTAssertNil(missing.1)
        XCTAssertEqual(try roundTrip(("some", Int?.some(5))).1, 5)

        let labelled = try roundTrip((name: "n", count: Int32(-2), flag: false))
        XCTAssertEqual(labelled.name, "n")
        XCTAssertEqual(labelled.count, -2)
        XCTAssertEqual(labelled.flag, false)

        let wide = try roundTrip(("a", 1, "b", 2.0, "c", [UInt8(3)]))
        XCTAssertEqual(wide.4, "c")
        XCTAssertEqual(wide.5, [3])
    }

    func testTupleLayoutMatchesTheCompiler() throws {
        typealias Row = (Int8, String, Double?, [Int])
        let layout = try XCTUnwrap(TupleLayout(of: Row.self))
        XCTAssertEqual(layout.elements.map(\.offset), [
            MemoryLayout<Row>.offset(of: \Row.0), MemoryLayout<Row>.offset(of: \Row.1),
            MemoryLayout<Row>.offset(of: \Row.2), MemoryLayout<Row>.offset(of: \Row.3),
        ])
        XCTAssertTrue(layout.elements[1].type == String.self)
        XCTAssertTrue(layout.elements[2].type == Double?.self)
        XCTAssertNil(TupleLayout(of: Int.self))
        XCTAssertNil(TupleLayout(of: [Int].self))
    }

    func testContainersOfTuplesAreElementwise() throws {
        XCTAssertEqual(try Serializer<[(String, Int)]>.make().format, .elementwise)
        let pairs = try roundTrip([("a", 1), ("b", 2)])
        XCTAssertEqual(pairs.map(\.0), ["a", "b"])
        XCTAssertEqual(pairs.map(\.1), [1, 2])
        let grouped = try roundTrip(["k": [("x", 1.5)]])
        XCTAssertEqual(grouped["k"]?.first?.0, "x")
        let optionalPair = try roundTrip(Optional(("p", 3)))
        XCTAssertEqual(optionalPair?.1, 3)
        // The element-wise and compact layouts are the same bytes.
        var compact = ByteWriter()
        try Serializer<[String]>.make().write(["a", "bc"], into: &compact)
        var elementwise = ByteWriter()
        try Array<String>.elementwiseSerializer().write(["a", "bc"], into: &elementwise)
        XCTAssertEqual(compact.bytes, elementwise.bytes)
    }

    /// A value whose live instances are counted, to check that failed reads destroy what
    /// they had already built.
    private final class Tracked: FlintSerializable {
        nonisolated(unsafe) static var live = 0
        init() { Tracked.live += 1 }
        deinit { Tracked.live -= 1 }
        func serialize(into writer: inout ByteWriter) { writer.write(42) }
        static func deserialize(from reader: inout ByteReader) throws -> Tracked {
            _ = try reader.read()
            return Tracked()
        }
    }

    func testFailedTupleReadDestroysTheElementsAlreadyRead() throws {
        let serializer = try Serializer<(Tracked, String, Tracked)>.make()
        XCTAssertEqual(serializer.format, .tuple)
        var writer = ByteWriter()
        try serializer.write((Tracked(), "middle", Tracked()), into: &writer)
        XCTAssertEqual(Tracked.live, 0)
        var reader = ByteReader(Array(writer.bytes.dropLast()))
        XCTAssertThrowsError(try serializer.read(from: &reader))
        XCTAssertEqual(Tracked.live, 0)
        var complete = ByteReader(writer.bytes)
        let tuple = try serializer.read(from: &complete)
        XCTAssertEqual(tuple.1, "middle")
        XCTAssertEqual(Tracked.live, 2)
    }

    // MARK: Codable

    private struct Friend: Codable, Equatable {
        var name: String
        var since: Int16
    }

    private enum Role: Codable, Equatable {
        case admin
        case member(level: Int, title: String?)
    }

    private struct Person: Codable, Equatable {
        var name: String
        var age: Int
        var height: Double
        var nickname: String?
        var missing: Int?
        var tags: [String]
        var scores: [String: Double]
        var friends: [Friend]
        var bestFriend: Friend?
        var byName: [String: Friend]
        var roles: [Role]
        var big: Int128
        var raw: [UInt8]
    }

    private struct PlainPoint: Codable, Equatable {
        var x: Double
        var y: Double
    }

    func testCodableRoundTrip() throws {
        let person = Person(
            name: "Ada", age: -36, height: 1.65, nickname: "countess", missing: nil,
            tags: ["math", "ᚠ"], scores: ["a": 1.5, "b": -2], friends: [Friend(name: "Charles", since: 1833)],
            bestFriend: nil, byName: ["c": Friend(name: "C", since: -1)],
            roles: [.admin, .member(level: 3, title: nil), .member(level: 1, title: "t")],
            big: Int128.min + 5, raw: [0, 255])
        XCTAssertEqual(try Serializer<Person>.make().format, .codable)
        XCTAssertEqual(try roundTrip(person), person)
        XCTAssertEqual(try roundTrip([person, person]), [person, person])
        XCTAssertTrue(try roundTrip((person, 1)) == (person, 1))

        var writer = ByteWriter()
        try Serializer<Friend>.make().write(Friend(name: "Bo", since: 2), into: &writer)
        XCTAssertEqual(writer.bytes, [2, 0x42, 0x6F, 4], "no keys, no tags: the fields in order")

        XCTAssertEqual(try Serializer<PlainPoint>.make().format, .rawMemory)
        XCTAssertEqual(try roundTrip(PlainPoint(x: 1, y: -2)), PlainPoint(x: 1, y: -2))
    }

    // MARK: Errors

    private final class Opaque {}

    func testUnsupportedTypeNamesTheTypeAndTheFix() {
        for attempt in [{ _ = try Serializer<Opaque>.make() }, { _ = try Serializer<(String, Opaque)>.make() },
                        { _ = try Serializer<[Opaque]>.make() }] {
            XCTAssertThrowsError(try attempt()) { error in
                XCTAssertEqual(error as? SerializationError, .unsupportedType("Opaque"))
                let message = "\(error)"
                XCTAssertTrue(message.contains("Opaque"), message)
                XCTAssertTrue(message.contains("FlintSerializable"), message)
                XCTAssertTrue(message.contains("Codable"), message)
            }
        }
    }

    func testMalformedInputThrows() throws {
        var writer = ByteWriter()
        writer.writeString("hello")
        let truncated = Array(writer.bytes.dropLast())
        assertThrows(.truncated(needed: 5, available: 4, at: 1)) {
            var reader = ByteReader(truncated)
            return try String.deserialize(from: &reader)
        }
        assertThrows(.truncated(needed: 2, available: 1, at: 0)) {
            var reader = ByteReader([0x80])
            return try reader.readVarUInt()
        }
        assertThrows(.malformedVarInt(at: 0)) {
            var reader = ByteReader([UInt8](repeating: 0xFF, count: 11))
            return try reader.readVarUInt()
        }
        assertThrows(.invalidUTF8(at: 1)) {
            var reader = ByteReader([2, 0xC3, 0x28])
            return try reader.readString()
        }
        assertThrows(.invalidTag(2, at: 0)) {
            var reader = ByteReader([2, 0])
            return try Int?.deserialize(from: &reader)
        }
        assertThrows(.typeMismatch(expected: "Int16", found: "the out-of-range value 70000")) {
            var reader = ByteReader(bytes { $0.writeVarInt(70_000) })
            return try Int16.deserialize(from: &reader)
        }
        assertThrows(.truncated(needed: 16, available: 3, at: 0)) {
            var reader = ByteReader([1, 2, 3])
            return try Serializer<(Int, Int)>.make().read(from: &reader)
        }
    }

    func testTruncatedTupleAndCodableInputThrow() throws {
        let tuple = try Serializer<(String, String)>.make()
        var writer = ByteWriter()
        try tuple.write(("first", "second"), into: &writer)
        var reader = ByteReader(Array(writer.bytes.dropLast(2)))
        XCTAssertThrowsError(try tuple.read(from: &reader)) { error in
            guard case .truncated? = error as? SerializationError else { return XCTFail("\(error)") }
        }

        let codable = try Serializer<Friend>.make()
        writer.removeAll()
        try codable.write(Friend(name: "Zed", since: 9), into: &writer)
        var codableReader = ByteReader(Array(writer.bytes.dropLast()))
        XCTAssertThrowsError(try codable.read(from: &codableReader))
    }
}
