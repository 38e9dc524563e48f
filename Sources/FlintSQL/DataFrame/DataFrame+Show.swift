extension DataFrame {
    /// The first `numRows` rows as Spark's `show` draws them: a boxed table, cells of more than
    /// 20 characters cut to 17 and "..." and right-aligned when `truncate` is true, then
    /// "only showing top N rows" when there are more. Runs a job for `numRows + 1` rows.
    public func showString(_ numRows: Int = 20, truncate: Bool = true) throws -> String {
        let rows = try take(numRows + 1)
        let shown = rows.prefix(numRows)
        func cell(_ value: Value) -> String {
            let text = value.description
            return truncate && text.count > 20 ? String(text.prefix(17)) + "..." : text
        }
        let header = columns
        let cells = shown.map { $0.values.map(cell) }
        var widths = header.map { max(3, $0.count) }
        for row in cells { for (index, text) in row.enumerated() { widths[index] = max(widths[index], text.count) } }
        func line(_ texts: [String]) -> String {
            "|" + zip(texts, widths).map { text, width in
                let padding = String(repeating: " ", count: width - text.count)
                return truncate ? padding + text : text + padding
            }.joined(separator: "|") + "|"
        }
        let border = "+" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "+") + "+"
        var lines = [border, line(header), border] + cells.map(line) + [border]
        if rows.count > numRows { lines.append("only showing top \(numRows) \(numRows == 1 ? "row" : "rows")") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Prints `showString(numRows, truncate:)`.
    public func show(_ numRows: Int = 20, truncate: Bool = true) throws {
        print(try showString(numRows, truncate: truncate))
    }
}
