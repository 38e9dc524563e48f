import Foundation

/// Flint's built-in SQL functions, with Spark's names and semantics: string, math, date,
/// conditional, and the aggregate and window functions (whose implementations live in the
/// executor; here they have their typing rules).
public enum BuiltinFunctions {
    /// Every built-in.
    public static let all: [FunctionDefinition] = strings + math + dates + collections + conditionals + aggregates + windows

    // MARK: - Typing helpers

    static func fixed(_ result: DataType, _ arguments: [DataType]) -> @Sendable ([DataType]) throws -> (DataType, [DataType]?) {
        { given in (result, Array(arguments.prefix(given.count))) }
    }

    static func numeric(_ name: String, result: DataType? = nil) -> @Sendable ([DataType]) throws -> (DataType, [DataType]?) {
        { given in
            guard let type = given.first, type.isNumeric || type == .null || type == .string else {
                throw AnalysisError.invalidArguments(function: name, reason: "expects a number, got \(given.first?.simpleString ?? "nothing")")
            }
            let argument: DataType = type.isNumeric ? type : .double
            return (result ?? argument, [argument] + given.dropFirst().map { _ in DataType.integer })
        }
    }

    static func scalar(_ name: String, _ arity: ClosedRange<Int>, nullIntolerant: Bool = true,
                       _ resolve: @escaping @Sendable ([DataType]) throws -> (DataType, [DataType]?),
                       _ evaluate: @escaping @Sendable ([Value]) throws -> Value) -> FunctionDefinition {
        FunctionDefinition(name: name, kind: .scalar, arity: arity, nullIntolerant: nullIntolerant,
                           resolve: { try resolve($0) }, evaluate: evaluate)
    }

    static func string(_ value: Value) -> String {
        if case let .string(text) = value { return text }
        return value.description
    }

    static func int(_ value: Value) -> Int { Int(value.longValue ?? 0) }

    static func double(_ value: Value) -> Double { value.doubleValue ?? .nan }

    // MARK: - Strings

    static let strings: [FunctionDefinition] = [
        scalar("lower", 1...1, fixed(.string, [.string])) { .string(string($0[0]).lowercased()) },
        scalar("upper", 1...1, fixed(.string, [.string])) { .string(string($0[0]).uppercased()) },
        scalar("length", 1...1, fixed(.integer, [.string])) { .integer(Int32(string($0[0]).count)) },
        scalar("trim", 1...1, fixed(.string, [.string])) { .string(string($0[0]).trimmingCharacters(in: .whitespaces)) },
        scalar("ltrim", 1...1, fixed(.string, [.string])) { .string(String(string($0[0]).drop { $0 == " " })) },
        scalar("rtrim", 1...1, fixed(.string, [.string])) {
            .string(String(string($0[0]).reversed().drop { $0 == " " }.reversed()))
        },
        scalar("substring", 2...3, fixed(.string, [.string, .integer, .integer])) { args in
            .string(substring(string(args[0]), position: int(args[1]), length: args.count > 2 ? int(args[2]) : Int.max))
        },
        scalar("substr", 2...3, fixed(.string, [.string, .integer, .integer])) { args in
            .string(substring(string(args[0]), position: int(args[1]), length: args.count > 2 ? int(args[2]) : Int.max))
        },
        scalar("concat", 1...64, { given in (.string, given.map { _ in .string }) }) { args in
            .string(args.map(string).joined())
        },
        scalar("like", 2...2, fixed(.boolean, [.string, .string])) { args in
            .boolean(try LikePattern.compile(string(args[1])).matches(string(args[0])))
        },
        scalar("rlike", 2...2, fixed(.boolean, [.string, .string])) { args in
            .boolean(try regex(string(args[1])).firstMatch(in: string(args[0])) != nil)
        },
        scalar("regexp_replace", 3...3, fixed(.string, [.string, .string, .string])) { args in
            .string(try regex(string(args[1])).replacingAll(in: string(args[0]), with: string(args[2])))
        },
        scalar("regexp_extract", 3...3, fixed(.string, [.string, .string, .integer])) { args in
            .string(try regex(string(args[1])).group(int(args[2]), of: string(args[0])) ?? "")
        },
        scalar("split", 2...2, fixed(.array(element: .string, containsNull: false), [.string, .string])) { args in
            let parts = try regex(string(args[1])).split(string(args[0]))
            return .array(parts.map { .string($0) })
        },
    ]

    /// Spark's 1-based `substring`: a position of 0 is 1, negative counts from the end.
    static func substring(_ text: String, position: Int, length: Int) -> String {
        let characters = Array(text)
        let start = position > 0 ? position - 1 : (position < 0 ? max(0, characters.count + position) : 0)
        guard start < characters.count, length > 0 else { return "" }
        let end = length >= characters.count - start ? characters.count : start + length
        return String(characters[start..<end])
    }

    static func regex(_ pattern: String) throws -> SQLRegex { try SQLRegex(pattern) }
}
