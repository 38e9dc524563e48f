/// The strategy a `Serializer` resolved for its type, fastest first; see `Serializer.make(for:)`.
public enum SerializationFormat: Sendable, Equatable {
    /// The type's own `FlintSerializable` encoding: one closure and one witness call per value.
    case compact
    /// A trivially copyable (POD) type written as its `MemoryLayout<T>.size` raw bytes: one
    /// `memcpy` per value. Valid only between processes of the same binary (Flint's rule), and
    /// never for types holding pointers, which would be meaningless in another process. Reads
    /// trust the bytes (frames are checksummed), so they are not checked for invalid `Bool`
    /// or enum values.
    case rawMemory
    /// An `Array`, `Optional`, `Set` or `Dictionary` whose elements are not all
    /// `FlintSerializable` (e.g. `[(String, Int)]`): the compact container layout with each
    /// element written by its own resolved serializer.
    case elementwise
    /// A tuple that is not trivially copyable, e.g. `(String, Int)`: its elements in order,
    /// each written by its own resolved serializer, with no tags. A few closure calls and one
    /// copy per element, plus a small heap allocation per value read.
    case tuple
    /// A `Codable` type written through `BinaryEncoder` / `BinaryDecoder`: the slowest path
    /// (an encoder object and containers per value), but still compact binary, not JSON.
    case codable
}
