import FlintCore
import FlintLinalg

/// The shuffle encoding of values (sort keys, row-path aggregation keys, rows of sorts and
/// windows): a tag byte, then the payload (varints for integers, raw bits for floats,
/// length-prefixed UTF-8 for strings, a count and elements for arrays and structs).
extension Value: FlintSerializable {
    public func serialize(into writer: inout ByteWriter) {
        switch self {
        case .null: writer.write(0)
        case let .boolean(v): writer.write(v ? 2 : 1)
        case let .integer(v): writer.write(3); writer.writeVarInt(Int64(v))
        case let .long(v): writer.write(4); writer.writeVarInt(v)
        case let .float(v): writer.write(5); writer.writeFloat(v)
        case let .double(v): writer.write(6); writer.writeDouble(v)
        case let .string(v): writer.write(7); writer.writeString(v)
        case let .date(v): writer.write(8); writer.writeVarInt(Int64(v))
        case let .timestamp(v): writer.write(9); writer.writeVarInt(v)
        case let .array(values): writer.write(10); Self.write(values, into: &writer)
        case let .structure(values): writer.write(11); Self.write(values, into: &writer)
        case let .vector(.dense(vector)):
            writer.write(12)
            writer.writeVarUInt(UInt64(vector.size))
            for value in vector.values { writer.writeDouble(value) }
        case let .vector(.sparse(vector)):
            writer.write(13)
            writer.writeVarUInt(UInt64(vector.size))
            writer.writeVarUInt(UInt64(vector.indices.count))
            for index in vector.indices { writer.writeVarUInt(UInt64(index)) }
            for value in vector.values { writer.writeDouble(value) }
        }
    }

    public static func deserialize(from reader: inout ByteReader) throws -> Value {
        let position = reader.position
        switch try reader.read() {
        case 0: return .null
        case 1: return .boolean(false)
        case 2: return .boolean(true)
        case 3: return .integer(Int32(truncatingIfNeeded: try reader.readVarInt()))
        case 4: return .long(try reader.readVarInt())
        case 5: return .float(try reader.readFloat())
        case 6: return .double(try reader.readDouble())
        case 7: return .string(try reader.readString())
        case 8: return .date(Int32(truncatingIfNeeded: try reader.readVarInt()))
        case 9: return .timestamp(try reader.readVarInt())
        case 10: return .array(try readValues(from: &reader))
        case 11: return .structure(try readValues(from: &reader))
        case 12:
            let size = try reader.readCount()
            return .vector(.dense(DenseVector(try (0..<size).map { _ in try reader.readDouble() })))
        case 13:
            let size = try reader.readCount()
            let count = try reader.readCount()
            let indices = try (0..<count).map { _ in Int(try reader.readVarUInt()) }
            let values = try (0..<count).map { _ in try reader.readDouble() }
            guard let vector = try? SparseVector(size: size, indices: indices, values: values) else {
                throw SerializationError.invalidTag(13, at: position)
            }
            return .vector(.sparse(vector))
        case let tag: throw SerializationError.invalidTag(tag, at: position)
        }
    }

    static func write(_ values: [Value], into writer: inout ByteWriter) {
        writer.writeVarUInt(UInt64(values.count))
        for value in values { value.serialize(into: &writer) }
    }

    static func readValues(from reader: inout ByteReader) throws -> [Value] {
        let count = try reader.readCount()
        var values: [Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try deserialize(from: &reader)) }
        return values
    }
}

extension RowKey: FlintSerializable {
    func serialize(into writer: inout ByteWriter) { Value.write(values, into: &writer) }
    static func deserialize(from reader: inout ByteReader) throws -> RowKey { RowKey(try Value.readValues(from: &reader)) }
}

extension SortKey: FlintSerializable {
    func serialize(into writer: inout ByteWriter) {
        Value.write(values, into: &writer)
        for index in values.indices { writer.write((ascending[index] ? 1 : 0) | (nullsFirst[index] ? 2 : 0)) }
    }

    static func deserialize(from reader: inout ByteReader) throws -> SortKey {
        let values = try Value.readValues(from: &reader)
        var ascending: [Bool] = [], nullsFirst: [Bool] = []
        for _ in values {
            let flags = try reader.read()
            ascending.append(flags & 1 != 0)
            nullsFirst.append(flags & 2 != 0)
        }
        return SortKey(values: values, ascending: ascending, nullsFirst: nullsFirst)
    }
}
