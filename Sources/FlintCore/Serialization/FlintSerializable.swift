/// A type with Flint's compact binary encoding, the fastest way to move values through
/// shuffles, spills and caches.
///
/// `Serializer` prefers this conformance over every other strategy. Conform your own record
/// types by writing their fields in order and reading them back in the same order:
///
///     extension Point: FlintSerializable {
///         func serialize(into writer: inout ByteWriter) {
///             x.serialize(into: &writer)
///             y.serialize(into: &writer)
///         }
///         static func deserialize(from reader: inout ByteReader) throws -> Point {
///             Point(x: try .deserialize(from: &reader), y: try .deserialize(from: &reader))
///         }
///     }
///
/// Built-in formats: integers as varints (signed ones zigzag-mapped), `Int8`/`UInt8` as one
/// byte, `Bool` as one byte (0 or 1), `Float`/`Double` as little-endian bit patterns, `String`
/// as a varint length plus UTF-8, `Optional` as a tag byte (0 = nil, 1 = value) plus the
/// value, and `Array`/`Set`/`Dictionary` as a varint count plus the elements (key then value).
public protocol FlintSerializable {
    /// Appends this value's encoding to `writer`.
    func serialize(into writer: inout ByteWriter)
    /// Reads one value written by `serialize(into:)`; throws on truncated or malformed input.
    static func deserialize(from reader: inout ByteReader) throws -> Self
}

extension Int: FlintSerializable {
    /// Writes a zigzag varint: 1 byte for -64...63, at most 10.
    @inlinable
    public func serialize(into writer: inout ByteWriter) { writer.writeVarInt(Int64(self)) }
    /// Reads a zigzag varint.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> Int { Int(try reader.readVarInt()) }
}

extension Int64: FlintSerializable {
    /// Writes a zigzag varint: 1 byte for -64...63, at most 10.
    @inlinable
    public func serialize(into writer: inout ByteWriter) { writer.writeVarInt(self) }
    /// Reads a zigzag varint.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> Int64 { try reader.readVarInt() }
}

extension Int32: FlintSerializable {
    /// Writes a zigzag varint: 1 byte for -64...63, at most 5.
    @inlinable
    public func serialize(into writer: inout ByteWriter) { writer.writeVarInt(Int64(self)) }
    /// Reads a zigzag varint; throws `typeMismatch` if it does not fit.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> Int32 {
        try narrow(reader.readVarInt())
    }
}

extension Int16: FlintSerializable {
    /// Writes a zigzag varint: 1 byte for -64...63, at most 3.
    @inlinable
    public func serialize(into writer: inout ByteWriter) { writer.writeVarInt(Int64(self)) }
    /// Reads a zigzag varint; throws `typeMismatch` if it does not fit.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> Int16 {
        try narrow(reader.readVarInt())
    }
}

extension Int8: FlintSerializable {
    /// Writes the value's bit pattern as one byte.
    @inlinable
    public func serialize(into writer: inout ByteWriter) { writer.write(UInt8(bitPattern: self)) }
    /// Reads one byte.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> Int8 { Int8(bitPattern: try reader.read()) }
}

extension UInt: FlintSerializable {
    /// Writes a varint: 1 byte below 128, at most 10.
    @inlinable
    public func serialize(into writer: inout ByteWriter) { writer.writeVarUInt(UInt64(self)) }
    /// Reads a varint.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> UInt { UInt(try reader.readVarUInt()) }
}

extension UInt64: FlintSerializable {
    /// Writes a varint: 1 byte below 128, at most 10.
    @inlinable
    public func serialize(into writer: inout ByteWriter) { writer.writeVarUInt(self) }
    /// Reads a varint.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> UInt64 { try reader.readVarUInt() }
}

extension UInt32: FlintSerializable {
    /// Writes a varint: 1 byte below 128, at most 5.
    @inlinable
    public func serialize(into writer: inout ByteWriter) { writer.writeVarUInt(UInt64(self)) }
    /// Reads a varint; throws `typeMismatch` if it does not fit.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> UInt32 {
        try narrow(reader.readVarUInt())
    }
}

extension UInt16: FlintSerializable {
    /// Writes a varint: 1 byte below 128, at most 3.
    @inlinable
    public func serialize(into writer: inout ByteWriter) { writer.writeVarUInt(UInt64(self)) }
    /// Reads a varint; throws `typeMismatch` if it does not fit.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> UInt16 {
        try narrow(reader.readVarUInt())
    }
}

extension UInt8: FlintSerializable {
    /// Writes the byte itself.
    @inlinable
    public func serialize(into writer: inout ByteWriter) { writer.write(self) }
    /// Reads one byte.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> UInt8 { try reader.read() }
}

/// Converts a decoded integer to a narrower type, throwing `typeMismatch` when it does not fit.
@inlinable
func narrow<Wide: BinaryInteger, Narrow: FixedWidthInteger>(_ value: Wide) throws(SerializationError) -> Narrow {
    guard let narrowed = Narrow(exactly: value) else {
        throw .typeMismatch(expected: "\(Narrow.self)", found: "the out-of-range value \(value)")
    }
    return narrowed
}

extension Double: FlintSerializable {
    /// Writes the 8-byte bit pattern.
    @inlinable
    public func serialize(into writer: inout ByteWriter) { writer.writeDouble(self) }
    /// Reads an 8-byte bit pattern.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> Double { try reader.readDouble() }
}

extension Float: FlintSerializable {
    /// Writes the 4-byte bit pattern.
    @inlinable
    public func serialize(into writer: inout ByteWriter) { writer.writeFloat(self) }
    /// Reads a 4-byte bit pattern.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> Float { try reader.readFloat() }
}

extension Bool: FlintSerializable {
    /// Writes one byte, 0 or 1.
    @inlinable
    public func serialize(into writer: inout ByteWriter) { writer.write(self ? 1 : 0) }
    /// Reads one byte; throws `invalidTag` unless it is 0 or 1.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> Bool {
        let position = reader.position
        switch try reader.read() {
        case 0: return false
        case 1: return true
        case let tag: throw SerializationError.invalidTag(tag, at: position)
        }
    }
}

extension String: FlintSerializable {
    /// Writes a varint byte length and the UTF-8 bytes (one `memcpy`).
    @inlinable
    public func serialize(into writer: inout ByteWriter) { writer.writeString(self) }
    /// Reads and validates a string.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> String { try reader.readString() }
}

extension Optional: FlintSerializable where Wrapped: FlintSerializable {
    /// Writes a tag byte (0 = nil, 1 = value), then the value if any.
    @inlinable
    public func serialize(into writer: inout ByteWriter) {
        if let value = self {
            writer.write(1)
            value.serialize(into: &writer)
        } else {
            writer.write(0)
        }
    }

    /// Reads a tag byte and the value it announces; throws `invalidTag` unless it is 0 or 1.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> Wrapped? {
        try Bool.deserialize(from: &reader) ? try Wrapped.deserialize(from: &reader) : nil
    }
}

extension Array: FlintSerializable where Element: FlintSerializable {
    /// Writes a varint count and the elements in order; O(count).
    @inlinable
    public func serialize(into writer: inout ByteWriter) {
        writer.writeVarUInt(UInt64(count))
        for element in self { element.serialize(into: &writer) }
    }

    /// Reads a count and that many elements; the up-front reservation is capped by the bytes
    /// left, so a corrupt count cannot trigger a huge allocation.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> [Element] {
        let count = try reader.readCount()
        var array: [Element] = []
        array.reserveCapacity(Swift.min(count, reader.remainingCount))
        for _ in 0..<count { array.append(try Element.deserialize(from: &reader)) }
        return array
    }
}

extension Set: FlintSerializable where Element: FlintSerializable {
    /// Writes a varint count and the elements in iteration order; O(count).
    @inlinable
    public func serialize(into writer: inout ByteWriter) {
        writer.writeVarUInt(UInt64(count))
        for element in self { element.serialize(into: &writer) }
    }

    /// Reads a count and that many elements.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> Set<Element> {
        let count = try reader.readCount()
        var set = Set(minimumCapacity: Swift.min(count, reader.remainingCount))
        for _ in 0..<count { set.insert(try Element.deserialize(from: &reader)) }
        return set
    }
}

extension Dictionary: FlintSerializable where Key: FlintSerializable, Value: FlintSerializable {
    /// Writes a varint count and each key followed by its value; O(count).
    @inlinable
    public func serialize(into writer: inout ByteWriter) {
        writer.writeVarUInt(UInt64(count))
        for (key, value) in self {
            key.serialize(into: &writer)
            value.serialize(into: &writer)
        }
    }

    /// Reads a count and that many key/value pairs.
    @inlinable
    public static func deserialize(from reader: inout ByteReader) throws -> [Key: Value] {
        let count = try reader.readCount()
        var dictionary = Self(minimumCapacity: Swift.min(count, reader.remainingCount))
        for _ in 0..<count {
            let key = try Key.deserialize(from: &reader)
            dictionary[key] = try Value.deserialize(from: &reader)
        }
        return dictionary
    }
}
