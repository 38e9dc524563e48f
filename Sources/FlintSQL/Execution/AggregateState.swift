import Foundation

/// The running state of one aggregate call within one group, mergeable across partitions
/// (partial aggregation before the shuffle, final after it), as Spark's aggregation buffers.
enum AggregateState: Sendable, Codable, Hashable {
    case count(Int64)
    /// The sum so far, or null before the first non-null input.
    case sum(Value)
    case average(sum: Double, count: Int64)
    /// The minimum or maximum so far, null before the first non-null input.
    case extreme(Value)
    /// The first or last input, and whether one was seen.
    case pick(Value, seen: Bool)
    case list([Value])
    /// Welford's running count, mean and M2, for variance and standard deviation.
    case moments(count: Double, mean: Double, m2: Double)
    /// DISTINCT: the distinct argument tuples; the function applies at the end.
    case distinct(Set<[Value]>)
}

/// One aggregate call's behaviour: its start state, how a row and another state update it,
/// and its result. Rows go through `Value`s (a row-at-a-time path; columnar kernels for the
/// common aggregates are future work).
struct AggregateFunction: Sendable {
    let call: ResolvedCall

    var initial: AggregateState {
        if call.isDistinct { return .distinct([]) }
        switch call.name {
        case "count": return .count(0)
        case "sum": return .sum(.null)
        case "avg", "mean": return .average(sum: 0, count: 0)
        case "min", "max": return .extreme(.null)
        case "first", "last": return .pick(.null, seen: false)
        case "collect_list", "collect_set": return .list([])
        default: return .moments(count: 0, mean: 0, m2: 0)
        }
    }

    /// Whether the state keeps input values (collect_list, collect_set, DISTINCT), so that it
    /// grows with its rows rather than staying a fixed size.
    var collectsValues: Bool {
        switch initial {
        case .list, .distinct: true
        default: false
        }
    }

    /// Estimated bytes one collected value adds to a state, for memory accounting.
    static let bytesPerCollectedValue = 48

    /// Adds one row's argument values.
    func update(_ state: inout AggregateState, _ arguments: [Value]) {
        if case var .distinct(seen) = state {
            if !arguments.contains(where: \.isNull) { seen.insert(arguments) }
            state = .distinct(seen)
            return
        }
        let value = arguments.first ?? .null
        switch state {
        case let .count(n):
            if !arguments.contains(where: \.isNull) { state = .count(n + 1) }
        case let .sum(total):
            if !value.isNull { state = .sum(total.isNull ? value : add(total, value)) }
        case let .average(sum, count):
            if let x = value.doubleValue { state = .average(sum: sum + x, count: count + 1) }
        case let .extreme(current):
            if !value.isNull, current.isNull || (Value.compare(value, current) < 0) == (call.name == "min") {
                state = .extreme(value)
            }
        case let .pick(_, seen):
            if call.name == "last" || !seen { state = .pick(value, seen: true) }
        case var .list(values):
            if !value.isNull { values.append(value) }
            state = .list(values)
        case let .moments(n, mean, m2):
            guard let x = value.doubleValue else { return }
            let count = n + 1
            let delta = x - mean
            let newMean = mean + delta / count
            state = .moments(count: count, mean: newMean, m2: m2 + delta * (x - newMean))
        case .distinct:
            break
        }
    }

    /// Merges a state computed on other rows (a later partition's, for first/last).
    func merge(_ state: inout AggregateState, _ other: AggregateState) {
        switch (state, other) {
        case let (.count(a), .count(b)): state = .count(a + b)
        case let (.sum(a), .sum(b)): state = .sum(a.isNull ? b : (b.isNull ? a : add(a, b)))
        case let (.average(s1, c1), .average(s2, c2)): state = .average(sum: s1 + s2, count: c1 + c2)
        case let (.extreme(a), .extreme(b)): if !b.isNull { update(&state, [b]) } else { state = .extreme(a) }
        case let (.pick(_, seenA), .pick(b, seenB)):
            if seenB, call.name == "last" || !seenA { state = .pick(b, seen: true) }
        case let (.list(a), .list(b)): state = .list(a + b)
        case let (.moments(n1, mean1, m21), .moments(n2, mean2, m22)):
            guard n2 > 0 else { return }
            guard n1 > 0 else { state = other; return }
            let n = n1 + n2
            let delta = mean2 - mean1
            state = .moments(count: n, mean: mean1 + delta * n2 / n, m2: m21 + m22 + delta * delta * n1 * n2 / n)
        case let (.distinct(a), .distinct(b)): state = .distinct(a.union(b))
        default: break
        }
    }

    /// The final value.
    func result(_ state: AggregateState) -> Value {
        switch state {
        case let .count(n): return .long(n)
        case let .sum(total): return total
        case let .average(sum, count): return count == 0 ? .null : .double(sum / Double(count))
        case let .extreme(value), let .pick(value, _): return value
        case let .list(values):
            if call.name == "collect_set" {
                var seen = Set<Value>()
                return .array(values.filter { seen.insert($0).inserted })
            }
            return .array(values)
        case let .moments(n, _, m2):
            switch call.name {
            case "var_pop": return n == 0 ? .null : .double(m2 / n)
            case "stddev_pop": return n == 0 ? .null : .double((m2 / n).squareRoot())
            case "variance", "var_samp": return n == 0 ? .null : (n == 1 ? .double(.nan) : .double(m2 / (n - 1)))
            default: return n == 0 ? .null : (n == 1 ? .double(.nan) : .double((m2 / (n - 1)).squareRoot()))
            }
        case let .distinct(tuples):
            let plain = AggregateFunction(call: ResolvedCall(name: call.name, arguments: call.arguments, isDistinct: false,
                                                             dataType: call.dataType, nullable: call.nullable, kind: call.kind))
            var inner = plain.initial
            for tuple in tuples.sorted(by: { Value.compare(.array($0), .array($1)) < 0 }) { plain.update(&inner, tuple) }
            return plain.result(inner)
        }
    }

    private func add(_ a: Value, _ b: Value) -> Value {
        if case let .long(x) = a, case let .long(y) = b { return .long(x &+ y) }
        return .double((a.doubleValue ?? 0) + (b.doubleValue ?? 0))
    }
}
