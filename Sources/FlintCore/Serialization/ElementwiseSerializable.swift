/// A standard container that `Serializer` can handle whatever its element types are, by
/// resolving a serializer per element type at run time.
///
/// This covers containers whose elements are not `FlintSerializable`, e.g. `[(String, Int)]`,
/// `[String: (Int, Double)]` or `MyCodableStruct?`. The byte layout is the same as the
/// `FlintSerializable` conformances of these containers: a varint count (or an `Optional` tag
/// byte) followed by the elements, so the two strategies read each other's output.
protocol ElementwiseSerializable {
    /// The container serializer built on its elements' serializers; throws
    /// `unsupportedType` if an element type has no serializer.
    static func elementwiseSerializer() throws -> Serializer<Self>
}

extension Array: ElementwiseSerializable {
    static func elementwiseSerializer() throws -> Serializer<[Element]> {
        let element = try Serializer<Element>.make()
        return Serializer(
            format: .elementwise,
            write: { array, writer in
                writer.writeVarUInt(UInt64(array.count))
                for value in array { try element.write(value, into: &writer) }
            },
            read: { reader in
                let count = try reader.readCount()
                var array: [Element] = []
                array.reserveCapacity(Swift.min(count, reader.remainingCount))
                for _ in 0..<count { array.append(try element.read(from: &reader)) }
                return array
            })
    }
}

extension Optional: ElementwiseSerializable {
    static func elementwiseSerializer() throws -> Serializer<Wrapped?> {
        let wrapped = try Serializer<Wrapped>.make()
        return Serializer(
            format: .elementwise,
            write: { optional, writer in
                if let value = optional {
                    writer.write(1)
                    try wrapped.write(value, into: &writer)
                } else {
                    writer.write(0)
                }
            },
            read: { reader in
                try Bool.deserialize(from: &reader) ? try wrapped.read(from: &reader) : nil
            })
    }
}

extension Set: ElementwiseSerializable {
    static func elementwiseSerializer() throws -> Serializer<Set<Element>> {
        let element = try Serializer<Element>.make()
        return Serializer(
            format: .elementwise,
            write: { set, writer in
                writer.writeVarUInt(UInt64(set.count))
                for value in set { try element.write(value, into: &writer) }
            },
            read: { reader in
                let count = try reader.readCount()
                var set = Set(minimumCapacity: Swift.min(count, reader.remainingCount))
                for _ in 0..<count { set.insert(try element.read(from: &reader)) }
                return set
            })
    }
}

extension Dictionary: ElementwiseSerializable {
    static func elementwiseSerializer() throws -> Serializer<[Key: Value]> {
        let key = try Serializer<Key>.make()
        let value = try Serializer<Value>.make()
        return Serializer(
            format: .elementwise,
            write: { dictionary, writer in
                writer.writeVarUInt(UInt64(dictionary.count))
                for (entryKey, entryValue) in dictionary {
                    try key.write(entryKey, into: &writer)
                    try value.write(entryValue, into: &writer)
                }
            },
            read: { reader in
                let count = try reader.readCount()
                var dictionary = Self(minimumCapacity: Swift.min(count, reader.remainingCount))
                for _ in 0..<count {
                    let entryKey = try key.read(from: &reader)
                    dictionary[entryKey] = try value.read(from: &reader)
                }
                return dictionary
            })
    }
}
