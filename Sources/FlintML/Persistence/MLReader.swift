import FlintLinalg
import Foundation

extension MLPersistence {
    /// The stages saved with their params only, by class name: how to make one with a uid.
    static let paramOnly: [String: (String) -> Params] = [
        "LinearRegression": { LinearRegression(uid: $0) }, "LogisticRegression": { LogisticRegression(uid: $0) },
        "KMeans": { KMeans(uid: $0) }, "VectorAssembler": { VectorAssembler(uid: $0) }, "StandardScaler": { StandardScaler(uid: $0) },
        "MinMaxScaler": { MinMaxScaler(uid: $0) }, "Normalizer": { Normalizer(uid: $0) }, "Bucketizer": { Bucketizer(uid: $0) },
        "StringIndexer": { StringIndexer(uid: $0) }, "OneHotEncoder": { OneHotEncoder(uid: $0) }, "ALS": { ALS(uid: $0) },
        "RegressionEvaluator": { RegressionEvaluator(uid: $0) }, "BinaryClassificationEvaluator": { BinaryClassificationEvaluator(uid: $0) },
        "MulticlassClassificationEvaluator": { MulticlassClassificationEvaluator(uid: $0) }, "ClusteringEvaluator": { ClusteringEvaluator(uid: $0) },
    ]

    /// The stage saved in `directory`.
    /// - Throws: `MLError.invalidData` naming the directory and what is wrong with it.
    static func read(_ directory: URL) throws -> Params {
        let path = directory.path
        let metadataURL = directory.appendingPathComponent("metadata/part-00000")
        guard FileManager.default.fileExists(atPath: metadataURL.path) else {
            throw MLError.invalidData("\(path) is not a saved Flint ML stage: metadata/part-00000 is missing")
        }
        let metadata = try readJSON(metadataURL, in: path)
        guard let qualified = metadata["class"] as? String, qualified.hasPrefix("FlintML."), let uid = metadata["uid"] as? String else {
            throw MLError.invalidData("\(path) has metadata without a Flint ML class and uid: \(metadata["class"] ?? "none")")
        }
        let className = String(qualified.dropFirst("FlintML.".count))
        let stage = try make(className, uid: uid, directory: directory, metadata: metadata)
        try applyParams(metadata, to: stage, in: path)
        return stage
    }

    private static func make(_ className: String, uid: String, directory: URL, metadata: [String: Any]) throws -> Params {
        if let factory = paramOnly[className] { return factory(uid) }
        let path = directory.path
        func data() throws -> [String: Any] { try readJSON(directory.appendingPathComponent("data/part-00000.json"), in: path) }
        func numbers(_ object: [String: Any], _ key: String) throws -> [Double] {
            guard let values = object[key] as? [Any] else { throw MLError.invalidData("\(path): data has no \(key)") }
            return try values.map { value in
                guard let number = value as? NSNumber else { throw MLError.invalidData("\(path): \(key) holds a non-number \(value)") }
                return number.doubleValue
            }
        }
        func rows(_ object: [String: Any], _ key: String) throws -> [[Double]] {
            guard let values = object[key] as? [[Any]] else { throw MLError.invalidData("\(path): data has no \(key) rows") }
            return try values.enumerated().map { try numbers([key: $0.element], key) }
        }
        func stages() throws -> [Params] {
            guard let uids = metadata["stageUids"] as? [String] else { throw MLError.invalidData("\(path): metadata has no stageUids") }
            return try uids.enumerated().map { try read(directory.appendingPathComponent("stages/\($0.offset)_\($0.element)")) }
        }
        /// A saved map spanning stages; values are typed by the stage of `stages` that owns them.
        func pairMap(_ object: Any?, stages: [String: Params] = [:]) throws -> ParamMap {
            guard let entries = object as? [[String: Any]] else { throw MLError.invalidData("\(path): a param map is not a list of pairs") }
            return ParamMap(try entries.map { entry in
                guard let parent = entry["parent"] as? String, let name = entry["name"] as? String, let value = entry["value"],
                      let decoded = (try? stages[parent]?.param(named: name))??.decode(json: value) ?? ParamValue.candidates(json: value).first else {
                    throw MLError.invalidData("\(path): a param pair is malformed: \(entry)")
                }
                return ParamPair(key: ParamKey(parent: parent, name: name), value: decoded)
            })
        }
        switch className {
        case "LinearRegressionModel":
            let values = try data()
            guard let intercept = (values["intercept"] as? NSNumber)?.doubleValue else { throw MLError.invalidData("\(path): data has no intercept") }
            return LinearRegressionModel(uid: uid, coefficients: .dense(DenseVector(try numbers(values, "coefficients"))), intercept: intercept)
        case "LogisticRegressionModel":
            let values = try data()
            let matrix = try rows(values, "coefficientMatrix")
            let columns = matrix.first?.count ?? 0
            // Stored row by row; DenseMatrix is column-major.
            let columnMajor = (0..<columns).flatMap { j in matrix.map { $0[j] } }
            return LogisticRegressionModel(uid: uid, coefficientMatrix: try DenseMatrix(numRows: matrix.count, numCols: columns, values: columnMajor),
                                           interceptVector: try numbers(values, "interceptVector"),
                                           numClasses: (values["numClasses"] as? Int) ?? 2, isMultinomial: (values["isMultinomial"] as? Bool) ?? false)
        case "KMeansModel":
            return KMeansModel(uid: uid, clusterCenters: try rows(try data(), "clusterCenters").map { .dense(DenseVector($0)) })
        case "StandardScalerModel":
            let values = try data()
            return StandardScalerModel(uid: uid, mean: .dense(DenseVector(try numbers(values, "mean"))), std: .dense(DenseVector(try numbers(values, "std"))))
        case "MinMaxScalerModel":
            let values = try data()
            return MinMaxScalerModel(uid: uid, originalMin: .dense(DenseVector(try numbers(values, "originalMin"))),
                                     originalMax: .dense(DenseVector(try numbers(values, "originalMax"))))
        case "StringIndexerModel":
            guard let labels = try data()["labelsArray"] as? [[String]] else { throw MLError.invalidData("\(path): data has no labelsArray") }
            return StringIndexerModel(uid: uid, labelsArray: labels)
        case "OneHotEncoderModel":
            return OneHotEncoderModel(uid: uid, categorySizes: try numbers(try data(), "categorySizes").map { Int($0) })
        case "ALSModel":
            guard let rank = (metadata["rank"] as? NSNumber)?.doubleValue, let rank = Int(exactly: rank), (1...Int(Int32.max)).contains(rank) else {
                throw MLError.invalidData("\(path): metadata has no valid rank: \(metadata["rank"] ?? "none")")
            }
            func factors(_ name: String) throws -> ALSFactors {
                try ALSFactorsFile.read(directory.appendingPathComponent("data/\(name).bin"), rank: rank, name: "\(path)/data/\(name).bin")
            }
            return ALSModel(uid: uid, rank: rank, userFeatures: try factors("userFactors"), itemFeatures: try factors("itemFactors"))
        case "Pipeline":
            let loaded = try stages()
            guard let typed = loaded as? [PipelineStage] else { throw MLError.invalidData("\(path): a pipeline stage is not a pipeline stage") }
            return Pipeline(uid: uid).setStages(typed)
        case "PipelineModel":
            guard let typed = try stages() as? [Transformer] else { throw MLError.invalidData("\(path): a fitted pipeline stage is not a transformer") }
            return PipelineModel(uid: uid, stages: typed)
        case "CrossValidatorModel", "TrainValidationSplitModel":
            guard let best = try read(directory.appendingPathComponent("bestModel")) as? Model else {
                throw MLError.invalidData("\(path): bestModel is not a model")
            }
            var owners: [String: Params] = [best.uid: best]
            if let pipeline = best as? PipelineModel { for stage in pipeline.stages { owners[stage.uid] = stage } }
            let bestMap = try pairMap(metadata["bestParamMap"], stages: owners)
            if className == "CrossValidatorModel" {
                return CrossValidatorModel(uid: uid, bestModel: best, avgMetrics: try numbers(metadata, "avgMetrics"),
                                           stdMetrics: try numbers(metadata, "stdMetrics"), subModels: nil, bestParamMap: bestMap)
            }
            return TrainValidationSplitModel(uid: uid, bestModel: best, validationMetrics: try numbers(metadata, "validationMetrics"),
                                             subModels: nil, bestParamMap: bestMap)
        case "CrossValidator", "TrainValidationSplit":
            guard let estimator = try read(directory.appendingPathComponent("estimator")) as? Estimator,
                  let evaluator = try read(directory.appendingPathComponent("evaluator")) as? Evaluator,
                  let entries = metadata["estimatorParamMaps"] as? [Any] else {
                throw MLError.invalidData("\(path): a tuning estimator needs its estimator, evaluator and estimatorParamMaps")
            }
            var owners: [String: Params] = [estimator.uid: estimator]
            if let pipeline = estimator as? Pipeline { for stage in pipeline.stages { owners[stage.uid] = stage } }
            let maps = try entries.map { try pairMap($0, stages: owners) }
            if className == "CrossValidator" { return CrossValidator(uid: uid).setEstimator(estimator).setEvaluator(evaluator).setEstimatorParamMaps(maps) }
            return TrainValidationSplit(uid: uid).setEstimator(estimator).setEvaluator(evaluator).setEstimatorParamMaps(maps)
        default:
            throw MLError.invalidData("\(directory.path) holds a FlintML.\(className), which this version cannot load")
        }
    }

    /// Sets the saved explicit values on `stage`, each checked as when set by hand.
    private static func applyParams(_ metadata: [String: Any], to stage: Params, in path: String) throws {
        guard let values = metadata["paramMap"] as? [String: Any] else { throw MLError.invalidData("\(path): metadata has no paramMap") }
        for (name, json) in values.sorted(by: { $0.key < $1.key }) {
            let declared = try stage.param(named: name)
            guard let value = declared.decode(json: json) else {
                throw MLError.invalidData("\(path): param \(name) cannot take the saved value \(json)")
            }
            try stage.set(ParamPair(key: declared.key, value: value))
        }
    }

    private static func readJSON(_ url: URL, in path: String) throws -> [String: Any] {
        guard let data = try? Data(contentsOf: url) else { throw MLError.invalidData("\(path): cannot read \(url.lastPathComponent)") }
        guard let object = (try? JSONDecoder().decode(SavedJSON.self, from: data))?.object as? [String: Any] else {
            throw MLError.invalidData("\(path): \(url.path.dropFirst(path.count + 1)) is not valid JSON (corrupted?)")
        }
        return object
    }
}

/// JSON read through `JSONDecoder`, which parses numbers exactly (JSONSerialization rounds the
/// last bit of some doubles, and a reloaded model must predict exactly as the saved one).
private enum SavedJSON: Decodable {
    case bool(Bool), number(Double), string(String), array([SavedJSON]), object([String: SavedJSON]), null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let flag = try? container.decode(Bool.self) { self = .bool(flag) }
        else if let number = try? container.decode(Double.self) { self = .number(number) }
        else if let text = try? container.decode(String.self) { self = .string(text) }
        else if let array = try? container.decode([SavedJSON].self) { self = .array(array) }
        else { self = .object(try container.decode([String: SavedJSON].self)) }
    }

    /// As JSONSerialization's objects: NSNumber, String, [Any], [String: Any], NSNull.
    var object: Any {
        switch self {
        case let .bool(flag): NSNumber(value: flag)
        case let .number(number): NSNumber(value: number)
        case let .string(text): text
        case let .array(values): values.map(\.object)
        case let .object(members): members.mapValues(\.object)
        case .null: NSNull()
        }
    }
}
