extension CSVBatchDecoder {
    /// Decodes the simple records (see `CSVRecordBlock`) from `start` on, a block at a time,
    /// column by column; appends the batches they complete to `batches`. Returns the start of
    /// the first line left to the general path, or `end`.
    ///
    /// Each block is at most what completes the current batch, so batches keep `batchSize`
    /// rows. A block whose conversion meets a field it cannot convert is decoded again record
    /// by record by the general path, which applies the mode and reports the line: malformed
    /// data costs a second pass, well-formed data never pays for the checks.
    mutating func decodeSimpleRecords(from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>,
                                      block: CSVRecordBlock, into batches: inout [ColumnBatch]) throws -> UnsafePointer<UInt8> {
        var position = start
        while position < end {
            if bufferedRows >= batchSize { batches.append(takeBatch()) }
            let capacity = batchSize - bufferedRows
            let (rows, next) = block.index(from: position, to: end, maximumRows: capacity)
            position = next
            if rows > 0 {
                try convert(block, rows: rows)
                if bufferedRows >= batchSize { batches.append(takeBatch()) }
            }
            if rows < capacity { break }
        }
        return position
    }

    /// Appends the `rows` records of `block` (consecutive lines from `lineNumber` on) that the
    /// pushed filters keep.
    private mutating func convert(_ block: CSVRecordBlock, rows: Int) throws {
        let firstLine = lineNumber
        lineNumber += rows
        let selection = block.selection
        var selected = 0
        if rowFilters.isEmpty {
            for row in 0..<rows { selection[row] = Int32(truncatingIfNeeded: row) }
            selected = rows
        } else {
            for row in 0..<rows
            where rowFilters.allSatisfy({ $0.filter.mayMatch(block.field(row, $0.token), quoted: false, converter: converter) }) {
                selection[selected] = Int32(truncatingIfNeeded: row)
                selected += 1
            }
        }
        filteredCount += rows - selected
        guard selected > 0 else { return }
        let converted = columns.withUnsafeMutableBufferPointer { [conversions, converter] columns in
            conversions.allSatisfy { Self.convert(block, selection, selected, $0, converter, &columns[$0.column]) }
        }
        if converted {
            bufferedRows += selected
            rowCount += selected
            return
        }
        for column in columns.indices { columns[column].truncate(to: bufferedRows) }
        for index in 0..<selected {
            let row = Int(selection[index])
            try decodeRecord(block.line(row), number: firstLine + row)
        }
    }

    /// Converts field `conversion.token` of the `count` records `selection` lists and appends
    /// the values to `column`; false at the first field that cannot be converted.
    private static func convert(_ block: CSVRecordBlock, _ selection: UnsafeMutablePointer<Int32>, _ count: Int,
                                _ conversion: CSVFieldConversion, _ converter: CSVFieldConverter,
                                _ column: inout CSVColumnAccumulator) -> Bool {
        let token = conversion.token
        switch conversion.conversion {
        case .long:
            return convertNumbers(block, selection, count, token, converter, &column, as: Int64.self, ByteParsing.int64)
        case .integer:
            return convertNumbers(block, selection, count, token, converter, &column, as: Int32.self, ByteParsing.int32)
        case .double where converter.plainDecimalsAreNumbers:
            return convertNumbers(block, selection, count, token, converter, &column, as: Double.self) {
                ByteParsing.plainDecimal($0) ?? converter.double($0)
            }
        case .double:
            return convertNumbers(block, selection, count, token, converter, &column, as: Double.self, converter.double)
        case .string:
            let cache = block.stringCache(token)
            for index in 0..<count {
                let bytes = block.field(Int(selection[index]), token)
                if converter.isNull(bytes) {
                    column.appendNull()
                } else {
                    column.append(cache.string(bytes))
                }
            }
        default:
            for index in 0..<count
            where !converter.append(block.field(Int(selection[index]), token), quoted: false, as: conversion.conversion, to: &column) {
                return false
            }
        }
        return true
    }

    /// The numbers of a column: parsed into the block's value buffer (nulls as zeros, their
    /// offsets noted), then appended in one copy; false at the first field `parse` rejects.
    @inline(__always)
    private static func convertNumbers<Number: Numeric & BitwiseCopyable>(
        _ block: CSVRecordBlock, _ selection: UnsafeMutablePointer<Int32>, _ count: Int, _ token: Int,
        _ converter: CSVFieldConverter, _ column: inout CSVColumnAccumulator, as type: Number.Type,
        _ parse: (UnsafeBufferPointer<UInt8>) -> Number?
    ) -> Bool where Number: CSVBlockAppendable {
        let values = block.values.assumingMemoryBound(to: Number.self)
        block.nullOffsets.removeAll(keepingCapacity: true)
        for index in 0..<count {
            let bytes = block.field(Int(selection[index]), token)
            if converter.isNull(bytes) {
                values[index] = 0
                block.nullOffsets.append(index)
            } else if let value = parse(bytes) {
                values[index] = value
            } else {
                return false
            }
        }
        column.append(contentsOf: UnsafeBufferPointer(start: values, count: count), nullOffsets: block.nullOffsets)
        return true
    }
}
