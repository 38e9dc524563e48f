/// A numeric literal as written (`42`, `42L`, `1.5`, `1e3`, `2.5D`), turned into a `Value` once
/// the parser knows whether a minus sign precedes it (so that `-2147483648` is an `INT`).
struct NumericLiteral: Equatable, Sendable {
    /// A type suffix, as Spark's: `L` bigint, `D` double, `F` float, `BD` decimal (a double here).
    enum Suffix: String, Sendable {
        case long = "L"
        case double = "D"
        case float = "F"
        case decimal = "BD"
    }

    /// The digits, point and exponent, without sign or suffix: `12`, `1.5`, `1e-3`.
    var digits: String
    /// Whether the literal has neither a decimal point nor an exponent.
    var isIntegral: Bool
    /// The type suffix, if any.
    var suffix: Suffix?

    /// The value of the literal, negated if asked: an integral literal without suffix is an `INT`
    /// when it fits in 32 bits, else a `BIGINT`, else a `DOUBLE` (Spark would make a decimal); a
    /// literal with a point or an exponent is a `DOUBLE`. Nil when the value is out of range of its
    /// type (`99999999999L`... beyond 64 bits, `1e400`) or the suffix does not fit (`1.5L`).
    func value(negated: Bool) -> Value? {
        let text = negated ? "-" + digits : digits
        switch suffix {
        case .long:
            return isIntegral ? Int64(text).map(Value.long) : nil
        case .float:
            return Float(text).flatMap { $0.isFinite ? .float($0) : nil }
        case .double, .decimal:
            return finiteDouble(text)
        case nil:
            guard isIntegral else { return finiteDouble(text) }
            if let value = Int32(text) { return .integer(value) }
            if let value = Int64(text) { return .long(value) }
            return finiteDouble(text)
        }
    }

    private func finiteDouble(_ text: String) -> Value? {
        Double(text).flatMap { $0.isFinite ? .double($0) : nil }
    }
}
