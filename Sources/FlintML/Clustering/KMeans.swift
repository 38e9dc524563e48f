import FlintCore
import FlintLinalg
import FlintSQL

/// k-means clustering, as spark.ml's `KMeans`: `k` centers initialised by "k-means||"
/// (default, `initSteps` rounds) or "random", then Lloyd iterations until every center moves
/// less than `tol` or `maxIter`; "euclidean" or "cosine" `distanceMeasure`; `weightCol`. Each
/// iteration is one pass over the cached blocks, the distances of a block to all centers by one
/// GEMM. A cluster that loses all its points keeps its center, as Spark.
public final class KMeans: Estimator, @unchecked Sendable {
    /// `k` (default 2, > 1).
    public let k: Param<Int>
    /// `maxIter` (default 20).
    public let maxIter: Param<Int>
    /// `tol` (default 1e-4).
    public let tol: Param<Double>
    /// `seed`.
    public let seed: Param<Int>
    /// `initMode`: "k-means||" or "random".
    public let initMode: Param<String>
    /// `initSteps` (default 2, > 0).
    public let initSteps: Param<Int>
    /// `distanceMeasure`: "euclidean" or "cosine".
    public let distanceMeasure: Param<String>
    /// `featuresCol` (default `features`).
    public let featuresCol: Param<String>
    /// `predictionCol` (default `prediction`).
    public let predictionCol: Param<String>
    /// `weightCol` (unset: weights 1).
    public let weightCol: Param<String>

    /// An estimator with Spark's defaults.
    public override init(uid: String = Params.randomUID("kmeans")) {
        k = Param(parent: uid, name: "k", doc: "The number of clusters to create. Must be > 1.", validator: .gt(1))
        maxIter = SharedParams.maxIter(uid)
        tol = SharedParams.tol(uid)
        seed = SharedParams.seed(uid)
        initMode = Param(parent: uid, name: "initMode", doc: "The initialization algorithm. Supported options: 'random' and 'k-means||'.",
                         validator: .inArray(["random", "k-means||"]))
        initSteps = Param(parent: uid, name: "initSteps", doc: "The number of steps for k-means|| initialization mode. Must be > 0.",
                          validator: .gt(0))
        distanceMeasure = Param(parent: uid, name: "distanceMeasure", doc: "The distance measure. Supported options: 'euclidean' and 'cosine'.",
                                validator: .inArray(["euclidean", "cosine"]))
        featuresCol = SharedParams.featuresCol(uid)
        predictionCol = SharedParams.predictionCol(uid)
        weightCol = SharedParams.weightCol(uid)
        super.init(uid: uid)
        setDefault(k, 2)
        setDefault(maxIter, 20)
        setDefault(tol, 1e-4)
        // Spark's default seed: the class name's Java hashCode.
        setDefault(seed, -1_689_246_527)
        setDefault(initMode, "k-means||")
        setDefault(initSteps, 2)
        setDefault(distanceMeasure, "euclidean")
        setDefault(featuresCol, "features")
        setDefault(predictionCol, "prediction")
    }

    /// Sets `k`.
    @discardableResult public func setK(_ value: Int) throws -> Self { try set(k, value); return self }
    /// Sets `maxIter`.
    @discardableResult public func setMaxIter(_ value: Int) throws -> Self { try set(maxIter, value); return self }
    /// Sets `tol`.
    @discardableResult public func setTol(_ value: Double) throws -> Self { try set(tol, value); return self }
    /// Sets `seed`.
    @discardableResult public func setSeed(_ value: Int) throws -> Self { try set(seed, value); return self }
    /// Sets `initMode`.
    @discardableResult public func setInitMode(_ value: String) throws -> Self { try set(initMode, value); return self }
    /// Sets `initSteps`.
    @discardableResult public func setInitSteps(_ value: Int) throws -> Self { try set(initSteps, value); return self }
    /// Sets `distanceMeasure`.
    @discardableResult public func setDistanceMeasure(_ value: String) throws -> Self { try set(distanceMeasure, value); return self }
    /// Sets `featuresCol`.
    @discardableResult public func setFeaturesCol(_ value: String) throws -> Self { try set(featuresCol, value); return self }
    /// Sets `weightCol`.
    @discardableResult public func setWeightCol(_ value: String) throws -> Self { try set(weightCol, value); return self }

    var weightColumn: String? { (try? getOrDefault(weightCol)).flatMap { $0.isEmpty ? nil : $0 } }

    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try DatasetColumns.requireVector(schema, value(featuresCol))
        if let weight = weightColumn { try DatasetColumns.requireNumeric(schema, weight, role: "weight") }
        try DatasetColumns.requireAbsent(schema, value(predictionCol))
        return schema.adding(value(predictionCol), .integer)
    }

    /// Clusters `dataset` (the initialisation passes, then one pass per iteration).
    /// - Throws: `MLError` for bad columns, no points, zero vectors with cosine distance.
    public override func fit(_ dataset: DataFrame) throws -> KMeansModel {
        _ = try transformSchema(dataset.schema)
        let cosine = value(distanceMeasure).lowercased() == "cosine"
        var blocks = try InstanceBlock.featureBlocks(dataset, featuresCol: value(featuresCol), weightCol: weightColumn)
        if cosine { blocks = try blocks.map(KMeans.normalizedRows) }
        try blocks.persist(.memoryAndDisk)
        defer { blocks.unpersist() }
        let clusters = value(k)
        let initialization = KMeansInitialization(blocks: blocks, k: clusters, seed: Int64(value(seed)), cosine: cosine)
        var centers = value(initMode).lowercased() == "random" ? try initialization.randomPoints(clusters, salt: 1)
                                                               : try initialization.kMeansParallel(steps: value(initSteps))
        guard !centers.isEmpty else { throw MLError.invalidData("KMeans needs at least one point with a positive weight") }
        let tolerance = value(tol)
        var iterations = 0
        while iterations < value(maxIter) {
            iterations += 1
            let pass = try KMeansPass.run(blocks, KMeansCenters(centers, cosine: cosine))
            let d = centers[0].count
            var converged = true
            for c in centers.indices where pass.weights[c] > 0 {
                var center = (0..<d).map { pass.sums[c * d + $0] / pass.weights[c] }
                if cosine { center = KMeansCenters.normalized(center) }
                let moved = cosine ? 1 - zip(center, centers[c]).reduce(0) { $0 + $1.0 * $1.1 } / max(KMeans.norm(centers[c]), 1e-300)
                                   : zip(center, centers[c]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                if moved > (cosine ? tolerance : tolerance * tolerance) { converged = false }
                centers[c] = center
            }
            if converged { break }
        }
        let final = try KMeansPass.run(blocks, KMeansCenters(centers, cosine: cosine))
        let model = copyValues(to: KMeansModel(uid: uid, clusterCenters: centers.map { .dense(DenseVector($0)) }))
        model.parent = self
        model.summary = KMeansSummary(predictions: try model.transform(dataset), k: centers.count, numIter: iterations,
                                      trainingCost: final.cost, clusterSizes: final.counts)
        return model
    }

    static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// A block with every row scaled to unit length (for cosine distance).
    /// - Throws: `MLError.invalidData` for a zero vector, for which cosine distance is undefined.
    static func normalizedRows(_ block: InstanceBlock) throws -> InstanceBlock {
        var copy = block
        let d = block.numFeatures
        for row in 0..<block.count {
            let norm = KMeans.norm(Array(block.features[(row * d)..<((row + 1) * d)]))
            guard norm > 0 else { throw MLError.invalidData("Cosine distance is not defined for zero-length vectors.") }
            for j in 0..<d { copy.features[row * d + j] /= norm }
        }
        return copy
    }

    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: KMeans(uid: uid), extra: extra) }
}
