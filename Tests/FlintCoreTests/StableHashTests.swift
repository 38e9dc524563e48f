import Foundation
import Testing
@testable import FlintCore

@Suite("StableHash")
struct StableHashTests {
    /// The hash of the string's UTF-8 bytes, through the general path.
    private func bytesHash(_ string: String) -> UInt64 {
        var copy = string
        return copy.withUTF8 { StableHash.hash(bytes: UnsafeRawBufferPointer($0)) }
    }

    @Test("small ASCII strings hash as their bytes, at every length")
    func smallStringsHashAsTheirBytes() {
        var random = SeededRandom(seed: 3)
        for count in 0...15 {
            for _ in 0..<200 {
                let string = String((0..<count).map { _ in Character(Unicode.Scalar(UInt8(32 + random.next() % 95))) })
                #expect(StableHash.smallASCIIHash(string) != nil)
                #expect(StableHash.hash(string) == bytesHash(string), "\(string.debugDescription)")
            }
        }
    }

    @Test("the same text hashes equally in small, large and non-ASCII forms")
    func representationsAgree() {
        var large = String()
        large.reserveCapacity(64)
        large.append("word")
        #expect(StableHash.smallASCIIHash(large) == nil, "a native buffer, not a small string")
        #expect(StableHash.hash(large) == StableHash.hash("word"))
        #expect(StableHash.smallASCIIHash("sixteen bytes!!!") == nil)
        #expect(StableHash.hash("sixteen bytes!!!") == bytesHash("sixteen bytes!!!"))
        #expect(StableHash.smallASCIIHash("é") == nil)
        #expect(StableHash.hash("e\u{301}") == StableHash.hash("é"), "canonically equivalent strings")
        #expect(StableHash.hash("") == bytesHash(""))
    }
}
