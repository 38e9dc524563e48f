import Flint
import Foundation

/// A JSON value whose objects keep their key order, so that result lines read like the anchor
/// kit's (`engine`, `tool`, `workload` first). Only what the bench prints: no parsing.
enum JSONValue {
    /// `null`.
    case null
    /// `true` / `false`.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// An unsigned integer (checksums, row counts).
    case uint(UInt64)
    /// A number printed with `digits` decimals (non-finite values print as null).
    case fixed(Double, digits: Int)
    /// A number printed in Swift's shortest round-trip form (non-finite values print as null).
    case double(Double)
    /// A string, escaped as JSON requires.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object whose fields print in this order.
    case object([(String, JSONValue)])

    /// The value rendered on one line, with a space after `:` and `,` as Python's json.dumps.
    var rendered: String {
        var out = ""
        render(into: &out)
        return out
    }

    private func render(into out: inout String) {
        switch self {
        case .null: out += "null"
        case let .bool(value): out += value ? "true" : "false"
        case let .int(value): out += String(value)
        case let .uint(value): out += String(value)
        case let .fixed(value, digits):
            out += value.isFinite ? String(format: "%.\(digits)f", value) : "null"
        case let .double(value): out += value.isFinite ? "\(value)" : "null"
        case let .string(value): Self.quote(value, into: &out)
        case let .array(items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                item.render(into: &out)
            }
            out += "]"
        case let .object(fields):
            out += "{"
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { out += ", " }
                Self.quote(key, into: &out)
                out += ": "
                value.render(into: &out)
            }
            out += "}"
        }
    }

    private static func quote(_ text: String, into out: inout String) {
        out += JSONText.quoted(text)
    }
}

/// Appends `lines` (each followed by a newline) to the file at `path`, creating it and its
/// directory when missing.
/// - Throws: `BenchError.io` when the file cannot be written.
func appendLines(_ lines: [String], toFile path: String) throws {
    let url = URL(fileURLWithPath: path)
    do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(lines.map { $0 + "\n" }.joined().utf8))
    } catch {
        throw BenchError.io(path: path, reason: "cannot append the results: \(error)")
    }
}
