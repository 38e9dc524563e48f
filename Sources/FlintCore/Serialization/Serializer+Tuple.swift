extension Serializer {
    /// The tuple strategy: the elements in order, each through the serializer resolved for
    /// its static type, with no tags (both sides know the types).
    ///
    /// Writing reads each element in place from the tuple's memory; reading initialises each
    /// element in place in scratch memory, destroying the finished elements if a later one
    /// fails. The per-element steps are chained into one closure per element, so a value
    /// costs a few closure calls per element, with no array to walk and no retain of the
    /// element serializers.
    static func tuple(_ layout: TupleLayout) throws -> Serializer<T> {
        let fields = try layout.elements.map { try TupleField(element: $0) }
        var writeFields: (UnsafeRawPointer, inout ByteWriter) throws -> Void = { _, _ in }
        var readFields: (UnsafeMutableRawPointer, inout ByteReader) throws -> Void = { _, _ in }
        for field in fields.reversed() {
            let (writeRest, readRest) = (writeFields, readFields)
            writeFields = { base, writer in
                try field.write(base + field.offset, &writer)
                try writeRest(base, &writer)
            }
            readFields = { base, reader in
                try field.read(base + field.offset, &reader)
                do {
                    try readRest(base, &reader)
                } catch {
                    field.destroy(base + field.offset)
                    throw error
                }
            }
        }
        let (size, alignment) = (MemoryLayout<T>.size, MemoryLayout<T>.alignment)
        return Serializer(
            format: .tuple,
            write: { [writeFields] value, writer in
                try withUnsafePointer(to: value) { try writeFields(UnsafeRawPointer($0), &writer) }
            },
            read: { [readFields] reader in
                let tuple = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: alignment)
                defer { tuple.deallocate() }
                try readFields(tuple, &reader)
                return tuple.assumingMemoryBound(to: T.self).move()
            })
    }
}

/// One tuple element: its offset inside the tuple and its serializer, erased to work on the
/// element's memory.
private struct TupleField {
    /// The element's byte offset inside the tuple.
    let offset: Int
    /// Writes the element stored at the pointer.
    let write: (UnsafeRawPointer, inout ByteWriter) throws -> Void
    /// Reads an element and initialises the (uninitialised) memory at the pointer with it.
    let read: (UnsafeMutableRawPointer, inout ByteReader) throws -> Void
    /// Deinitialises the element stored at the pointer.
    let destroy: (UnsafeMutableRawPointer) -> Void

}

extension TupleField {
    /// Resolves the serializer of `element.type`; throws `unsupportedType` if it has none.
    init(element: TupleLayout.Element) throws {
        // A global generic function: the compiler crashes opening an `Any.Type` into a method.
        let typed = try _openExistential(element.type, do: tupleField)
        self.init(offset: element.offset, write: typed.write, read: typed.read, destroy: typed.destroy)
    }

    /// A field of element type `E` at offset 0, for `init(element:)` to place.
    fileprivate init<E>(serializer: Serializer<E>) {
        self.init(
            offset: 0,
            write: { pointer, writer in
                try serializer.write(pointer.assumingMemoryBound(to: E.self).pointee, into: &writer)
            },
            read: { pointer, reader in
                try pointer.initializeMemory(as: E.self, to: serializer.read(from: &reader))
            },
            destroy: { pointer in pointer.assumingMemoryBound(to: E.self).deinitialize(count: 1) })
    }
}

/// The field of static type `E` at offset 0; throws `unsupportedType` if `E` has no serializer.
private func tupleField<E>(_ type: E.Type) throws -> TupleField {
    TupleField(serializer: try Serializer<E>.make())
}
