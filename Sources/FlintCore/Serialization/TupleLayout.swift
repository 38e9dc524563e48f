/// The static element types and byte offsets of a tuple type, read once from the Swift
/// runtime's type metadata.
///
/// Swift has no public API that lists a tuple type's element types without a value, and a
/// reduce task must decode tuples it has never seen. The tuple metadata layout used here is
/// part of the Swift ABI (docs/ABI/TypeMetadata.rst; the stdlib's `Mirror` reads the same
/// fields): kind word `0x301`, element count, labels pointer, then one `(type, offset)` pair of
/// 16 bytes per element, with the offset a 32-bit value on Linux and a word on Apple platforms
/// (little-endian, so reading the low 32 bits is right on both). Each layout is checked for
/// consistency (offsets ascending, every element inside the tuple) before it is used.
struct TupleLayout {
    /// One element: its static type and its offset inside the tuple.
    struct Element {
        /// The element's static type.
        let type: Any.Type
        /// The element's byte offset from the start of the tuple.
        let offset: Int
    }

    /// The elements in declaration order.
    let elements: [Element]

    private static let tupleKind: UInt = 0x301
    private static let elementsOffset = 3 * MemoryLayout<UInt>.size
    private static let elementStride = 2 * MemoryLayout<UInt>.size

    /// Reads the layout of `type`; nil if it is not a tuple or its metadata looks inconsistent.
    /// Cost: O(element count), once per type.
    init?<T>(of type: T.Type) {
        let metadata = unsafeBitCast(type as Any.Type, to: UnsafeRawPointer.self)
        guard metadata.load(as: UInt.self) == Self.tupleKind else { return nil }
        let count = metadata.load(fromByteOffset: MemoryLayout<UInt>.size, as: Int.self)
        guard count >= 1 else { return nil }
        let tupleSize = MemoryLayout<T>.size
        var elements: [Element] = []
        elements.reserveCapacity(count)
        var end = 0
        for index in 0..<count {
            let entry = metadata + Self.elementsOffset + index * Self.elementStride
            let elementType = unsafeBitCast(entry.load(as: UnsafeRawPointer.self), to: Any.Type.self)
            let offset = Int(entry.load(fromByteOffset: MemoryLayout<UInt>.size, as: UInt32.self))
            let size = _openExistential(elementType, do: sizeOfType)
            guard offset >= end, offset + size <= tupleSize else { return nil }
            end = offset + size
            elements.append(Element(type: elementType, offset: offset))
        }
        self.elements = elements
    }
}

/// The size of `type`; a global function because the compiler crashes opening an `Any.Type`
/// into a method.
private func sizeOfType<E>(_ type: E.Type) -> Int {
    MemoryLayout<E>.size
}
