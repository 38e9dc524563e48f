import Flint
import Foundation

/// `flint-bench decode-csv <file.csv> --schema "a BIGINT, ..." [--repeat N]`: the CSV decoder
/// alone on one core (the file read into memory once, then decoded `N` times with
/// `CSVBatchDecoder.decode(text:into:)`), printing ns per line and MB/s per pass. A stable
/// measure of the scan's hot loop: the DataFrame workloads mix it with hashing, shuffles and
/// two threads, which makes their wall times too noisy for parser work.
enum DecodeCommand {
    /// One line of help.
    static let usage = "usage: flint-bench decode-csv <file.csv> --schema \"name TYPE, ...\" [--repeat N] [--columns i,j]"

    /// Runs the command.
    /// - Throws: `BenchError` for bad arguments or an unreadable file; what decoding throws.
    static func run(_ argv: ArraySlice<String>) throws {
        let arguments = try Arguments(argv, valueOptions: ["schema", "repeat", "columns"])
        let path = try arguments.singlePositional("CSV file")
        guard let schemaText = arguments.value("schema") else { throw BenchError.usage("decode-csv needs --schema") }
        let schema = StructType(try schemaText.split(separator: ",").map { column in
            let parts = column.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2 else { throw BenchError.usage("--schema: expected 'name TYPE', got '\(column)'") }
            return StructField(String(parts[0]), try SQLParser.parseDataType(String(parts[1])))
        })
        let repeats = Int(arguments.value("repeat") ?? "5") ?? 5
        let required = try arguments.value("columns").map { list in
            try list.split(separator: ",").map { text -> Int in
                guard let index = Int(text), schema.fields.indices.contains(index) else {
                    throw BenchError.usage("--columns: '\(text)' is not a column index of the schema")
                }
                return index
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchError.missingData("cannot read \(path)") }
        let text = [UInt8](data)
        let options = try CSVOptions(DataSourceOptions(["header": "true"]))
        for pass in 0..<repeats {
            var decoder = try CSVBatchDecoder(schema: schema, options: options, path: path, requiredColumns: required)
            var batches: [ColumnBatch] = []
            var rows = 0
            let start = DispatchTime.now().uptimeNanoseconds
            try text.withUnsafeBufferPointer { bytes in
                // Chunks of 1 MiB of whole lines, as the scan feeds them, so batches are dropped as they come.
                var offset = 0
                while offset < bytes.count {
                    var cut = Swift.min(bytes.count, offset + (1 << 20))
                    while cut < bytes.count, bytes[cut - 1] != UInt8(ascii: "\n") { cut += 1 }
                    try decoder.decode(text: UnsafeBufferPointer(rebasing: bytes[offset..<cut]), into: &batches)
                    rows += batches.reduce(0) { $0 + $1.rowCount }
                    batches.removeAll(keepingCapacity: true)
                    offset = cut
                }
            }
            rows += decoder.finish()?.rowCount ?? 0
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print(String(format: "pass %d: %d rows in %.3f s: %.1f ns/line, %.0f MB/s", pass, rows, seconds,
                         seconds * 1e9 / Double(max(rows, 1)), Double(text.count) / seconds / 1e6))
        }
    }
}
