/// An error found while resolving a query: an unknown column, table or function, or a type
/// mismatch. Messages follow Spark's error classes.
public enum AnalysisError: Error, CustomStringConvertible, Equatable {
    /// A column name that no input has; `suggestions` are the nearest names.
    case unresolvedColumn(name: String, suggestions: [String])
    /// A table or view name that the catalog does not have.
    case tableNotFound(name: String)
    /// A function name that is neither built in nor registered.
    case unresolvedFunction(name: String, suggestions: [String])
    /// Arguments of the wrong number or type.
    case invalidArguments(function: String, reason: String)
    /// Operands whose types do not fit the operator.
    case typeMismatch(expression: String, reason: String)
    /// A name that matches several input columns.
    case ambiguousReference(name: String, candidates: [String])
    /// A query shape Flint does not support (yet), with why.
    case unsupported(String)

    public var description: String {
        switch self {
        case let .unresolvedColumn(name, suggestions):
            "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `\(name)` cannot be "
                + "resolved. Did you mean one of the following? [\(suggestions.map(Self.quoted).joined(separator: ", "))]."
        case let .tableNotFound(name):
            "[TABLE_OR_VIEW_NOT_FOUND] The table or view `\(name)` cannot be found. Verify the spelling, or "
                + "register it with createOrReplaceTempView."
        case let .unresolvedFunction(name, suggestions):
            "[UNRESOLVED_ROUTINE] Cannot resolve function `\(name)`"
                + (suggestions.isEmpty ? "." : "; did you mean \(suggestions.map { "`\($0)`" }.joined(separator: ", "))?")
        case let .invalidArguments(function, reason):
            "[WRONG_NUM_ARGS_OR_TYPE] Invalid arguments for `\(function)`: \(reason)."
        case let .typeMismatch(expression, reason):
            "[DATATYPE_MISMATCH] Cannot resolve \"\(expression)\": \(reason)."
        case let .ambiguousReference(name, candidates):
            "[AMBIGUOUS_REFERENCE] Reference `\(name)` is ambiguous, could be: [\(candidates.joined(separator: ", "))]."
        case let .unsupported(message):
            "[UNSUPPORTED_FEATURE] \(message)"
        }
    }

    /// `t.a` as Spark quotes it: `` `t`.`a` ``.
    static func quoted(_ name: String) -> String {
        name.split(separator: ".").map { "`\($0)`" }.joined(separator: ".")
    }

    /// The up to five names of `candidates` nearest to `name` (edit distance, case-insensitive).
    static func nearest(_ name: String, in candidates: [String]) -> [String] {
        let target = Array(name.lowercased())
        func distance(_ other: String) -> Int {
            let b = Array(other.lowercased())
            var previous = Array(0...b.count)
            for (i, ca) in target.enumerated() {
                var current = [i + 1] + Array(repeating: 0, count: b.count)
                for (j, cb) in b.enumerated() {
                    current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
                }
                previous = current
            }
            return previous[b.count]
        }
        var seen = Set<String>()
        let unique = candidates.filter { seen.insert($0).inserted }
        let scored: [(name: String, distance: Int)] = unique.map { ($0, distance($0)) }
        let ranked = scored.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
        return ranked.prefix(5).map(\.name)
    }
}
