import XCTest
@testable import FlintCore

final class BlockFrameTests: XCTestCase {
    // MARK: Helpers

    /// About `count` bytes of word-salad text: compressible like real records, not trivially.
    private func text(count: Int) -> [UInt8] {
        let words = ["spark", "flint", "shuffle", "partition", "record", "key", "value", "task",
                     "stage", "executor", "block", "frame", "λ", "数据", "0", "42", "\n"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 16)
        while bytes.count < count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(contentsOf: words[Int(state >> 33) % words.count].utf8)
            bytes.append(UInt8(ascii: " "))
        }
        return Array(bytes.prefix(count))
    }

    private func crc(_ bytes: [UInt8], seed: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { CRC32C.checksum($0, seed: seed) }
    }

    private func frames(_ payloads: [[UInt8]], codec: any CompressionCodec = SnappyCodec()) -> [UInt8] {
        let writer = BlockFrameWriter(codec: codec)
        var output: [UInt8] = []
        for payload in payloads { writer.appendFrame(of: payload, to: &output) }
        return output
    }

    private func readAll(_ block: [UInt8], sourceOffset: Int = 0) throws -> [[UInt8]] {
        var reader = BlockFrameReader(bytes: block, source: "shuffle_3_7.data", sourceOffset: sourceOffset)
        var payloads: [[UInt8]] = []
        while let payload = try reader.nextFrame() { payloads.append(payload) }
        return payloads
    }

    /// Reads `block` expecting `expected`, and checks the message names the source and frame.
    private func assertCorrupt(_ block: [UInt8], _ expected: BlockCorruptionError, sourceOffset: Int = 0,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try readAll(block, sourceOffset: sourceOffset), file: file, line: line) { error in
            XCTAssertEqual(error as? BlockCorruptionError, expected, file: file, line: line)
            let message = "\(error)"
            XCTAssertTrue(message.contains("shuffle_3_7.data"), message, file: file, line: line)
            if case let .checksumMismatch(_, frame, offset, _, _) = expected {
                XCTAssertTrue(message.contains("frame \(frame) at byte \(offset)"), message, file: file, line: line)
            }
        }
    }

    // MARK: CRC-32C

    func testCRC32CKnownVectors() {
        XCTAssertEqual(crc(Array("123456789".utf8)), 0xE306_9283)
        XCTAssertEqual(crc([]), 0)
        // RFC 3720 (iSCSI) appendix B.4 vectors, long enough for the 8-byte path.
        XCTAssertEqual(crc([UInt8](repeating: 0, count: 32)), 0x8A91_36AA)
        XCTAssertEqual(crc([UInt8](repeating: 0xFF, count: 32)), 0x62A8_AB43)
        XCTAssertEqual(crc((0..<32).map(UInt8.init)), 0x46DD_794E)
    }

    func testCRC32CChainsAndCoversUnalignedTails() {
        let data = text(count: 1_003)
        let whole = crc(data)
        for split in [0, 1, 7, 8, 9, 500, 1_003] {
            XCTAssertEqual(crc(Array(data[split...]), seed: crc(Array(data[..<split]))), whole, "split at \(split)")
        }
        let unaligned = data.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[3...])) }
        XCTAssertEqual(unaligned, crc(Array(data[3...])))
    }

    func testCRC32CInstructionAgreesWithTheTables() {
        // Whichever implementation `checksum` picked, it must equal the portable one.
        for count in [0, 1, 7, 8, 9, 63, 64, 65, 4_099] {
            let data = text(count: count)
            for seed: UInt32 in [0, 0xDEAD_BEEF] {
                let portable = data.withUnsafeBytes { CRC32C.portableChecksum($0, seed: seed) }
                XCTAssertEqual(crc(data, seed: seed), portable, "\(count) bytes, seed \(seed)")
            }
        }
    }

    // MARK: Codecs

    func testSnappyRoundTripsTextAndEmptyInput() throws {
        let codec = SnappyCodec()
        for input in [text(count: 1 << 20), []] {
            var compressed: [UInt8] = [0xAA]
            input.withUnsafeBytes { codec.compress($0, into: &compressed) }
            XCTAssertEqual(compressed.first, 0xAA, "compress appends")
            if !input.isEmpty { XCTAssertLessThan(compressed.count, input.count / 2) }
            var output: [UInt8] = []
            try compressed.withUnsafeBytes {
                try codec.decompress(UnsafeRawBufferPointer(rebasing: $0.dropFirst()),
                                     uncompressedLength: input.count, into: &output)
            }
            XCTAssertEqual(output, input)
        }
    }

    func testSnappyRejectsCorruptInputAndWrongLengths() throws {
        let codec = SnappyCodec()
        var compressed: [UInt8] = []
        let input = text(count: 4_096)
        input.withUnsafeBytes { codec.compress($0, into: &compressed) }
        var output: [UInt8] = [1, 2]
        XCTAssertThrowsError(try compressed.withUnsafeBytes {
            try codec.decompress($0, uncompressedLength: 4_095, into: &output)
        }) { error in
            XCTAssertEqual(error as? CompressionError, .lengthMismatch(codec: "snappy", expected: 4_095, actual: 4_096))
        }
        let garbage: [UInt8] = [0x80, 0x20, 0xFF, 0xFF, 0xFF, 0x01, 0x02]
        XCTAssertThrowsError(try garbage.withUnsafeBytes {
            try codec.decompress($0, uncompressedLength: 4_096, into: &output)
        })
        XCTAssertEqual(output, [1, 2], "a failed decompression leaves the output untouched")
    }

    func testCodecLookup() throws {
        XCTAssertEqual(try CompressionCodecs.named("snappy").id, 1)
        XCTAssertEqual(try CompressionCodecs.named("Snappy").name, "snappy")
        XCTAssertEqual(try CompressionCodecs.named("org.apache.spark.io.SnappyCompressionCodec").name, "snappy")
        XCTAssertEqual(try CompressionCodecs.named("none").id, 0)
        XCTAssertEqual(try CompressionCodecs.byID(1).name, "snappy")
        XCTAssertThrowsError(try CompressionCodecs.named("lz4")) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("'lz4'") && message.contains("'snappy'") && message.contains("'none'"), message)
        }
        XCTAssertThrowsError(try CompressionCodecs.byID(9)) { error in
            XCTAssertEqual(error as? CompressionError, .unknownCodecID(9, supported: [0, 1]))
        }
    }

    // MARK: Frames

    func testFramesReadBackInOrder() throws {
        let payloads = [text(count: 10_000), [], Array("short".utf8), text(count: 70_001)]
        XCTAssertEqual(try readAll(frames(payloads)), payloads)
        XCTAssertEqual(try readAll(frames(payloads, codec: NoCompressionCodec())), payloads)

        var mixed = frames([payloads[0]])
        BlockFrameWriter(codec: NoCompressionCodec()).appendFrame(of: payloads[2], to: &mixed)
        XCTAssertEqual(try readAll(mixed), [payloads[0], payloads[2]])

        var reader = BlockFrameReader(bytes: [], source: "empty")
        XCTAssertNil(try reader.nextFrame())
        XCTAssertTrue(reader.isAtEnd)
    }

    func testIncompressiblePayloadIsStoredUncompressed() throws {
        var random = SeededRandom(seed: 42)
        let noise = (0..<20_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let block = frames([noise])
        XCTAssertEqual(block[0], NoCompressionCodec().id, "snappy would not shrink random bytes")
        XCTAssertEqual(block.count, BlockFrame.headerSize + noise.count)
        XCTAssertEqual(try readAll(block), [noise])
        XCTAssertEqual(frames([text(count: 10_000)])[0], SnappyCodec().id, "compressible text stays compressed")
    }

    func testFrameHeaderLayout() {
        let block = frames([Array("abc".utf8)], codec: NoCompressionCodec())
        XCTAssertEqual(block.count, BlockFrame.headerSize + 3)
        XCTAssertEqual(Array(block[0..<9]), [0, 3, 0, 0, 0, 3, 0, 0, 0])
        let checksum = crc(Array("abc".utf8))
        XCTAssertEqual(Array(block[9..<13]), withUnsafeBytes(of: checksum.littleEndian) { Array($0) })
    }

    func testFlippedPayloadByteFailsTheChecksum() {
        let first = frames([text(count: 1_000)])
        var block = first + frames([text(count: 2_000)])
        let target = first.count + BlockFrame.headerSize + 10
        block[target] ^= 0x40
        let expectedChecksum = block.withUnsafeBytes {
            UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: first.count + 9, as: UInt32.self))
        }
        let actualChecksum = crc(Array(block[(first.count + BlockFrame.headerSize)...]))
        assertCorrupt(block, .checksumMismatch(source: "shuffle_3_7.data", frame: 1, offset: 4_096 + first.count,
                                               expected: expectedChecksum, actual: actualChecksum),
                      sourceOffset: 4_096)
    }

    func testTruncatedFramesAreDetected() {
        let block = frames([text(count: 500), text(count: 500)])
        let secondStart = frames([text(count: 500)]).count
        let payloadLength = block.count - secondStart - BlockFrame.headerSize
        assertCorrupt(Array(block.dropLast()), .truncatedPayload(
            source: "shuffle_3_7.data", frame: 1, offset: secondStart, expected: payloadLength, available: payloadLength - 1))
        assertCorrupt(Array(block[..<(secondStart + 5)]), .truncatedHeader(
            source: "shuffle_3_7.data", frame: 1, offset: secondStart, available: 5))
    }

    func testUnknownCodecAndLengthMismatchAreDetected() {
        var block = frames([text(count: 300)])
        block[0] = 7
        assertCorrupt(block, .unknownCodec(source: "shuffle_3_7.data", frame: 0, offset: 0, id: 7))

        for codec in [SnappyCodec(), NoCompressionCodec()] as [any CompressionCodec] {
            var lying = frames([text(count: 300)], codec: codec)
            lying[5] = 0x2B  // uncompressed length 300 (0x12C) becomes 299 (0x12B)
            assertCorrupt(lying, .lengthMismatch(source: "shuffle_3_7.data", frame: 0, offset: 0,
                                                 expected: 299, actual: 300))
        }
    }
}
