/// Encodes `Encodable` values in a compact binary form; `Serializer`'s `codable` strategy.
///
/// The format has no type tags and almost no keys, since decoding always uses the same type in
/// the same binary: keyed containers write their values in call order, unkeyed containers a
/// fixed32 element count then the elements, primitives the `FlintSerializable` encodings.
/// Nested values go through their own resolved `Serializer` (so a `[String: Point]` field is
/// written compactly and read back without needing its keys), and optionals as a tag byte
/// (0 = nil, 1 = value) plus the value, from `encodeIfPresent` or a generic `encode`. The one
/// place keys are written is before a nested container or super encoder opened for a key: the
/// key's string value, which is how the synthesised conformances of enums with associated
/// values find their case again (through `allKeys`).
///
/// Limits: decoding must request the same values in the same order as encoding, which the
/// compiler-synthesised conformances always do; `encodeNil()` is rejected with an
/// `EncodingError` (encode an `Optional` instead), and `codingPath` is always empty.
struct BinaryEncoder {
    /// Appends the encoding of `value`, made by its own `encode(to:)`, to `writer`.
    /// Cost: one encoder object plus one container per nested keyed or unkeyed value.
    func encode<Value: Encodable>(_ value: Value, into writer: inout ByteWriter) throws {
        let encoding = BinaryEncoding()
        swap(&encoding.writer, &writer)
        defer { swap(&encoding.writer, &writer) }
        try value.encode(to: encoding)
    }
}

/// The `Encoder` handed to `encode(to:)`; it owns the writer for the duration of one value.
private final class BinaryEncoding: Encoder {
    var writer = ByteWriter()
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedBinaryEncodingContainer<Key>(encoding: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedBinaryEncodingContainer(encoding: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueBinaryEncodingContainer(encoding: self)
    }

    /// Writes a primitive (or an optional primitive) in its `FlintSerializable` encoding.
    func encodePrimitive<Value: FlintSerializable>(_ value: Value) {
        value.serialize(into: &writer)
    }

    /// Writes a nested value through its resolved serializer, or through its own
    /// `encode(to:)` when that serializer would be this Codable format again.
    func encodeValue<Value: Encodable>(_ value: Value) throws {
        if let serializer = try? Serializer<Value>.make(), serializer.format != .codable {
            try serializer.write(value, into: &writer)
        } else {
            try value.encode(to: self)
        }
    }

    /// Rejects `encodeNil()`: without keys or tags, a nil would be indistinguishable from a value.
    func rejectNil() throws {
        throw EncodingError.invalidValue(Optional<Any>.none as Any, EncodingError.Context(
            codingPath: [],
            debugDescription: "Flint's binary Codable format encodes nil only inside an Optional "
                + "(encodeIfPresent, or encode of an Optional value); encodeNil() is not supported"))
    }

    /// Overwrites the fixed32 element count that an unkeyed container reserved at `offset`.
    func patchCount(_ count: Int, at offset: Int) {
        precondition(count <= UInt32.max, "an unkeyed container holds more than \(UInt32.max) elements")
        writer.overwriteFixed32(UInt32(count), at: offset)
    }
}

/// Writes keyed values in call order, without their keys (except before nested containers).
private struct KeyedBinaryEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoding: BinaryEncoding
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { try encoding.rejectNil() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: Int128, forKey key: Key) throws { try encoding.encodeValue(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: UInt128, forKey key: Key) throws { try encoding.encodeValue(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encoding.encodeValue(value) }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encodeIfPresent(_ value: Int128?, forKey key: Key) throws { try encoding.encodeValue(value) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { encoding.encodePrimitive(value) }
    mutating func encodeIfPresent(_ value: UInt128?, forKey key: Key) throws { try encoding.encodeValue(value) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try encoding.encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        encoding.encodePrimitive(key.stringValue)
        return encoding.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoding.encodePrimitive(key.stringValue)
        return encoding.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoding }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoding.encodePrimitive(key.stringValue)
        return encoding
    }
}

/// Writes a fixed32 element count (patched after every element) followed by the elements.
private struct UnkeyedBinaryEncodingContainer: UnkeyedEncodingContainer {
    let encoding: BinaryEncoding
    private let countOffset: Int
    private(set) var count = 0
    var codingPath: [any CodingKey] { [] }

    init(encoding: BinaryEncoding) {
        self.encoding = encoding
        countOffset = encoding.writer.count
        encoding.writer.writeFixed32(0)
    }

    /// Counts one more element.
    private mutating func didEncode() {
        count += 1
        encoding.patchCount(count, at: countOffset)
    }

    mutating func encodeNil() throws { try encoding.rejectNil() }
    mutating func encode(_ value: Bool) throws { encoding.encodePrimitive(value); didEncode() }
    mutating func encode(_ value: String) throws { encoding.encodePrimitive(value); didEncode() }
    mutating func encode(_ value: Double) throws { encoding.encodePrimitive(value); didEncode() }
    mutating func encode(_ value: Float) throws { encoding.encodePrimitive(value); didEncode() }
    mutating func encode(_ value: Int) throws { encoding.encodePrimitive(value); didEncode() }
    mutating func encode(_ value: Int8) throws { encoding.encodePrimitive(value); didEncode() }
    mutating func encode(_ value: Int16) throws { encoding.encodePrimitive(value); didEncode() }
    mutating func encode(_ value: Int32) throws { encoding.encodePrimitive(value); didEncode() }
    mutating func encode(_ value: Int64) throws { encoding.encodePrimitive(value); didEncode() }
    mutating func encode(_ value: Int128) throws { try encoding.encodeValue(value); didEncode() }
    mutating func encode(_ value: UInt) throws { encoding.encodePrimitive(value); didEncode() }
    mutating func encode(_ value: UInt8) throws { encoding.encodePrimitive(value); didEncode() }
    mutating func encode(_ value: UInt16) throws { encoding.encodePrimitive(value); didEncode() }
    mutating func encode(_ value: UInt32) throws { encoding.encodePrimitive(value); didEncode() }
    mutating func encode(_ value: UInt64) throws { encoding.encodePrimitive(value); didEncode() }
    mutating func encode(_ value: UInt128) throws { try encoding.encodeValue(value); didEncode() }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoding.encodeValue(value); didEncode() }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        didEncode()
        return encoding.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        didEncode()
        return encoding.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        didEncode()
        return encoding
    }
}

/// Writes one value.
private struct SingleValueBinaryEncodingContainer: SingleValueEncodingContainer {
    let encoding: BinaryEncoding
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { try encoding.rejectNil() }
    mutating func encode(_ value: Bool) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: String) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: Double) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: Float) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: Int) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: Int8) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: Int16) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: Int32) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: Int64) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: Int128) throws { try encoding.encodeValue(value) }
    mutating func encode(_ value: UInt) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: UInt8) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: UInt16) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: UInt32) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: UInt64) throws { encoding.encodePrimitive(value) }
    mutating func encode(_ value: UInt128) throws { try encoding.encodeValue(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoding.encodeValue(value) }
}
