/// A pushed `column = 'text'` filter a CSV scan checks on a record's raw field before
/// converting anything, as Spark's CSV filter pushdown (`spark.sql.csv.filterPushdown.enabled`):
/// a record whose field cannot equal the text is skipped (the Filter above the scan would drop
/// it), so its other fields are never converted. Like Spark's, a skipped record's malformed
/// fields go unnoticed. Only decisive cases skip: an ASCII literal against an unquoted ASCII
/// field; anything else (quoted, non-ASCII) is left to the Filter.
struct CSVRowFilter: Sendable {
    /// The column (index in the file's schema).
    let column: Int
    /// The literal's UTF-8 bytes (ASCII).
    let literal: [UInt8]

    /// The filters among `conjuncts` of a scan over `output`: each `string column = 'ASCII text'`
    /// (either way round).
    static func filters(_ conjuncts: [Expression], output: [Attribute]) -> [CSVRowFilter] {
        conjuncts.compactMap { conjunct in
            guard case let .binary(.equal, a, b) = conjunct else { return nil }
            let pair: (Attribute, String)?
            switch (a, b) {
            case let (.attribute(attribute), .literal(.string(text))), let (.literal(.string(text)), .attribute(attribute)):
                pair = (attribute, text)
            default:
                pair = nil
            }
            guard let (attribute, text) = pair, attribute.dataType == .string, text.utf8.allSatisfy({ $0 < 0x80 }),
                  let column = output.firstIndex(where: { $0.id == attribute.id }) else { return nil }
            return CSVRowFilter(column: column, literal: Array(text.utf8))
        }
    }

    /// Whether the field (`bytes`, `quoted` as the parser read it) can hold the literal: false
    /// only when it surely does not (a different ASCII text, or null by `converter`'s rules).
    @inline(__always)
    func mayMatch(_ bytes: UnsafeBufferPointer<UInt8>, quoted: Bool, converter: CSVFieldConverter) -> Bool {
        if quoted { return true }
        if bytes.isEmpty { return false }  // unquoted empty: null
        if bytes.count == converter.nullValue.count, ByteParsing.equal(bytes, converter.nullValue) { return false }
        if ByteParsing.equal(bytes, literal) { return true }
        return !bytes.allSatisfy { $0 < 0x80 }
    }
}
