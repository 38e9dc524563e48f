import FlintSQL

/// Scores a DataFrame of predictions with one metric, as spark.ml's `Evaluator`; what
/// `CrossValidator` and `TrainValidationSplit` compare models with.
open class Evaluator: Params, @unchecked Sendable {
    /// The metric for `dataset` (runs a job).
    /// - Throws: `MLError.invalidColumn` for missing or mistyped columns; what the job throws.
    open func evaluate(_ dataset: DataFrame) throws -> Double {
        preconditionFailure("\(type(of: self)) must override evaluate(_:)")
    }

    /// `evaluate` with `extra` param values applied to a copy of this evaluator.
    public func evaluate(_ dataset: DataFrame, _ extra: ParamMap) throws -> Double {
        try validate(extra)
        guard let copy = copy(extra) as? Evaluator else { preconditionFailure("\(type(of: self)).copy must return its own type") }
        return try copy.evaluate(dataset)
    }

    /// Whether a larger metric is better (true by default, as Spark's).
    open var isLargerBetter: Bool { true }

    /// The column `name` of `dataset` as a double expression, checking that it is numeric.
    /// - Throws: `MLError.invalidColumn` naming the column and what was expected.
    func numericColumn(_ dataset: DataFrame, _ name: String, role: String) throws -> Column {
        try DatasetColumns.numeric(dataset, name, role: role)
    }

    /// The weight column (`weightCol`, when set and not empty) or the constant 1.
    func weight(_ dataset: DataFrame, _ param: Param<String>) throws -> Column {
        guard let name = try? getOrDefault(param), !name.isEmpty else { return lit(1.0) }
        return try numericColumn(dataset, name, role: "weight")
    }
}
