import FlintSQL

/// A step of a pipeline, as spark.ml's `PipelineStage`: it checks and derives schemas, so a
/// pipeline is validated before any data is read.
open class PipelineStage: Params, @unchecked Sendable {
    /// The schema this stage produces from `schema`.
    /// - Throws: `MLError.invalidColumn` for a missing or mistyped input column, or an output
    ///   column that already exists.
    open func transformSchema(_ schema: StructType) throws -> StructType { schema }
}

/// A stage that maps a DataFrame to another, as spark.ml's `Transformer` (feature
/// transformers, fitted models). `transform` is lazy, as any DataFrame transformation.
open class Transformer: PipelineStage, @unchecked Sendable {
    /// The transformed DataFrame.
    /// - Throws: what `transformSchema` throws, or an analysis error.
    open func transform(_ dataset: DataFrame) throws -> DataFrame {
        preconditionFailure("\(type(of: self)) must override transform(_:)")
    }

    /// `transform` with `extra` param values applied to a copy of this stage (values of params
    /// it does not declare, e.g. an estimator's in a tuning grid, are ignored).
    /// - Throws: `MLError.invalidParam` for a rejected value; what `transform` throws.
    public func transform(_ dataset: DataFrame, _ extra: ParamMap) throws -> DataFrame {
        try validate(extra, ignoringUndeclared: true)
        guard let copy = copy(extra) as? Transformer else { preconditionFailure("\(type(of: self)).copy must return its own type") }
        return try copy.transform(dataset)
    }
}

/// A stage that learns a `Model` from data, as spark.ml's `Estimator`.
open class Estimator: PipelineStage, @unchecked Sendable {
    /// The model fitted to `dataset` (runs jobs).
    /// - Throws: `MLError` for unusable data or params; what the jobs throw.
    open func fit(_ dataset: DataFrame) throws -> Model {
        preconditionFailure("\(type(of: self)) must override fit(_:)")
    }

    /// `fit` with `extra` param values applied to a copy of this estimator.
    /// - Throws: `MLError.invalidParam` for a rejected value; what `fit` throws.
    public func fit(_ dataset: DataFrame, _ extra: ParamMap) throws -> Model {
        try validate(extra)
        guard let copy = copy(extra) as? Estimator else { preconditionFailure("\(type(of: self)).copy must return its own type") }
        return try copy.fit(dataset)
    }

    /// One model per param map, in order.
    public func fit(_ dataset: DataFrame, _ paramMaps: [ParamMap]) throws -> [Model] {
        try paramMaps.map { try fit(dataset, $0) }
    }
}

/// A fitted transformer, as spark.ml's `Model`: knows the estimator that produced it.
open class Model: Transformer, @unchecked Sendable {
    /// The estimator this model was fitted by (nil when loaded or built directly).
    public var parent: Estimator?
}
