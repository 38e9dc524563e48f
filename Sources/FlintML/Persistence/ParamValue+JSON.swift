import Foundation

extension ParamValue {
    /// The value as a plain JSON object (number, bool, string or array), as Spark writes params;
    /// non-finite doubles as strings ("NaN", "inf").
    var jsonObject: Any {
        switch self {
        case let .bool(value): value
        case let .int(value): value
        case let .double(value): value.isFinite ? value : "\(value)"
        case let .string(value): value
        case let .doubles(values): values.map { $0.isFinite ? $0 as Any : "\($0)" }
        case let .ints(values): values
        case let .strings(values): values
        case let .doubleArrays(arrays): arrays.map { ParamValue.doubles($0).jsonObject }
        }
    }

    /// The forms a parsed JSON object could stand for; a param keeps the first its type takes.
    static func candidates(json: Any) -> [ParamValue] {
        func double(_ value: Any) -> Double? {
            if let number = value as? NSNumber { return number.doubleValue }
            return (value as? String).flatMap(Double.init)
        }
        switch json {
        case let number as NSNumber:
            var forms: [ParamValue] = [.double(number.doubleValue)]
            if String(describing: type(of: number)).contains("Boolean") { forms.insert(.bool(number.boolValue), at: 0) }
            if number.doubleValue == number.doubleValue.rounded(), abs(number.doubleValue) < 9e15 { forms.insert(.int(number.intValue), at: 0) }
            return forms
        case let text as String:
            return [.string(text)] + (Double(text).map { [.double($0)] } ?? [])
        case let array as [Any]:
            var forms: [ParamValue] = []
            let numbers = array.compactMap(double)
            if numbers.count == array.count {
                if numbers.allSatisfy({ $0 == $0.rounded() }) { forms.append(.ints(numbers.map { Int($0) })) }
                forms.append(.doubles(numbers))
            }
            let texts = array.compactMap { $0 as? String }
            if texts.count == array.count { forms.append(.strings(texts)) }
            let nested = array.compactMap { ($0 as? [Any]).map { $0.compactMap(double) } }
            if nested.count == array.count, !array.isEmpty { forms.append(.doubleArrays(nested)) }
            return forms
        default:
            return []
        }
    }
}

extension Param {
    /// The value of a parsed JSON object in this param's type, nil when it does not fit.
    public func decode(json: Any) -> ParamValue? {
        ParamValue.candidates(json: json).lazy.compactMap { Value(paramValue: $0)?.paramValue }.first
    }
}
