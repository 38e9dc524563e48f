import FlintCore
import FlintLinalg
import FlintSQL

/// Evaluates a clustering by its mean silhouette, as spark.ml's `ClusteringEvaluator`
/// (`metricName` "silhouette", `distanceMeasure` "squaredEuclidean" (default) or "cosine"),
/// computed as Spark does in two passes: per cluster the count, Σx and Σ‖x‖² (or Σ x/‖x‖), then
/// per point the mean distance to its own cluster (without itself) and to the nearest other
/// cluster from those sums: O(points × clusters × dimension), no pairwise distances.
public final class ClusteringEvaluator: Evaluator, @unchecked Sendable {
    /// `metricName`: silhouette.
    public let metricName: Param<String>
    /// `distanceMeasure`: squaredEuclidean or cosine.
    public let distanceMeasure: Param<String>
    /// `featuresCol` (default `features`).
    public let featuresCol: Param<String>
    /// `predictionCol` (default `prediction`).
    public let predictionCol: Param<String>

    /// An evaluator with Spark's defaults.
    public override init(uid: String = Params.randomUID("cluEval")) {
        metricName = Param(parent: uid, name: "metricName", doc: "metric name in evaluation (silhouette)", validator: .inArray(["silhouette"]))
        distanceMeasure = Param(parent: uid, name: "distanceMeasure", doc: "The distance measure. Supported options: 'squaredEuclidean' and 'cosine'.",
                                validator: .inArray(["squaredEuclidean", "cosine"]))
        featuresCol = SharedParams.featuresCol(uid)
        predictionCol = SharedParams.predictionCol(uid)
        super.init(uid: uid)
        setDefault(metricName, "silhouette")
        setDefault(distanceMeasure, "squaredEuclidean")
        setDefault(featuresCol, "features")
        setDefault(predictionCol, "prediction")
    }

    /// Sets `distanceMeasure`.
    @discardableResult public func setDistanceMeasure(_ value: String) throws -> Self { try set(distanceMeasure, value); return self }
    /// Sets `featuresCol`.
    @discardableResult public func setFeaturesCol(_ value: String) throws -> Self { try set(featuresCol, value); return self }
    /// Sets `predictionCol`.
    @discardableResult public func setPredictionCol(_ value: String) throws -> Self { try set(predictionCol, value); return self }

    private struct ClusterStats: Sendable {
        var counts: [Int: Double] = [:]
        var sums: [Int: [Double]] = [:]
        var squares: [Int: Double] = [:]
    }

    public override func evaluate(_ dataset: DataFrame) throws -> Double {
        try DatasetColumns.requireVector(dataset.schema, value(featuresCol))
        try DatasetColumns.requireNumeric(dataset.schema, value(predictionCol), role: "prediction")
        let cosine = value(distanceMeasure).lowercased() == "cosine"
        let points = try dataset.select(col(value(featuresCol)), col(value(predictionCol)).cast("int")).batchRDD.map { batch in
            try (0..<batch.rowCount).compactMap { row -> (Int, [Double])? in
                guard case let .vector(vector) = batch.columns[0].value(at: row), case let .integer(cluster) = batch.columns[1].value(at: row) else { return nil }
                var x = vector.toArray()
                if cosine {
                    let norm = KMeans.norm(x)
                    guard norm > 0 else { throw MLError.invalidData("Cosine distance is not defined for zero-length vectors.") }
                    x = x.map { $0 / norm }
                }
                return (Int(cluster), x)
            }
        }
        try points.persist(.memoryAndDisk)
        defer { points.unpersist() }
        let stats = try points.aggregate(ClusterStats(), seqOp: { stats, rows in
            var result = stats
            for (cluster, x) in rows {
                result.counts[cluster, default: 0] += 1
                result.sums[cluster] = zip(result.sums[cluster] ?? [Double](repeating: 0, count: x.count), x).map(+)
                result.squares[cluster, default: 0] += x.reduce(0) { $0 + $1 * $1 }
            }
            return result
        }, combOp: { a, b in
            var result = a
            for (cluster, count) in b.counts {
                result.counts[cluster, default: 0] += count
                result.sums[cluster] = zip(result.sums[cluster] ?? [Double](repeating: 0, count: b.sums[cluster]!.count), b.sums[cluster]!).map(+)
                result.squares[cluster, default: 0] += b.squares[cluster]!
            }
            return result
        })
        guard stats.counts.count >= 2 else {
            throw MLError.invalidData("Number of clusters must be greater than one, found \(stats.counts.count)")
        }
        let totals = try points.map { rows -> (Double, Double) in
            (rows.reduce(0) { $0 + ClusteringEvaluator.silhouette($1.1, cluster: $1.0, stats: stats, cosine: cosine) }, Double(rows.count))
        }.reduce { ($0.0 + $1.0, $0.1 + $1.1) }
        return totals.0 / totals.1
    }

    /// The silhouette of one point from the clusters' sums.
    private static func silhouette(_ x: [Double], cluster: Int, stats: ClusterStats, cosine: Bool) -> Double {
        let squaredNorm = x.reduce(0) { $0 + $1 * $1 }
        func meanDistance(to other: Int) -> Double {
            let count = stats.counts[other]!, sum = stats.sums[other]!
            let dot = zip(x, sum).reduce(0) { $0 + $1.0 * $1.1 }
            return cosine ? 1 - dot / count : squaredNorm + stats.squares[other]! / count - 2 * dot / count
        }
        let size = stats.counts[cluster]!
        guard size > 1 else { return 0 }
        let own = meanDistance(to: cluster) * size / (size - 1)
        let nearest = stats.counts.keys.filter { $0 != cluster }.map(meanDistance(to:)).min()!
        return own < nearest ? 1 - own / nearest : (own > nearest ? nearest / own - 1 : 0)
    }

    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: ClusteringEvaluator(uid: uid), extra: extra) }
}
