extension SQLParser {
    /// Type names `DataType.parse` does not know, mapped to the nearest Flint type: Flint has no
    /// 8- or 16-bit integers (`INT` holds them) and no decimals (`DOUBLE` stands in, as for
    /// decimal literals).
    private static let additionalTypeNames: [String: DataType] = [
        "tinyint": .integer, "byte": .integer, "smallint": .integer, "short": .integer,
        "char": .string, "decimal": .double, "dec": .double, "numeric": .double,
    ]

    /// The type names that take a parenthesised size: `varchar(20)`, `decimal(10, 2)`.
    private static let sizedTypeNames: Set<String> = ["char", "varchar", "decimal", "dec", "numeric"]

    /// Reads a type:
    /// ```
    /// type := ARRAY '<' type '>' | STRUCT '<' [field (',' field)*] '>' | name ['(' integer [, integer] ')']
    /// field := name [':'] type [NOT NULL]
    /// ```
    mutating func parseDataTypeSpecification() throws(SQLSyntaxError) -> DataType {
        let name: String
        if case .word = current.kind { name = current.text.lowercased() } else { name = "" }
        switch name {
        case "array":
            advance()
            try expect(.less)
            let element = try parseDataTypeSpecification()
            try expect(.greater)
            return .array(element: element, containsNull: true)
        case "struct":
            advance()
            if acceptQuietly(.lessOrGreater) { // `struct<>` lexes as `struct` `<>`
                return .structure(StructType())
            }
            try expect(.less)
            var fields: [StructField] = []
            if !accept(.greater) {
                repeat { fields.append(try parseStructField()) } while accept(.comma)
                try expect(.greater)
            }
            return .structure(StructType(fields))
        default:
            guard let type = DataType.parse(name) ?? Self.additionalTypeNames[name] else {
                record("data type")
                throw unexpected()
            }
            advance()
            if Self.sizedTypeNames.contains(name), accept(.leftParenthesis) {
                _ = try parseNonNegativeInteger()
                if accept(.comma) { _ = try parseNonNegativeInteger() }
                try expect(.rightParenthesis)
            }
            return type
        }
    }

    /// Reads `name [:] type [NOT NULL]` of a struct type; the name may be any word.
    private mutating func parseStructField() throws(SQLSyntaxError) -> StructField {
        switch current.kind {
        case .word, .quotedIdentifier:
            let name = advance().text
            _ = accept(.colon)
            let type = try parseDataTypeSpecification()
            let nullable = try !accept(.not, .null)
            return StructField(name, type, nullable: nullable)
        default:
            record("identifier")
            throw unexpected()
        }
    }
}
