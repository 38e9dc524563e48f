/// The values a param accepts, as Spark's `ParamValidators`, with the wording used in param
/// docs and errors (`>= 0`, `[0, 1]`, `one of: auto, normal, l-bfgs`).
public struct ParamValidator: Sendable {
    /// What the validator accepts, for docs and error messages; empty for "anything".
    public let description: String
    private let check: @Sendable (ParamValue) -> Bool

    /// A validator from a description and a check.
    public init(_ description: String, _ check: @escaping @Sendable (ParamValue) -> Bool) {
        self.description = description
        self.check = check
    }

    /// Whether `value` is allowed.
    public func accepts(_ value: ParamValue) -> Bool { check(value) }

    /// Every value.
    public static let any = ParamValidator("") { _ in true }

    private static func number(_ value: ParamValue) -> Double? {
        switch value {
        case let .double(x): x
        case let .int(x): Double(x)
        default: nil
        }
    }

    /// Values `> lowerBound`.
    public static func gt(_ lowerBound: Double) -> ParamValidator {
        ParamValidator("> \(ParamValue.double(lowerBound))") { number($0).map { $0 > lowerBound } ?? false }
    }

    /// Values `>= lowerBound`.
    public static func gtEq(_ lowerBound: Double) -> ParamValidator {
        ParamValidator(">= \(ParamValue.double(lowerBound))") { number($0).map { $0 >= lowerBound } ?? false }
    }

    /// Values in `[lower, upper]` (or with open ends).
    public static func inRange(_ lower: Double, _ upper: Double, lowerInclusive: Bool = true,
                               upperInclusive: Bool = true) -> ParamValidator {
        let text = (lowerInclusive ? "[" : "(") + "\(ParamValue.double(lower)), \(ParamValue.double(upper))"
            + (upperInclusive ? "]" : ")")
        return ParamValidator(text) { value in
            guard let x = number(value) else { return false }
            return (lowerInclusive ? x >= lower : x > lower) && (upperInclusive ? x <= upper : x < upper)
        }
    }

    /// One of `allowed` (strings compared case-insensitively, as Spark's string params).
    public static func inArray(_ allowed: [String]) -> ParamValidator {
        let lowered = Set(allowed.map { $0.lowercased() })
        return ParamValidator("one of: " + allowed.joined(separator: ", ")) { value in
            guard case let .string(text) = value else { return false }
            return lowered.contains(text.lowercased())
        }
    }

    /// Arrays whose every element is accepted by `element`.
    public static func everyElement(_ element: ParamValidator) -> ParamValidator {
        ParamValidator("each \(element.description)") { value in
            switch value {
            case let .doubles(values): values.allSatisfy { element.accepts(.double($0)) }
            case let .ints(values): values.allSatisfy { element.accepts(.int($0)) }
            case let .strings(values): values.allSatisfy { element.accepts(.string($0)) }
            default: false
            }
        }
    }
}
