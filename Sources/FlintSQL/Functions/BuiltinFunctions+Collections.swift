extension BuiltinFunctions {
    // MARK: - Arrays and vectors

    /// `element_at(array, index)` (1-based; negative counts from the end; null when out of
    /// range, Spark's non-ANSI behaviour), `size(array)`, and ML's `vector_to_array(vector)`
    /// (the coordinates of a vector as `array<double>`, as `pyspark.ml.functions`).
    static let collections: [FunctionDefinition] = [
        scalar("element_at", 2...2, { given in
            guard case let .array(element, _) = given[0] else {
                throw AnalysisError.invalidArguments(function: "element_at", reason: "expects an array, got \(given[0].simpleString)")
            }
            return (element, [given[0], .integer])
        }) { args in
            guard case let .array(values) = args[0] else { return .null }
            let index = int(args[1])
            guard index != 0 else { throw AnalysisError.invalidArguments(function: "element_at", reason: "the index 0 is invalid: indices start at 1") }
            let position = index > 0 ? index - 1 : values.count + index
            return values.indices.contains(position) ? values[position] : .null
        },
        scalar("size", 1...1, { given in
            guard case .array = given[0] else {
                throw AnalysisError.invalidArguments(function: "size", reason: "expects an array, got \(given[0].simpleString)")
            }
            return (.integer, nil)
        }) { args in
            guard case let .array(values) = args[0] else { return .null }
            return .integer(Int32(values.count))
        },
        scalar("vector_to_array", 1...1, { given in
            guard given[0] == .vector else {
                throw AnalysisError.invalidArguments(function: "vector_to_array", reason: "expects a vector, got \(given[0].simpleString)")
            }
            return (.array(element: .double, containsNull: false), nil)
        }) { args in
            guard case let .vector(vector) = args[0] else { return .null }
            return .array(vector.toArray().map(Value.double))
        },
    ]
}
