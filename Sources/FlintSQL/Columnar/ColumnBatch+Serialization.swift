import FlintCore
import Foundation

/// The shuffle encoding of column batches: the schema (names, nullability and type tags), then
/// per column its validity words and its buffer, numbers copied as raw memory and strings
/// length-prefixed. Cost: one `memcpy` per numeric column, one length and copy per string.
extension ColumnBatch: FlintSerializable {
    public func serialize(into writer: inout ByteWriter) {
        writer.writeVarInt(Int64(rowCount))
        Self.write(schema, into: &writer)
        for column in columns {
            if let validity = column.validity {
                writer.write(1)
                validity.words.withUnsafeBytes { writer.writeBytes($0) }
            } else {
                writer.write(0)
            }
            switch column.storage {
            case let .boolean(values): values.withUnsafeBytes { writer.writeBytes($0) }
            case let .int32(values): values.withUnsafeBytes { writer.writeBytes($0) }
            case let .int64(values): values.withUnsafeBytes { writer.writeBytes($0) }
            case let .float32(values): values.withUnsafeBytes { writer.writeBytes($0) }
            case let .float64(values): values.withUnsafeBytes { writer.writeBytes($0) }
            case let .string(values): for value in values { writer.writeString(value) }
            case let .values(values):
                writer.writeString(String(decoding: (try? JSONEncoder().encode(values)) ?? Data(), as: UTF8.self))
            }
        }
    }

    public static func deserialize(from reader: inout ByteReader) throws -> ColumnBatch {
        let rowCount = Int(try reader.readVarInt())
        let schema = try readSchema(from: &reader)
        var columns: [ColumnVector] = []
        for field in schema.fields {
            var validity: Bitmap?
            if try reader.read() == 1 {
                var bitmap = Bitmap(count: rowCount, value: false)
                bitmap.words = try readArray(UInt64.self, count: bitmap.words.count, from: &reader)
                validity = bitmap
            }
            let storage: ColumnVector.Storage
            switch ColumnBuilder.kind(of: field.dataType) {
            case .boolean: storage = .boolean(try readArray(Bool.self, count: rowCount, from: &reader))
            case .int32: storage = .int32(try readArray(Int32.self, count: rowCount, from: &reader))
            case .int64: storage = .int64(try readArray(Int64.self, count: rowCount, from: &reader))
            case .float32: storage = .float32(try readArray(Float.self, count: rowCount, from: &reader))
            case .float64: storage = .float64(try readArray(Double.self, count: rowCount, from: &reader))
            case .string: storage = .string(try readStrings(rowCount, from: &reader))
            case .values: storage = .values(try JSONDecoder().decode([Value].self, from: Data(try reader.readString().utf8)))
            }
            columns.append(ColumnVector(dataType: field.dataType, storage: storage, validity: validity))
        }
        return ColumnBatch(schema: schema, columns: columns, rowCount: rowCount)
    }

    /// `count` strings; in a large batch, short ASCII ones through a `ShortStringCache` (a
    /// shuffled category column repeats a few values), others validated by `readString`.
    private static func readStrings(_ count: Int, from reader: inout ByteReader) throws -> [String] {
        guard count >= 256 else { return try (0..<count).map { _ in try reader.readString() } }
        let cache = ShortStringCache()
        var strings: [String] = []
        strings.reserveCapacity(count)
        for _ in 0..<count {
            let start = reader.position
            let length = try reader.readCount()
            let short = length <= 15 ? try reader.withBytes(count: length) { cache.asciiString($0.assumingMemoryBound(to: UInt8.self)) } : nil
            if let short {
                strings.append(short)
            } else {
                reader = ByteReader(reader.bytes, range: start..<reader.endIndex)
                strings.append(try reader.readString())
            }
        }
        return strings
    }

    private static func write(_ schema: StructType, into writer: inout ByteWriter) {
        writer.writeVarInt(Int64(schema.count))
        for field in schema.fields {
            writer.writeString(field.name)
            writer.write(field.nullable ? 1 : 0)
            write(field.dataType, into: &writer)
        }
    }

    private static func write(_ type: DataType, into writer: inout ByteWriter) {
        switch type {
        case .null: writer.write(0)
        case .boolean: writer.write(1)
        case .integer: writer.write(2)
        case .long: writer.write(3)
        case .float: writer.write(4)
        case .double: writer.write(5)
        case .string: writer.write(6)
        case .date: writer.write(7)
        case .timestamp: writer.write(8)
        case let .array(element, containsNull):
            writer.write(containsNull ? 10 : 9)
            write(element, into: &writer)
        case let .structure(fields):
            writer.write(11)
            write(fields, into: &writer)
        case .vector: writer.write(12)
        }
    }

    private static func readSchema(from reader: inout ByteReader) throws -> StructType {
        let count = Int(try reader.readVarInt())
        return StructType(try (0..<count).map { _ in
            let name = try reader.readString()
            let nullable = try reader.read() == 1
            return StructField(name, try readType(from: &reader), nullable: nullable)
        })
    }

    private static func readType(from reader: inout ByteReader) throws -> DataType {
        let tag = try reader.read()
        switch tag {
        case 0: return .null
        case 1: return .boolean
        case 2: return .integer
        case 3: return .long
        case 4: return .float
        case 5: return .double
        case 6: return .string
        case 7: return .date
        case 8: return .timestamp
        case 9, 10: return .array(element: try readType(from: &reader), containsNull: tag == 10)
        case 11: return .structure(try readSchema(from: &reader))
        case 12: return .vector
        default: throw SerializationError.invalidTag(tag, at: reader.position - 1)
        }
    }

    private static func readArray<T>(_ type: T.Type, count: Int, from reader: inout ByteReader) throws -> [T] {
        try reader.withBytes(count: count * MemoryLayout<T>.stride) { raw in
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                if count > 0 { UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: raw.baseAddress!, byteCount: raw.count) }
                initialized = count
            }
        }
    }
}
