import FlintSQL

/// A sequence of stages fitted as one estimator, as spark.ml's `Pipeline`: each transformer
/// transforms the data for the next stage; each estimator is fitted on the data so far and its
/// model transforms it (except after the last estimator, whose model needs not run). The
/// result is a `PipelineModel` of transformers.
public final class Pipeline: Estimator, @unchecked Sendable {
    /// The stages, in order.
    public private(set) var stages: [PipelineStage] = []

    /// A pipeline with id `uid`.
    public override init(uid: String = Params.randomUID("pipeline")) {
        super.init(uid: uid)
    }

    /// Sets the stages.
    @discardableResult
    public func setStages(_ stages: [PipelineStage]) -> Pipeline {
        self.stages = stages
        return self
    }

    /// The schema after every stage, checked in order.
    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try stages.reduce(schema) { try $1.transformSchema($0) }
    }

    /// Fits the stages in order on `dataset` (validated first by `transformSchema`).
    public override func fit(_ dataset: DataFrame) throws -> PipelineModel {
        _ = try transformSchema(dataset.schema)
        let lastEstimator = stages.lastIndex { $0 is Estimator } ?? -1
        var current = dataset
        var fitted: [Transformer] = []
        for (index, stage) in stages.enumerated() {
            let transformer: Transformer
            if let estimator = stage as? Estimator {
                transformer = try estimator.fit(current)
            } else if let plain = stage as? Transformer {
                transformer = plain
            } else {
                throw MLError.invalidParam("pipeline stage \(stage.uid) is neither an Estimator nor a Transformer")
            }
            if index < lastEstimator { current = try transformer.transform(current) }
            fitted.append(transformer)
        }
        let model = PipelineModel(uid: uid, stages: fitted)
        model.parent = self
        return model
    }

    /// Checks `map`'s values for the pipeline's stages.
    public override func validate(_ map: ParamMap) throws {
        try super.validate(map)
        for stage in stages { try stage.validate(map) }
    }

    /// A copy whose stages are copies with `extra` applied.
    public override func copy(_ extra: ParamMap) -> Params {
        copyValues(to: Pipeline(uid: uid), extra: extra).setStages(stages.map { $0.copy(extra) as! PipelineStage })
    }
}

/// A fitted pipeline: its transformers applied in order, as spark.ml's `PipelineModel`.
public final class PipelineModel: Model, @unchecked Sendable {
    /// The fitted stages.
    public let stages: [Transformer]

    /// A model of `stages`.
    public init(uid: String, stages: [Transformer]) {
        self.stages = stages
        super.init(uid: uid)
    }

    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try stages.reduce(schema) { try $1.transformSchema($0) }
    }

    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        return try stages.reduce(dataset) { try $1.transform($0) }
    }

    public override func validate(_ map: ParamMap) throws {
        try super.validate(map)
        for stage in stages { try stage.validate(map) }
    }

    public override func copy(_ extra: ParamMap) -> Params {
        let model = copyValues(to: PipelineModel(uid: uid, stages: stages.map { $0.copy(extra) as! Transformer }), extra: extra)
        model.parent = parent
        return model
    }
}
