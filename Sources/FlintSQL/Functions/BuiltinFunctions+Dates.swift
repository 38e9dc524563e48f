extension BuiltinFunctions {
    static func datePart(_ name: String, _ part: @escaping @Sendable ((year: Int, month: Int, day: Int)) -> Int) -> FunctionDefinition {
        scalar(name, 1...1, fixed(.integer, [.date])) { args in
            guard case let .date(days) = args[0] else { return .null }
            return .integer(Int32(part(DateTimeFormat.civil(fromDays: Int(days)))))
        }
    }

    static let dates: [FunctionDefinition] = [
        datePart("year") { $0.year },
        datePart("month") { $0.month },
        datePart("dayofmonth") { $0.day },
        datePart("day") { $0.day },
        scalar("to_date", 1...1, fixed(.date, [.string])) { args in
            DateTimeFormat.parseDate(Substring(string(args[0])).prefix(10)).map { .date($0) } ?? .null
        },
        scalar("date_add", 2...2, fixed(.date, [.date, .integer])) { args in
            guard case let .date(days) = args[0] else { return .null }
            return .date(days + Int32(int(args[1])))
        },
        scalar("date_sub", 2...2, fixed(.date, [.date, .integer])) { args in
            guard case let .date(days) = args[0] else { return .null }
            return .date(days - Int32(int(args[1])))
        },
        scalar("datediff", 2...2, fixed(.integer, [.date, .date])) { args in
            guard case let .date(end) = args[0], case let .date(start) = args[1] else { return .null }
            return .integer(end - start)
        },
    ]

    static let conditionals: [FunctionDefinition] = [
        scalar("coalesce", 1...64, nullIntolerant: false, { given in
            let type = given.reduce(DataType.null) { $0.widened(with: $1) ?? .string }
            return (type, given.map { _ in type })
        }) { args in args.first { !$0.isNull } ?? .null },
        scalar("nvl", 2...2, nullIntolerant: false, { given in
            let type = given[0].widened(with: given[1]) ?? .string
            return (type, [type, type])
        }) { args in args[0].isNull ? args[1] : args[0] },
        scalar("isnull", 1...1, nullIntolerant: false, { _ in (.boolean, nil) }) { .boolean($0[0].isNull) },
        scalar("isnotnull", 1...1, nullIntolerant: false, { _ in (.boolean, nil) }) { .boolean(!$0[0].isNull) },
    ]

    /// Aggregates: typing only; `AggregateFunction` computes them.
    static func aggregate(_ name: String, _ arity: ClosedRange<Int> = 1...1,
                          _ resolve: @escaping @Sendable ([DataType]) throws -> (DataType, [DataType]?)) -> FunctionDefinition {
        FunctionDefinition(name: name, kind: .aggregate, arity: arity, nullIntolerant: false, resolve: { try resolve($0) })
    }

    static func sumType(_ name: String) -> @Sendable ([DataType]) throws -> (DataType, [DataType]?) {
        { given in
            switch given[0] {
            case .integer, .long: return (.long, [.long])
            case .float, .double, .string, .null: return (.double, [.double])
            default: throw AnalysisError.invalidArguments(function: name, reason: "expects a number, got \(given[0].simpleString)")
            }
        }
    }

    static func sameType(_ name: String) -> @Sendable ([DataType]) throws -> (DataType, [DataType]?) {
        { given in
            guard given[0].isOrderable else {
                throw AnalysisError.invalidArguments(function: name, reason: "cannot order values of type \(given[0].simpleString)")
            }
            return (given[0], nil)
        }
    }

    static let aggregates: [FunctionDefinition] = [
        aggregate("count", 1...64) { _ in (.long, nil) },
        aggregate("sum", 1...1, sumType("sum")),
        aggregate("avg", 1...1) { given in
            _ = try sumType("avg")(given)
            return (.double, [.double])
        },
        aggregate("mean", 1...1) { given in
            _ = try sumType("mean")(given)
            return (.double, [.double])
        },
        aggregate("min", 1...1, sameType("min")),
        aggregate("max", 1...1, sameType("max")),
        aggregate("first", 1...1) { given in (given[0], nil) },
        aggregate("last", 1...1) { given in (given[0], nil) },
        aggregate("collect_list", 1...1) { given in (.array(element: given[0], containsNull: false), nil) },
        aggregate("collect_set", 1...1) { given in (.array(element: given[0], containsNull: false), nil) },
        aggregate("stddev", 1...1) { _ in (.double, [.double]) },
        aggregate("stddev_samp", 1...1) { _ in (.double, [.double]) },
        aggregate("stddev_pop", 1...1) { _ in (.double, [.double]) },
        aggregate("variance", 1...1) { _ in (.double, [.double]) },
        aggregate("var_samp", 1...1) { _ in (.double, [.double]) },
        aggregate("var_pop", 1...1) { _ in (.double, [.double]) },
    ]

    static let windows: [FunctionDefinition] = [
        FunctionDefinition(name: "row_number", kind: .window, arity: 0...0, nullIntolerant: false) { _ in (.integer, nil) },
        FunctionDefinition(name: "rank", kind: .window, arity: 0...0, nullIntolerant: false) { _ in (.integer, nil) },
        FunctionDefinition(name: "dense_rank", kind: .window, arity: 0...0, nullIntolerant: false) { _ in (.integer, nil) },
        FunctionDefinition(name: "lag", kind: .window, arity: 1...3, nullIntolerant: false) { given in (given[0], nil) },
        FunctionDefinition(name: "lead", kind: .window, arity: 1...3, nullIntolerant: false) { given in (given[0], nil) },
    ]
}
