/// A recursive-descent parser of Spark's vector text forms (what `Vector.description` prints):
/// `[v0,v1,…]` for a dense vector and `(size,[i0,i1,…],[v0,v1,…])` for a sparse one. Whitespace may
/// separate tokens; numbers follow Java's syntax as far as Swift's `Double(_:)` accepts it (`1.0E-5`,
/// `1e5`, `NaN`, `Infinity`); sizes and indices must be integral.
struct VectorParser {
    private let text: String
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    /// Parses the whole text as one vector. O(length).
    mutating func parseVector() throws(LinearAlgebraError) -> Vector {
        skipWhitespace()
        let vector: Vector
        switch currentByte {
        case UInt8(ascii: "["): vector = .dense(DenseVector(try parseArray()))
        case UInt8(ascii: "("): vector = try parseSparse()
        default: throw failure("expected '[' or '('")
        }
        skipWhitespace()
        guard position == bytes.count else { throw failure("unexpected text after the vector") }
        return vector
    }

    private var currentByte: UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func parseSparse() throws(LinearAlgebraError) -> Vector {
        try expect("(")
        let size = try integer(try parseNumber(), what: "size")
        try expect(",")
        var indices: [Int] = []
        for index in try parseArray() {
            indices.append(try integer(index, what: "index"))
        }
        try expect(",")
        let values = try parseArray()
        try expect(")")
        return try Vectors.sparse(size, indices, values)
    }

    private mutating func parseArray() throws(LinearAlgebraError) -> [Double] {
        try expect("[")
        var values: [Double] = []
        skipWhitespace()
        if currentByte == UInt8(ascii: "]") {
            position += 1
            return values
        }
        while true {
            values.append(try parseNumber())
            skipWhitespace()
            switch currentByte {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return values
            default: throw failure("expected ',' or ']'")
            }
        }
    }

    private mutating func parseNumber() throws(LinearAlgebraError) -> Double {
        skipWhitespace()
        let start = position
        while let byte = currentByte, !Self.isDelimiter(byte), !Self.isWhitespace(byte) {
            position += 1
        }
        guard position > start else { throw failure("expected a number") }
        let token = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(token) else {
            position = start
            throw failure("'\(token)' is not a number")
        }
        return value
    }

    private func integer(_ value: Double, what: String) throws(LinearAlgebraError) -> Int {
        guard let integer = Int(exactly: value) else {
            throw .malformedVector(input: text, reason: "the \(what) \(value.javaDescription) is not an integer")
        }
        return integer
    }

    private mutating func expect(_ character: Unicode.Scalar) throws(LinearAlgebraError) {
        skipWhitespace()
        guard currentByte == UInt8(ascii: character) else { throw failure("expected '\(character)'") }
        position += 1
    }

    private mutating func skipWhitespace() {
        while let byte = currentByte, Self.isWhitespace(byte) {
            position += 1
        }
    }

    private func failure(_ expectation: String) -> LinearAlgebraError {
        .malformedVector(input: text, reason: "\(expectation) at offset \(position)")
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        "[](),".utf8.contains(byte)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }
}
