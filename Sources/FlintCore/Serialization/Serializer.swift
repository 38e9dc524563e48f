import Synchronization

/// Writes and reads values of one type in Flint's binary formats.
///
/// Resolve a serializer once per type with `make(for:)` (cached, so resolving per task is a
/// dictionary lookup), then call `write(_:into:)` and `read(from:)` per record: each is one
/// closure call into the strategy chosen for `T` (see `SerializationFormat`). Serializers are
/// immutable and can be shared between threads. A serializer is a class so that code generic
/// over `T` calls it without looking up `Serializer<T>`'s type metadata on every record.
public final class Serializer<T>: @unchecked Sendable {
    /// The strategy this serializer uses.
    public let format: SerializationFormat
    @usableFromInline let writeValue: (T, inout ByteWriter) throws -> Void
    @usableFromInline let readValue: (inout ByteReader) throws -> T
    @usableFromInline let skipValue: (inout ByteReader) throws -> Void

    /// A serializer from its closures; without `skip`, skipping reads the value and drops it.
    @usableFromInline
    init(format: SerializationFormat,
         write: @escaping (T, inout ByteWriter) throws -> Void,
         read: @escaping (inout ByteReader) throws -> T,
         skip: ((inout ByteReader) throws -> Void)? = nil) {
        self.format = format
        writeValue = write
        readValue = read
        skipValue = skip ?? { reader in _ = try read(&reader) }
    }

    /// Appends the encoding of `value` to `writer`; one closure call plus the encoding itself.
    ///
    /// Only the `codable` format can fail (a type's `encode(to:)` throwing, or calling
    /// `encodeNil()`, which the binary format does not support).
    /// - Throws: `SerializationError.encodingFailed` naming the type and the error.
    @inlinable @inline(__always)
    public func write(_ value: T, into writer: inout ByteWriter) throws {
        try writeValue(value, &writer)
    }

    /// Appends the encodings of `values` in order; O(count) calls of `write(_:into:)`.
    /// - Throws: what `write(_:into:)` throws.
    @inlinable
    public func writeBatch(_ values: some Collection<T>, into writer: inout ByteWriter) throws {
        for value in values { try writeValue(value, &writer) }
    }

    /// Reads one value written by `write(_:into:)` for the same type in the same binary;
    /// throws `SerializationError` (or, for `codable`, `DecodingError`) on truncated or
    /// malformed input.
    @inlinable @inline(__always)
    public func read(from reader: inout ByteReader) throws -> T {
        try readValue(&reader)
    }

    /// Moves `reader` past one value without building it where the format allows (strings and
    /// trivially copyable values: O(1), no allocation); otherwise reads the value and drops it.
    /// - Throws: what `read(from:)` throws on truncated input.
    @inlinable @inline(__always)
    public func skip(in reader: inout ByteReader) throws {
        try skipValue(&reader)
    }

    /// Returns the serializer for `T`, resolving it on first use and caching it per type
    /// (later calls cost a lock and a dictionary lookup).
    ///
    /// Resolution order, fastest first:
    /// 1. `FlintSerializable` conformance → `.compact`;
    /// 2. trivially copyable (`_isPOD`), e.g. `(Int, Double)` or a struct of numbers →
    ///    `.rawMemory`;
    /// 3. `Array` / `Optional` / `Set` / `Dictionary` of other serializable types →
    ///    `.elementwise`;
    /// 4. tuples of serializable types, e.g. `(String, [Int])` → `.tuple`;
    /// 5. `Codable` → `.codable`.
    ///
    /// - Throws: `SerializationError.unsupportedType` naming the type (or the tuple or
    ///   container element) that has none of these.
    public static func make(for type: T.Type = T.self) throws -> Serializer<T> {
        if let cached = serializerCache.serializer(for: T.self) { return cached }
        let resolved = try resolve()
        serializerCache.store(resolved)
        return resolved
    }

    /// Picks the strategy for `T`; see `make(for:)`.
    private static func resolve() throws -> Serializer<T> {
        if let compactType = T.self as? any FlintSerializable.Type { return compact(compactType) }
        if _isPOD(T.self) { return rawMemory() }
        if let containerType = T.self as? any ElementwiseSerializable.Type { return try elementwise(containerType) }
        if let layout = TupleLayout(of: T.self) { return try tuple(layout) }
        if let codableType = T.self as? any Codable.Type { return codable(codableType) }
        throw SerializationError.unsupportedType("\(T.self)")
    }

    /// The `FlintSerializable` strategy. The most common field types get closures specialised
    /// at compile time, which call the encoding directly instead of through the protocol
    /// witness table (a few nanoseconds less per value); others open the existential.
    private static func compact(_ type: any FlintSerializable.Type) -> Serializer<T> {
        let serializer: Any
        switch type {
        case is Int.Type: serializer = compactSerializer(Int.self)
        case is String.Type:
            serializer = Serializer<String>(format: .compact, write: { value, writer in writer.writeString(value) },
                                            read: { reader in try reader.readString() },
                                            skip: { reader in try reader.skipString() })
        case is Double.Type: serializer = compactSerializer(Double.self)
        case is Int64.Type: serializer = compactSerializer(Int64.self)
        case is Int32.Type: serializer = compactSerializer(Int32.self)
        case is UInt64.Type: serializer = compactSerializer(UInt64.self)
        case is Float.Type: serializer = compactSerializer(Float.self)
        case is Bool.Type: serializer = compactSerializer(Bool.self)
        default: serializer = erasedCompactSerializer(type)
        }
        return serializer as! Serializer<T>
    }

    /// The raw-memory strategy for trivially copyable types.
    private static func rawMemory() -> Serializer<T> {
        let size = MemoryLayout<T>.size
        return Serializer(
            format: .rawMemory,
            write: { value, writer in withUnsafeBytes(of: value) { writer.writeBytes($0) } },
            read: { reader in try reader.withBytes(count: size) { $0.loadUnaligned(as: T.self) } },
            skip: { reader in _ = try reader.advance(by: size) })
    }

    /// The element-wise container strategy; `C` is `T` opened from the existential metatype.
    private static func elementwise<C: ElementwiseSerializable>(_: C.Type) throws -> Serializer<T> {
        try C.elementwiseSerializer() as! Serializer<T>
    }

    /// The `Codable` strategy; `C` is `T` opened from the existential metatype.
    private static func codable<C: Codable>(_: C.Type) -> Serializer<T> {
        let serializer = Serializer<C>(
            format: .codable,
            write: { value, writer in
                do {
                    try BinaryEncoder().encode(value, into: &writer)
                } catch {
                    throw SerializationError.encodingFailed(type: "\(C.self)", reason: "\(error)")
                }
            },
            read: { reader in try BinaryDecoder().decode(C.self, from: &reader) })
        return serializer as! Serializer<T>
    }
}

/// The serializer of a `FlintSerializable` type `S`: one call of its conformance per value.
private func compactSerializer<S: FlintSerializable>(_ type: S.Type) -> Serializer<S> {
    Serializer(format: .compact,
               write: { value, writer in value.serialize(into: &writer) },
               read: { reader in try S.deserialize(from: &reader) })
}

/// `compactSerializer(type)` as `Any`, so an existential metatype can be opened into it.
private func erasedCompactSerializer<S: FlintSerializable>(_ type: S.Type) -> Any {
    compactSerializer(type)
}

/// The process-wide cache behind `Serializer.make(for:)`, keyed by type.
private final class SerializerCache: Sendable {
    private let entries = Mutex<[ObjectIdentifier: Any]>([:])

    /// The cached serializer for `type`, if any; one lock round trip.
    func serializer<T>(for type: T.Type) -> Serializer<T>? {
        let entry = entries.withLock { $0[ObjectIdentifier(type)] }
        return entry as? Serializer<T>
    }

    /// Caches `serializer`; a concurrent resolution of the same type simply wins or loses.
    func store<T>(_ serializer: Serializer<T>) {
        entries.withLock { $0[ObjectIdentifier(T.self)] = serializer }
    }
}

private let serializerCache = SerializerCache()
