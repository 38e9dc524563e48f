import Foundation

/// JSON string literals, for the JSON outputs (flint-sql's `--output-format json`, reports).
public enum JSONText {
    /// `text` as a JSON string literal: quoted, with `"`, `\` and control characters escaped.
    /// O(length).
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(s.value, radix: 16).count)
                + String(s.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `value` of SQL type `type` as JSON: numbers and booleans bare (NaN and infinities as
    /// strings), dates and timestamps as their ISO text, arrays as arrays, structs as objects
    /// named by the type's fields, NULL as `null`.
    public static func value(_ value: Value, type: DataType) -> String {
        switch (value, type) {
        case (.null, _): return "null"
        case (.boolean, _), (.integer, _), (.long, _): return value.description
        case let (.double(v), _): return v.isFinite ? value.description : quoted(value.description)
        case let (.float(v), _): return v.isFinite ? value.description : quoted(value.description)
        case let (.array(values), .array(element, _)): return "[" + values.map { self.value($0, type: element) }.joined(separator: ",") + "]"
        case let (.structure(values), .structure(fields)):
            return object(zip(fields.fields, values).map { ($0.name, $1, $0.dataType) })
        case let (.vector(vector), _):
            // Spark's JSON form of a vector: {"type":1,"values":[...]} or {"type":0,"size":...}.
            return (try? JSONEncoder().encode(vector)).map { String(decoding: $0, as: UTF8.self) } ?? quoted(value.description)
        default: return quoted(value.description)
        }
    }

    /// An object of `(name, value, type)` members, in order.
    public static func object(_ members: [(String, Value, DataType)]) -> String {
        "{" + members.map { quoted($0.0) + ":" + value($0.1, type: $0.2) }.joined(separator: ",") + "}"
    }
}
