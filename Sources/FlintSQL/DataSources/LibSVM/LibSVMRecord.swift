/// One line of a LIBSVM file, `label index:value index:value ...` with 1-based, strictly
/// increasing indices, parsed as Spark's `MLUtils.parseLibSVMRecord` (blank lines and lines
/// starting with `#` are no records).
struct LibSVMRecord {
    let label: Double
    /// 0-based indices.
    let indices: [Int]
    let values: [Double]

    /// The record of `line`, or nil for a blank or comment line.
    /// - Throws: a reason string when the line is not a valid record.
    init?(_ line: Substring) throws(LibSVMRecordError) {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard let first = trimmed.first, first != "#" else { return nil }
        var items = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).makeIterator()
        let labelText = items.next()!
        guard let label = Double(labelText) else { throw LibSVMRecordError("the label '\(labelText)' is not a number") }
        var indices: [Int] = [], values: [Double] = []
        var previous = -1
        while let item = items.next() {
            guard let colon = item.firstIndex(of: ":"), let oneBased = Int(item[..<colon]),
                  let value = Double(item[item.index(after: colon)...]) else {
                throw LibSVMRecordError("'\(item)' is not index:value")
            }
            let index = oneBased - 1
            guard index > previous else {
                throw LibSVMRecordError("indices should be one-based and in ascending order; found current=\(index), previous=\(previous)")
            }
            indices.append(index)
            values.append(value)
            previous = index
        }
        self.label = label
        self.indices = indices
        self.values = values
    }
}

/// Why a LIBSVM line is not a record.
struct LibSVMRecordError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
