/// Decodes `Decodable` values written by `BinaryEncoder`; `Serializer`'s `codable` strategy.
///
/// Values are read in request order (keys are stored only before nested containers, see
/// `BinaryEncoder`): `contains(_:)` is always true and `decodeNil` always false, since
/// `BinaryEncoder` writes nil only as an `Optional` tag, which `decodeIfPresent` and a generic
/// `decode` of an `Optional` read. `allKeys` reports the key written before a nested container
/// that starts next (how synthesised enum conformances find their case) and is empty
/// otherwise; opening a nested container checks that key. Truncated or malformed input
/// throws `SerializationError` or `DecodingError`.
struct BinaryDecoder {
    /// Reads one value of `type` through its own `init(from:)`, advancing `reader`.
    /// Cost: one decoder object plus one container per nested keyed or unkeyed value.
    func decode<Value: Decodable>(_ type: Value.Type, from reader: inout ByteReader) throws -> Value {
        let decoding = BinaryDecoding(reader: reader)
        defer { reader = decoding.reader }
        return try Value(from: decoding)
    }
}

/// The `Decoder` handed to `init(from:)`; it owns a copy of the reader for one value.
private final class BinaryDecoding: Decoder {
    var reader: ByteReader
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(reader: ByteReader) {
        self.reader = reader
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedBinaryDecodingContainer<Key>(decoding: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try UnkeyedBinaryDecodingContainer(decoding: self)
    }

    func singleValueContainer() -> any SingleValueDecodingContainer {
        SingleValueBinaryDecodingContainer(decoding: self)
    }

    /// Reads a primitive (or an optional primitive) in its `FlintSerializable` encoding.
    func decodePrimitive<Value: FlintSerializable>(_ type: Value.Type) throws -> Value {
        try Value.deserialize(from: &reader)
    }

    /// The key string that starts at the current position, if one does; reads nothing.
    func peekKey() -> String? {
        var lookahead = reader
        return try? lookahead.readString()
    }

    /// Reads the key written before a nested container and checks that it is `key`.
    func expectKey(_ key: some CodingKey) throws {
        let found = try reader.readString()
        guard found == key.stringValue else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(
                codingPath: [], debugDescription: "found the nested container of key '\(found)' instead"))
        }
    }

    /// Reads a nested value through its resolved serializer, or through its own `init(from:)`
    /// when that serializer would be this Codable format again (mirrors `BinaryEncoder`).
    func decodeValue<Value: Decodable>(_ type: Value.Type) throws -> Value {
        if let serializer = try? Serializer<Value>.make(), serializer.format != .codable {
            return try serializer.read(from: &reader)
        }
        return try Value(from: self)
    }
}

/// Reads keyed values in request order.
private struct KeyedBinaryDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoding: BinaryDecoding
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { decoding.peekKey().flatMap(Key.init(stringValue:)).map { [$0] } ?? [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoding.decodePrimitive(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoding.decodePrimitive(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoding.decodePrimitive(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decoding.decodePrimitive(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoding.decodePrimitive(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoding.decodePrimitive(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoding.decodePrimitive(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoding.decodePrimitive(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoding.decodePrimitive(type) }
    func decode(_ type: Int128.Type, forKey key: Key) throws -> Int128 { try decoding.decodeValue(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoding.decodePrimitive(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoding.decodePrimitive(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoding.decodePrimitive(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoding.decodePrimitive(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoding.decodePrimitive(type) }
    func decode(_ type: UInt128.Type, forKey key: Key) throws -> UInt128 { try decoding.decodeValue(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decoding.decodeValue(type) }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decoding.decodePrimitive(Bool?.self) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decoding.decodePrimitive(String?.self) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decoding.decodePrimitive(Double?.self) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try decoding.decodePrimitive(Float?.self) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decoding.decodePrimitive(Int?.self) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try decoding.decodePrimitive(Int8?.self) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try decoding.decodePrimitive(Int16?.self) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try decoding.decodePrimitive(Int32?.self) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try decoding.decodePrimitive(Int64?.self) }
    func decodeIfPresent(_ type: Int128.Type, forKey key: Key) throws -> Int128? { try decoding.decodeValue(Int128?.self) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try decoding.decodePrimitive(UInt?.self) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try decoding.decodePrimitive(UInt8?.self) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try decoding.decodePrimitive(UInt16?.self) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try decoding.decodePrimitive(UInt32?.self) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try decoding.decodePrimitive(UInt64?.self) }
    func decodeIfPresent(_ type: UInt128.Type, forKey key: Key) throws -> UInt128? { try decoding.decodeValue(UInt128?.self) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try decoding.decodeValue(T?.self) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try decoding.expectKey(key)
        return decoding.container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoding.expectKey(key)
        return try decoding.unkeyedContainer()
    }

    func superDecoder() -> any Decoder { decoding }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try decoding.expectKey(key)
        return decoding
    }
}

/// Reads the fixed32 element count, then the elements in order.
private struct UnkeyedBinaryDecodingContainer: UnkeyedDecodingContainer {
    let decoding: BinaryDecoding
    private let elementCount: Int
    private(set) var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var count: Int? { elementCount }
    var isAtEnd: Bool { currentIndex >= elementCount }

    init(decoding: BinaryDecoding) throws {
        self.decoding = decoding
        elementCount = Int(try decoding.reader.readFixed32())
    }

    /// Reads the next element with `read`, given the decoder; throws `valueNotFound` past the last element.
    private mutating func next<Value>(
        _ type: Value.Type, _ read: (BinaryDecoding) throws -> Value
    ) throws -> Value {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, DecodingError.Context(
                codingPath: [], debugDescription: "unkeyed container has only \(elementCount) elements"))
        }
        let value = try read(decoding)
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool { false }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type) { try $0.decodePrimitive(type) } }
    mutating func decode(_ type: String.Type) throws -> String { try next(type) { try $0.decodePrimitive(type) } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type) { try $0.decodePrimitive(type) } }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(type) { try $0.decodePrimitive(type) } }
    mutating func decode(_ type: Int.Type) throws -> Int { try next(type) { try $0.decodePrimitive(type) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(type) { try $0.decodePrimitive(type) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(type) { try $0.decodePrimitive(type) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(type) { try $0.decodePrimitive(type) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(type) { try $0.decodePrimitive(type) } }
    mutating func decode(_ type: Int128.Type) throws -> Int128 { try next(type) { try $0.decodeValue(type) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next(type) { try $0.decodePrimitive(type) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(type) { try $0.decodePrimitive(type) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(type) { try $0.decodePrimitive(type) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(type) { try $0.decodePrimitive(type) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(type) { try $0.decodePrimitive(type) } }
    mutating func decode(_ type: UInt128.Type) throws -> UInt128 { try next(type) { try $0.decodeValue(type) } }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(type) { try $0.decodeValue(type) } }

    mutating func decodeIfPresent(_ type: Bool.Type) throws -> Bool? { try decode(Bool?.self) }
    mutating func decodeIfPresent(_ type: String.Type) throws -> String? { try decode(String?.self) }
    mutating func decodeIfPresent(_ type: Double.Type) throws -> Double? { try decode(Double?.self) }
    mutating func decodeIfPresent(_ type: Float.Type) throws -> Float? { try decode(Float?.self) }
    mutating func decodeIfPresent(_ type: Int.Type) throws -> Int? { try decode(Int?.self) }
    mutating func decodeIfPresent(_ type: Int8.Type) throws -> Int8? { try decode(Int8?.self) }
    mutating func decodeIfPresent(_ type: Int16.Type) throws -> Int16? { try decode(Int16?.self) }
    mutating func decodeIfPresent(_ type: Int32.Type) throws -> Int32? { try decode(Int32?.self) }
    mutating func decodeIfPresent(_ type: Int64.Type) throws -> Int64? { try decode(Int64?.self) }
    mutating func decodeIfPresent(_ type: Int128.Type) throws -> Int128? { try decode(Int128?.self) }
    mutating func decodeIfPresent(_ type: UInt.Type) throws -> UInt? { try decode(UInt?.self) }
    mutating func decodeIfPresent(_ type: UInt8.Type) throws -> UInt8? { try decode(UInt8?.self) }
    mutating func decodeIfPresent(_ type: UInt16.Type) throws -> UInt16? { try decode(UInt16?.self) }
    mutating func decodeIfPresent(_ type: UInt32.Type) throws -> UInt32? { try decode(UInt32?.self) }
    mutating func decodeIfPresent(_ type: UInt64.Type) throws -> UInt64? { try decode(UInt64?.self) }
    mutating func decodeIfPresent(_ type: UInt128.Type) throws -> UInt128? { try decode(UInt128?.self) }
    mutating func decodeIfPresent<T: Decodable>(_ type: T.Type) throws -> T? { try decode(T?.self) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next(KeyedDecodingContainer<NestedKey>.self) { $0.container(keyedBy: type) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next((any UnkeyedDecodingContainer).self) { try $0.unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder {
        try next((any Decoder).self) { $0 }
    }
}

/// Reads one value.
private struct SingleValueBinaryDecodingContainer: SingleValueDecodingContainer {
    let decoding: BinaryDecoding
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }
    func decode(_ type: Bool.Type) throws -> Bool { try decoding.decodePrimitive(type) }
    func decode(_ type: String.Type) throws -> String { try decoding.decodePrimitive(type) }
    func decode(_ type: Double.Type) throws -> Double { try decoding.decodePrimitive(type) }
    func decode(_ type: Float.Type) throws -> Float { try decoding.decodePrimitive(type) }
    func decode(_ type: Int.Type) throws -> Int { try decoding.decodePrimitive(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoding.decodePrimitive(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoding.decodePrimitive(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoding.decodePrimitive(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoding.decodePrimitive(type) }
    func decode(_ type: Int128.Type) throws -> Int128 { try decoding.decodeValue(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoding.decodePrimitive(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoding.decodePrimitive(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoding.decodePrimitive(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoding.decodePrimitive(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoding.decodePrimitive(type) }
    func decode(_ type: UInt128.Type) throws -> UInt128 { try decoding.decodeValue(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoding.decodeValue(type) }
}
