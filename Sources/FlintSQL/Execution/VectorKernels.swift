/// Column-at-a-time kernels for the evaluator. Each switches on the operand storage once and
/// loops over concrete arrays; combinations without a kernel fall back to row-by-row `Value`s.
enum VectorKernels {
    /// The validity of a result that is null where either input is.
    static func bothValid(_ a: Bitmap?, _ b: Bitmap?) -> Bitmap? {
        switch (a, b) {
        case (nil, nil): nil
        case let (x?, nil), let (nil, x?): x
        case let (x?, y?): x.and(y)
        }
    }

    /// A column of `count` rows computed one by one through `Value`s (the fallback path).
    static func rowWise(_ count: Int, _ type: DataType, _ body: (Int) -> Value) -> ColumnVector {
        var builder = ColumnBuilder(dataType: type, capacity: count)
        for row in 0..<count { builder.append(body(row)) }
        return builder.finish()
    }

    static func cast(_ input: ColumnVector, to type: DataType) -> ColumnVector {
        if input.dataType == type { return input }
        switch (input.storage, type) {
        case let (.int32(values), .long) where input.dataType == .integer:
            return ColumnVector(dataType: .long, storage: .int64(values.map(Int64.init)), validity: input.validity)
        case let (.int32(values), .double) where input.dataType == .integer:
            return ColumnVector(dataType: .double, storage: .float64(values.map(Double.init)), validity: input.validity)
        case let (.int64(values), .double) where input.dataType == .long:
            return ColumnVector(dataType: .double, storage: .float64(values.map(Double.init)), validity: input.validity)
        case let (.float32(values), .double):
            return ColumnVector(dataType: .double, storage: .float64(values.map(Double.init)), validity: input.validity)
        default:
            return rowWise(input.count, type) { Cast.cast(input.value(at: $0), to: type) }
        }
    }

    static func nullTest(_ input: ColumnVector, wantNull: Bool) -> ColumnVector {
        let result = (0..<input.count).map { input.isNull($0) == wantNull }
        return ColumnVector(dataType: .boolean, storage: .boolean(result))
    }

    static func not(_ input: ColumnVector) -> ColumnVector {
        guard case let .boolean(values) = input.storage else { return rowWise(input.count, .boolean) { _ in .null } }
        return ColumnVector(dataType: .boolean, storage: .boolean(values.map { !$0 }), validity: input.validity)
    }

    static func negate(_ input: ColumnVector) -> ColumnVector {
        switch input.storage {
        case let .int32(v): ColumnVector(dataType: input.dataType, storage: .int32(v.map { 0 &- $0 }), validity: input.validity)
        case let .int64(v): ColumnVector(dataType: input.dataType, storage: .int64(v.map { 0 &- $0 }), validity: input.validity)
        case let .float32(v): ColumnVector(dataType: input.dataType, storage: .float32(v.map { -$0 }), validity: input.validity)
        case let .float64(v): ColumnVector(dataType: input.dataType, storage: .float64(v.map { -$0 }), validity: input.validity)
        default: input
        }
    }

    /// SQL's three-valued AND / OR: false AND null is false, true OR null is true, other
    /// combinations with a null are null. One pass over the two boolean buffers.
    static func logic(_ op: BinaryOperator, _ l: ColumnVector, _ r: ColumnVector) -> ColumnVector {
        guard case let .boolean(a) = l.storage, case let .boolean(b) = r.storage else {
            return rowWise(l.count, .boolean) { _ in .null }
        }
        let isAnd = op == .and
        guard l.validity != nil || r.validity != nil else {
            return ColumnVector(dataType: .boolean, storage: .boolean(isAnd ? zip(a, b).map { $0 && $1 } : zip(a, b).map { $0 || $1 }))
        }
        var values = [Bool](repeating: false, count: a.count)
        var validity = Bitmap(count: a.count, value: true)
        for row in a.indices {
            let aNull = l.isNull(row), bNull = r.isNull(row)
            // The value that decides alone: false for AND, true for OR.
            let decisive = !isAnd
            if (!aNull && a[row] == decisive) || (!bNull && b[row] == decisive) {
                values[row] = decisive
            } else if aNull || bNull {
                validity.clear(row)
            } else {
                values[row] = !decisive
            }
        }
        return ColumnVector(dataType: .boolean, storage: .boolean(values), validity: validity)
    }

    static func arithmetic(_ op: BinaryOperator, _ l: ColumnVector, _ r: ColumnVector, resultType: DataType) -> ColumnVector {
        let validity = bothValid(l.validity, r.validity)
        switch (l.storage, r.storage) {
        case let (.int64(a), .int64(b)) where op != .remainder:
            let values: [Int64] = switch op {
            case .add: zip(a, b).map { $0 &+ $1 }
            case .subtract: zip(a, b).map { $0 &- $1 }
            default: zip(a, b).map { $0 &* $1 }
            }
            return ColumnVector(dataType: resultType, storage: .int64(values), validity: validity)
        case let (.int32(a), .int32(b)) where op != .remainder:
            let values: [Int32] = switch op {
            case .add: zip(a, b).map { $0 &+ $1 }
            case .subtract: zip(a, b).map { $0 &- $1 }
            default: zip(a, b).map { $0 &* $1 }
            }
            return ColumnVector(dataType: resultType, storage: .int32(values), validity: validity)
        case let (.float64(a), .float64(b)) where op != .divide && op != .remainder:
            let values: [Double] = switch op {
            case .add: zip(a, b).map { $0 + $1 }
            case .subtract: zip(a, b).map { $0 - $1 }
            default: zip(a, b).map { $0 * $1 }
            }
            return ColumnVector(dataType: resultType, storage: .float64(values), validity: validity)
        default:
            // Division and remainder by zero are null (Spark without ANSI mode).
            return rowWise(l.count, resultType) { row in
                let a = l.value(at: row), b = r.value(at: row)
                if a.isNull || b.isNull { return .null }
                return scalarArithmetic(op, a, b, resultType: resultType)
            }
        }
    }

    static func scalarArithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value, resultType: DataType) -> Value {
        if let x = a.longValue, let y = b.longValue, resultType == .long || resultType == .integer {
            let result: Int64?
            switch op {
            case .add: result = x &+ y
            case .subtract: result = x &- y
            case .multiply: result = x &* y
            case .remainder: result = y == 0 ? nil : x % y
            default: result = y == 0 ? nil : x / y
            }
            guard let result else { return .null }
            return resultType == .integer ? .integer(Int32(truncatingIfNeeded: result)) : .long(result)
        }
        guard let x = a.doubleValue, let y = b.doubleValue else { return .null }
        let result: Double
        switch op {
        case .add: result = x + y
        case .subtract: result = x - y
        case .multiply: result = x * y
        case .divide: if y == 0 { return .null } else { result = x / y }
        default: if y == 0 { return .null } else { result = x.truncatingRemainder(dividingBy: y) }
        }
        return resultType == .float ? .float(Float(result)) : .double(result)
    }

    static func compare(_ op: BinaryOperator, _ l: ColumnVector, _ r: ColumnVector) -> ColumnVector {
        func decide(_ order: Int) -> Bool {
            switch op {
            case .equal, .nullSafeEqual: order == 0
            case .notEqual: order != 0
            case .less: order < 0
            case .lessOrEqual: order <= 0
            case .greater: order > 0
            default: order >= 0
            }
        }
        if op != .nullSafeEqual {
            let validity = bothValid(l.validity, r.validity)
            switch (l.storage, r.storage) {
            case let (.int64(a), .int64(b)):
                return ColumnVector(dataType: .boolean, storage: .boolean(zip(a, b).map { decide($0 < $1 ? -1 : ($0 == $1 ? 0 : 1)) }),
                                    validity: validity)
            case let (.int32(a), .int32(b)):
                return ColumnVector(dataType: .boolean, storage: .boolean(zip(a, b).map { decide($0 < $1 ? -1 : ($0 == $1 ? 0 : 1)) }),
                                    validity: validity)
            case let (.float64(a), .float64(b)):
                return ColumnVector(dataType: .boolean, storage: .boolean(zip(a, b).map { decide(Value.compareDoubles($0, $1)) }),
                                    validity: validity)
            case let (.string(a), .string(b)) where op == .equal || op == .notEqual:
                let equal = op == .equal
                return ColumnVector(dataType: .boolean, storage: .boolean(zip(a, b).map { Value.equalUTF8($0, $1) == equal }),
                                    validity: validity)
            case let (.string(a), .string(b)):
                return ColumnVector(dataType: .boolean, storage: .boolean(zip(a, b).map { decide(Value.compareUTF8($0, $1)) }),
                                    validity: validity)
            default: break
            }
        }
        return rowWise(l.count, .boolean) { row in
            let a = l.value(at: row), b = r.value(at: row)
            if op == .nullSafeEqual { return .boolean(a.isNull && b.isNull || (!a.isNull && !b.isNull && Value.compare(a, b) == 0)) }
            if a.isNull || b.isNull { return .null }
            return .boolean(decide(Value.compare(a, b)))
        }
    }

    /// `column op scalar` for a non-null scalar of the column's own storage type, without
    /// materialising the scalar as a column: one typed loop (nil for other combinations, which
    /// take the general path). Spark's ordering of NaN (largest, equal to itself) is kept.
    static func compare(_ op: BinaryOperator, _ column: ColumnVector, scalar: Value) -> ColumnVector? {
        let values: [Bool]
        switch (column.storage, scalar) {
        case let (.int64(a), .long(x)), let (.int64(a), .timestamp(x)):
            guard let result = ordered(a, x, op) else { return nil }
            values = result
        case let (.int32(a), .integer(x)), let (.int32(a), .date(x)):
            guard let result = ordered(a, x, op) else { return nil }
            values = result
        case let (.float64(a), .double(x)) where !x.isNaN:
            switch op {
            case .greater: values = a.map { $0 > x || $0.isNaN }
            case .greaterOrEqual: values = a.map { $0 >= x || $0.isNaN }
            default:
                guard let result = ordered(a, x, op) else { return nil }
                values = result
            }
        case let (.string(a), .string(x)):
            switch op {
            case .equal: values = a.map { Value.equalUTF8($0, x) }
            case .notEqual: values = a.map { !Value.equalUTF8($0, x) }
            default: return nil
            }
        default:
            return nil
        }
        return ColumnVector(dataType: .boolean, storage: .boolean(values), validity: column.validity)
    }

    /// `a[i] op x` for the six comparisons (nil for other operators).
    @inline(__always)
    private static func ordered<T: Comparable>(_ a: [T], _ x: T, _ op: BinaryOperator) -> [Bool]? {
        switch op {
        case .equal: a.map { $0 == x }
        case .notEqual: a.map { $0 != x }
        case .less: a.map { $0 < x }
        case .lessOrEqual: a.map { $0 <= x }
        case .greater: a.map { $0 > x }
        case .greaterOrEqual: a.map { $0 >= x }
        default: nil
        }
    }
}
