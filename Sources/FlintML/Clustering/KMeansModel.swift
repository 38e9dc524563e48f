import FlintLinalg
import FlintSQL

/// A fitted k-means model, as spark.ml's `KMeansModel`: the centers, `predict` (the nearest
/// center's index) and `transform` (adds the prediction column).
public final class KMeansModel: Model, @unchecked Sendable {
    /// The cluster centers.
    public let clusterCenters: [Vector]
    /// `featuresCol` (default `features`).
    public let featuresCol: Param<String>
    /// `predictionCol` (default `prediction`).
    public let predictionCol: Param<String>
    /// `distanceMeasure`: euclidean or cosine.
    public let distanceMeasure: Param<String>
    /// The training summary, when fitted in this process.
    public internal(set) var summary: KMeansSummary?

    /// A model of these centers.
    public init(uid: String, clusterCenters: [Vector]) {
        self.clusterCenters = clusterCenters
        featuresCol = SharedParams.featuresCol(uid)
        predictionCol = SharedParams.predictionCol(uid)
        distanceMeasure = Param(parent: uid, name: "distanceMeasure", doc: "The distance measure. Supported options: 'euclidean' and 'cosine'.",
                                validator: .inArray(["euclidean", "cosine"]))
        super.init(uid: uid)
        setDefault(featuresCol, "features")
        setDefault(predictionCol, "prediction")
        setDefault(distanceMeasure, "euclidean")
    }

    /// Whether a training summary is available.
    public var hasSummary: Bool { summary != nil }

    private var centers: KMeansCenters {
        KMeansCenters(clusterCenters.map { $0.toArray() }, cosine: value(distanceMeasure).lowercased() == "cosine")
    }

    /// The index of the center nearest to `features`.
    /// - Throws: `MLError.invalidData` for a vector of another size.
    public func predict(_ features: Vector) throws -> Int {
        try KMeansModel.predict(features, centers)
    }

    private static func predict(_ features: Vector, _ centers: KMeansCenters) throws -> Int {
        guard features.size == centers.dimension else {
            throw MLError.invalidData("the model's centers have \(centers.dimension) dimensions but the vector has \(features.size)")
        }
        let point = centers.cosine ? KMeansCenters.normalized(features.toArray()) : features.toArray()
        return centers.nearest(point, rows: 1).indices[0]
    }

    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try DatasetColumns.requireVector(schema, value(featuresCol))
        try DatasetColumns.requireAbsent(schema, value(predictionCol))
        return schema.adding(value(predictionCol), .integer)
    }

    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let centers = self.centers
        let predict = RowFunction.column(dataset, name: "\(uid)_predict", returnType: .integer, inputs: [col(value(featuresCol))]) { values in
            guard case let .vector(features) = values[0] else { return .null }
            return .integer(Int32(try KMeansModel.predict(features, centers)))
        }
        return try dataset.withColumn(value(predictionCol), predict)
    }

    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: KMeansModel(uid: uid, clusterCenters: clusterCenters), extra: extra)
        copy.parent = parent
        copy.summary = summary
        return copy
    }
}

/// The training summary of a `KMeansModel`, as Spark's `KMeansSummary`.
public struct KMeansSummary: @unchecked Sendable {
    /// The training data with the prediction column.
    public let predictions: DataFrame
    /// The number of centers.
    public let k: Int
    /// The Lloyd iterations run.
    public let numIter: Int
    /// Σ weight · distance to the nearest center, for the final centers (squared Euclidean or
    /// cosine distance).
    public let trainingCost: Double
    /// The number of training points in each cluster.
    public let clusterSizes: [Int]
}
