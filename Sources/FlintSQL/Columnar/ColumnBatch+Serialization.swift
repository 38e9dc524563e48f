import FlintCore
import Foundation

/// The shuffle encoding of column batches: the schema (JSON, once per batch), then per column
/// its validity words and its buffer, numbers copied as raw memory and strings length-prefixed.
/// Cost: one `memcpy` per numeric column, one length and copy per string.
extension ColumnBatch: FlintSerializable {
    public func serialize(into writer: inout ByteWriter) {
        writer.writeVarInt(Int64(rowCount))
        // The schema is plain data: its JSON encoding cannot fail.
        writer.writeString(String(decoding: (try? JSONEncoder().encode(schema)) ?? Data(), as: UTF8.self))
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
        let schema = try JSONDecoder().decode(StructType.self, from: Data(try reader.readString().utf8))
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
            case .string: storage = .string(try (0..<rowCount).map { _ in try reader.readString() })
            case .values: storage = .values(try JSONDecoder().decode([Value].self, from: Data(try reader.readString().utf8)))
            }
            columns.append(ColumnVector(dataType: field.dataType, storage: storage, validity: validity))
        }
        return ColumnBatch(schema: schema, columns: columns, rowCount: rowCount)
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
