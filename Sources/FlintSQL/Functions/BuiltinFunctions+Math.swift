import Foundation

extension BuiltinFunctions {
    static func unaryDouble(_ name: String, _ body: @escaping @Sendable (Double) -> Double) -> FunctionDefinition {
        scalar(name, 1...1, numeric(name, result: .double)) { .double(body(double($0[0]))) }
    }

    static let math: [FunctionDefinition] = [
        scalar("abs", 1...1, numeric("abs")) { args in
            switch args[0] {
            case let .integer(v): .integer(v == .min ? v : abs(v))
            case let .long(v): .long(v == .min ? v : abs(v))
            case let .float(v): .float(abs(v))
            default: .double(abs(double(args[0])))
            }
        },
        unaryDouble("sqrt") { $0.squareRoot() },
        scalar("isnan", 1...1, nullIntolerant: false, fixed(.boolean, [.double])) { .boolean(double($0[0]).isNaN && !$0[0].isNull) },
        unaryDouble("exp") { Foundation.exp($0) },
        unaryDouble("ln") { $0 <= 0 ? .nan : Foundation.log($0) },
        unaryDouble("log10") { $0 <= 0 ? .nan : Foundation.log10($0) },
        unaryDouble("sin") { Foundation.sin($0) },
        unaryDouble("cos") { Foundation.cos($0) },
        scalar("log", 1...2, fixed(.double, [.double, .double])) { args in
            args.count == 1 ? .double(Foundation.log(double(args[0])))
                : .double(Foundation.log(double(args[1])) / Foundation.log(double(args[0])))
        },
        scalar("pow", 2...2, fixed(.double, [.double, .double])) { .double(Foundation.pow(double($0[0]), double($0[1]))) },
        scalar("power", 2...2, fixed(.double, [.double, .double])) { .double(Foundation.pow(double($0[0]), double($0[1]))) },
        scalar("floor", 1...1, fixed(.long, [.double])) { .long(Int64(Foundation.floor(double($0[0])))) },
        scalar("ceil", 1...1, fixed(.long, [.double])) { .long(Int64(Foundation.ceil(double($0[0])))) },
        scalar("round", 1...2, { given in
            let type = given.first ?? .double
            guard type.isNumeric || type == .null else {
                throw AnalysisError.invalidArguments(function: "round", reason: "expects a number, got \(type.simpleString)")
            }
            return (type == .null ? .double : type, [type == .null ? .double : type, .integer])
        }) { args in
            let scale = args.count > 1 ? int(args[1]) : 0
            let factor = Foundation.pow(10.0, Double(scale))
            // HALF_UP, as Spark's round.
            let rounded = { (value: Double) in (value * factor).rounded(.toNearestOrAwayFromZero) / factor }
            switch args[0] {
            case let .integer(v): return .integer(Int32(rounded(Double(v))))
            case let .long(v): return .long(Int64(rounded(Double(v))))
            case let .float(v): return .float(Float(rounded(Double(v))))
            default: return .double(rounded(double(args[0])))
            }
        },
    ]
}
