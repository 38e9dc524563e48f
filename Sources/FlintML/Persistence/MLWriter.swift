import FlintLinalg
import FlintSQL
import Foundation

/// Saves a stage (estimator, transformer, model, evaluator, pipeline, tuning model) as spark.ml's
/// `MLWriter` does, to a directory:
/// - `metadata/part-00000`: one JSON line, `{"class", "timestamp", "flintVersion", "uid",
///   "paramMap", "defaultParamMap"}` plus class-specific fields (e.g. `avgMetrics`);
/// - `data/part-00000.json`: the learned values as JSON (`coefficients`, `intercept`,
///   `coefficientMatrix` as rows, `clusterCenters`, `mean`/`std`, `labels`, ...);
/// - for an `ALSModel`, `rank` in the metadata (as Spark) and, instead of JSON,
///   `data/userFactors.bin` and `data/itemFactors.bin`: binary factor tables of 4 · (rank + 1)
///   bytes per id (a 24-byte header — magic `FLALSFAC`, version, rank, count —, the ids as
///   Int32, the factors as Float32, id after id, all little-endian, then a CRC-32C; see
///   `ALSFactorsFile`), so millions of ids stay compact and a damaged file is detected;
/// - `stages/<i>_<uid>/` for pipelines, `bestModel/` for tuning models, `estimator/` and
///   `evaluator/` for tuning estimators: nested saves of the same form.
public struct MLWriter {
    let stage: Params
    var replacesExisting = false

    /// The writer, replacing an existing directory when saving.
    public func overwrite() -> MLWriter {
        var copy = self
        copy.replacesExisting = true
        return copy
    }

    /// Writes the stage to `path`.
    /// - Throws: `MLError.invalidParam` when `path` exists and `overwrite()` was not asked, or
    ///   when the stage cannot be saved; file errors.
    public func save(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: path) {
            guard replacesExisting else {
                throw MLError.invalidParam("Path \(path) already exists. To overwrite it, please use write.overwrite().save(path).")
            }
            try FileManager.default.removeItem(at: url)
        }
        try MLPersistence.write(stage, to: url)
    }
}

extension Params {
    /// A writer of this stage (`write.overwrite().save(path)`).
    public var write: MLWriter { MLWriter(stage: self) }

    /// Saves the stage to `path` (which must not exist yet).
    /// - Throws: as `MLWriter.save`.
    public func save(_ path: String) throws { try write.save(path) }

    /// The stage saved at `path`, as this type.
    /// - Throws: `MLError.invalidData` for a directory that is not a saved stage, a corrupted
    ///   one, or one that holds another type.
    public class func load(_ path: String) throws -> Self {
        let loaded = try MLPersistence.read(URL(fileURLWithPath: path))
        guard let typed = loaded as? Self else {
            throw MLError.invalidData("\(path) holds a \(type(of: loaded)), not a \(self)")
        }
        return typed
    }
}

/// The directory format shared by `MLWriter` and `Params.load`.
enum MLPersistence {
    static let formatVersion = "flint-ml-1"

    static func write(_ stage: Params, to directory: URL) throws {
        var metadata: [String: Any] = [
            "class": "FlintML." + String(describing: type(of: stage)), "timestamp": Int(Date().timeIntervalSince1970 * 1000),
            "flintVersion": formatVersion, "uid": stage.uid,
            "paramMap": json(stage.explicitParamMap, of: stage), "defaultParamMap": json(stage.defaultParamMap, of: stage),
        ]
        var data: [String: Any]?
        switch stage {
        case let model as LinearRegressionModel:
            data = ["coefficients": model.coefficients.toArray(), "intercept": model.intercept]
        case let model as LogisticRegressionModel:
            let matrix = model.coefficientMatrix
            data = ["numClasses": model.numClasses, "numFeatures": model.numFeatures, "isMultinomial": model.isMultinomial,
                    "coefficientMatrix": (0..<matrix.numRows).map { k in (0..<matrix.numCols).map { matrix[k, $0] } },
                    "interceptVector": model.interceptVector.toArray()]
        case let model as KMeansModel:
            data = ["clusterCenters": model.clusterCenters.map { $0.toArray() }]
        case let model as StandardScalerModel:
            data = ["mean": model.mean.toArray(), "std": model.std.toArray()]
        case let model as MinMaxScalerModel:
            data = ["originalMin": model.originalMin.toArray(), "originalMax": model.originalMax.toArray()]
        case let model as StringIndexerModel:
            data = ["labelsArray": model.labelsArray]
        case let model as OneHotEncoderModel:
            data = ["categorySizes": model.categorySizes]
        case let model as ALSModel:
            metadata["rank"] = model.rank
            try ALSFactorsFile.write(model.userFeatures, to: directory.appendingPathComponent("data/userFactors.bin"))
            try ALSFactorsFile.write(model.itemFeatures, to: directory.appendingPathComponent("data/itemFactors.bin"))
        case let pipeline as Pipeline:
            try writeStages(pipeline.stages, under: directory, into: &metadata)
        case let pipeline as PipelineModel:
            try writeStages(pipeline.stages, under: directory, into: &metadata)
        case let model as CrossValidatorModel:
            metadata["avgMetrics"] = model.avgMetrics
            metadata["stdMetrics"] = model.stdMetrics
            metadata["bestParamMap"] = pairs(model.bestParamMap)
            try write(model.bestModel, to: directory.appendingPathComponent("bestModel"))
        case let model as TrainValidationSplitModel:
            metadata["validationMetrics"] = model.validationMetrics
            metadata["bestParamMap"] = pairs(model.bestParamMap)
            try write(model.bestModel, to: directory.appendingPathComponent("bestModel"))
        case let validator as CrossValidator:
            try writeTuning(validator.estimator, validator.evaluator, validator.estimatorParamMaps, under: directory, into: &metadata)
        case let validator as TrainValidationSplit:
            try writeTuning(validator.estimator, validator.evaluator, validator.estimatorParamMaps, under: directory, into: &metadata)
        default:
            guard MLPersistence.paramOnly[String(describing: type(of: stage))] != nil else {
                throw MLError.invalidParam("\(type(of: stage)) cannot be saved")
            }
        }
        try writeJSON(metadata, to: directory.appendingPathComponent("metadata/part-00000"))
        if let data { try writeJSON(data, to: directory.appendingPathComponent("data/part-00000.json")) }
    }

    private static func writeStages(_ stages: [Params], under directory: URL, into metadata: inout [String: Any]) throws {
        metadata["stageUids"] = stages.map(\.uid)
        for (index, stage) in stages.enumerated() {
            try write(stage, to: directory.appendingPathComponent("stages/\(index)_\(stage.uid)"))
        }
    }

    private static func writeTuning(_ estimator: Estimator?, _ evaluator: Evaluator?, _ maps: [ParamMap], under directory: URL,
                                    into metadata: inout [String: Any]) throws {
        guard let estimator, let evaluator else { throw MLError.invalidParam("a tuning estimator needs an estimator and an evaluator to be saved") }
        metadata["estimatorParamMaps"] = maps.map(pairs)
        try write(estimator, to: directory.appendingPathComponent("estimator"))
        try write(evaluator, to: directory.appendingPathComponent("evaluator"))
    }

    /// `{name: value}` of the params `stage` declares (a model also holds values copied from its
    /// estimator for params it does not have).
    static func json(_ map: ParamMap, of stage: Params) -> [String: Any] {
        let declared = Set(stage.params.map(\.key.name))
        return Dictionary(map.pairs.filter { declared.contains($0.key.name) }.map { ($0.key.name, $0.value.jsonObject) },
                          uniquingKeysWith: { $1 })
    }

    /// `[{"parent", "name", "value"}]` of a map spanning stages (Spark's estimatorParamMaps form).
    static func pairs(_ map: ParamMap) -> [[String: Any]] {
        map.pairs.map { ["parent": $0.key.parent, "name": $0.key.name, "value": $0.value.jsonObject] }
    }

    private static func writeJSON(_ object: [String: Any], to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((jsonText(object) + "\n").utf8).write(to: url, options: .atomic)
    }

    /// JSON text with doubles in Swift's shortest round-trip form (JSONSerialization keeps 15
    /// digits, which would change the last bit of saved coefficients) and keys sorted.
    static func jsonText(_ value: Any) -> String {
        switch value {
        case let flag as Bool where type(of: value) == Bool.self: return flag ? "true" : "false"
        case let number as Int: return "\(number)"
        case let number as Double: return number.isFinite ? "\(number)" : JSONText.quoted("\(number)")
        case let text as String: return JSONText.quoted(text)
        case let array as [Any]: return "[" + array.map(jsonText).joined(separator: ",") + "]"
        case let object as [String: Any]:
            return "{" + object.keys.sorted().map { JSONText.quoted($0) + ":" + jsonText(object[$0]!) }.joined(separator: ",") + "}"
        default: return "null"
        }
    }
}
