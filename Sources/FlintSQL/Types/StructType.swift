/// One column of a schema, as Spark's `StructField`.
public struct StructField: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The column name.
    public var name: String
    /// The column type.
    public var dataType: DataType
    /// Whether the column may hold nulls.
    public var nullable: Bool

    /// Creates a field.
    public init(_ name: String, _ dataType: DataType, nullable: Bool = true) {
        self.name = name
        self.dataType = dataType
        self.nullable = nullable
    }

    /// As Spark prints it: `StructField(age,IntegerType,true)`.
    public var description: String { "StructField(\(name),\(dataType),\(nullable))" }
}

/// A schema: the ordered columns of a DataFrame or the fields of a struct, as Spark's `StructType`.
public struct StructType: Hashable, Sendable, Codable, CustomStringConvertible, RandomAccessCollection {
    /// The fields, in order.
    public var fields: [StructField]

    /// Creates a schema of `fields`.
    public init(_ fields: [StructField] = []) {
        self.fields = fields
    }

    public var startIndex: Int { fields.startIndex }
    public var endIndex: Int { fields.endIndex }
    public subscript(position: Int) -> StructField { fields[position] }

    /// The column names, in order.
    public var fieldNames: [String] { fields.map(\.name) }

    /// The index of the field named `name` (case-insensitive, as Spark's default), if any.
    /// O(number of fields).
    public func fieldIndex(_ name: String) -> Int? {
        fields.firstIndex { $0.name == name } ?? fields.firstIndex { $0.name.lowercased() == name.lowercased() }
    }

    /// A copy with `field` appended.
    public func adding(_ field: StructField) -> StructType { StructType(fields + [field]) }

    /// A copy with a field appended.
    public func adding(_ name: String, _ dataType: DataType, nullable: Bool = true) -> StructType {
        adding(StructField(name, dataType, nullable: nullable))
    }

    /// The schema as `printSchema` prints it:
    /// ```
    /// root
    ///  |-- name: string (nullable = true)
    ///  |-- age: integer (nullable = true)
    /// ```
    public var treeString: String {
        var lines = ["root"]
        func append(_ type: StructType, prefix: String) {
            for field in type.fields {
                lines.append("\(prefix)-- \(field.name): \(field.dataType.typeName) (nullable = \(field.nullable))")
                describeNested(field.dataType, prefix: prefix + "    |")
            }
        }
        func describeNested(_ type: DataType, prefix: String) {
            switch type {
            case let .structure(inner): append(inner, prefix: prefix)
            case let .array(element, containsNull):
                lines.append("\(prefix)-- element: \(element.typeName) (containsNull = \(containsNull))")
                describeNested(element, prefix: prefix + "    |")
            default: break
            }
        }
        append(self, prefix: " |")
        return lines.joined(separator: "\n")
    }

    /// As Spark prints it: `StructType(StructField(a,IntegerType,true),...)`.
    public var description: String { "StructType(" + fields.map(\.description).joined(separator: ",") + ")" }
}
